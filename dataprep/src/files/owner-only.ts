/**
 * Files the job creates hold children's data, so they are readable by their owner only,
 * whatever the umask: folders 0700, files 0600 (POSIX; on Windows the folder's ACL decides,
 * see docs/security.md). `process.umask(0o077)` in the CLI covers what SQLite creates itself;
 * these helpers set the modes explicitly as well, so library callers and tests get them too.
 * They never follow a link at the file's own name (real-names.ts): a file is created with
 * O_CREAT|O_EXCL|O_NOFOLLOW, and an existing one is looked at with lstat before any chmod.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants, fchmodSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { printable } from './printable';
import { entryAt, NO_FOLLOW, ownedByThisAccount } from './real-names';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Flags that create a new file and never open an existing one or follow a link to one. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW;

/** A folder could not be created: one line naming it and the system's reason. */
export class FolderError extends Error {
  constructor(readonly folder: string, code: string) {
    super(`cannot create the folder ${printable(folder)} (${code})`);
    this.name = 'FolderError';
  }
}

/**
 * Creates `folder` and any missing parents, each 0700; folders that already exist are left
 * as they are. One level at a time, because Node's recursive mkdir never returns for some
 * impossible paths (e.g. under /proc) instead of failing.
 */
export function makePrivateFolder(folder: string): void {
  const missing: string[] = [];
  for (let at = resolve(folder); !exists(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const level of missing) {
    try {
      mkdirSync(level, { mode: PRIVATE_FOLDER_MODE });
      // The umask may have taken bits away; chmod only the folder just made, not a link put in its place.
      if (entryAt(level)?.isDirectory()) chmodSync(level, PRIVATE_FOLDER_MODE);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      if (code !== 'EEXIST') throw new FolderError(level, code);
    }
  }
}

/**
 * Makes an existing file of this account owner-only (a file from an older version, or SQLite's
 * -wal/-shm). Only a regular file with one name, looked at without following a link: a link,
 * another account's file or anything else is left as it is.
 */
export function tightenPrivate(file: string): void {
  const stats = entryAt(file);
  if (!stats?.isFile() || stats.nlink !== 1n || !ownedByThisAccount(stats) || (Number(stats.mode) & 0o077) === 0) return;
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw error;
  }
}

/**
 * Opens a new, empty, owner-only file for writing (O_CREAT|O_EXCL|O_NOFOLLOW: never an existing
 * file or a link). Throws (EEXIST when anything is at that name) leaving nothing behind; the
 * caller closes the descriptor.
 */
export function openNewPrivateFile(file: string): number {
  const fd = openSync(file, CREATE_NEW, PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE); // the umask may have taken bits away
    return fd;
  } catch (error) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw error;
  }
}

/**
 * A name beside `file` to write it under before renaming it into place: `<file>.<pid>.<8 hex>.tmp`.
 * The process ID tells a killed writer's leftovers from a running one's.
 */
export function temporaryNameFor(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/**
 * Creates `file` empty and owner-only; false, touching nothing, when anything (a file, a link)
 * is already at that name. An existing file is never opened here: closing any descriptor of a
 * file drops every POSIX lock this process holds on it, SQLite's included.
 */
export function createPrivateFile(file: string): boolean {
  try {
    closeSync(openNewPrivateFile(file));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Writes (or replaces) a file, owner-only: a new file is written beside it and renamed over it,
 * so a link at that name is replaced, never followed, and no existing file is changed in place.
 */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  const temporary = temporaryNameFor(file);
  const fd = openNewPrivateFile(temporary);
  try {
    try {
      writeFileSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
