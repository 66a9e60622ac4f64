/**
 * Files the job creates hold children's data, so they are readable by their owner only,
 * whatever the umask: folders 0700, files 0600 (POSIX; on Windows the folder's ACL decides,
 * see docs/security.md). `process.umask(0o077)` in the CLI covers what SQLite creates itself;
 * these helpers set the modes explicitly as well, so library callers and tests get them too.
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { printable } from './printable';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

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
      chmodSync(level, PRIVATE_FOLDER_MODE); // the umask may have taken bits away
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      if (code !== 'EEXIST') throw new FolderError(level, code);
    }
  }
}

/**
 * Makes an existing file owner-only (a file from an older version, or SQLite's -wal/-shm).
 * A file owned by another account cannot be changed (EPERM): left as it is, not a failed run.
 */
export function makePrivate(file: string): void {
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw error;
  }
}

/**
 * Creates `file` empty and owner-only when it does not exist yet; tightens it when it does.
 * An existing file is never opened here: closing any descriptor of a file drops every POSIX
 * lock this process holds on it, SQLite's included.
 */
export function ensurePrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  makePrivate(file);
}

/** Writes (or replaces) a file, owner-only. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  makePrivate(file); // the mode option applies only when the file is created
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
