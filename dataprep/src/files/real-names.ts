/**
 * A file the job creates, writes, chmods or locks is reached through its own name only: never
 * through a symbolic link (which may lead anywhere: /dev/zero, another account's file, a folder
 * the job was never given), and never a file that has a second name (a hard link), which two runs
 * would take for two files. Folders on the way may be links: the operating system resolves them
 * to one real folder, so a name in it is one file however the folder was reached.
 */
import { constants, lstatSync, realpathSync, type BigIntStats } from 'node:fs';
import { kindOf } from './file-kind';
import { printable } from './printable';

/** O_NOFOLLOW where the system has it (Windows has none: there the lstat checks below refuse links). */
export const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** A path the job will not write, lock or change: one line, what it is and what to give instead (exit 2). */
export class FileRefusedError extends Error {
  constructor(readonly problem: string, readonly fix: string) {
    super(`${problem}: ${fix}`);
    this.name = 'FileRefusedError';
  }
}

/** A file's identity on this machine, device and inode (`2049:1234567`): the same for every name of one file. */
export function identityOf(stats: BigIntStats): string {
  return `${stats.dev}:${stats.ino}`;
}

/** The path's own entry (a link is not followed), or null when nothing is there. */
export function entryAt(path: string): BigIntStats | null {
  try {
    return lstatSync(path, { bigint: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The regular file at `path` (its own entry, not a link's target) when it is the file of this
 * identity, else null: a name a run checked still leads to that file, nothing swapped in.
 */
export function sameFileAt(path: string, identity: string | null): BigIntStats | null {
  const stats = entryAt(path);
  return stats?.isFile() && identityOf(stats) === identity ? stats : null;
}

/** True when this account owns the file (always true where the system has no owners, i.e. Windows). */
export function ownedByThisAccount(stats: { uid: number | bigint }): boolean {
  return typeof process.getuid !== 'function' || Number(stats.uid) === process.getuid();
}

function realPath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null; // a dangling link
  }
}

/**
 * What is at `path` when the job is to write or lock the file under that name: nothing (null), or
 * a regular file that is not a link and has no other name. `what` names it ("the SQLite file").
 */
export function ownNameEntry(path: string, what: string): BigIntStats | null {
  const stats = entryAt(path);
  if (!stats) return null;
  const name = printable(path);
  if (stats.isSymbolicLink()) {
    const real = realPath(path);
    throw new FileRefusedError(
      `${what} ${name} is a symbolic link${real ? ` to ${printable(real)}` : ' that leads nowhere'}`,
      `the job writes only through a file's real path: give ${real ? printable(real) : 'that'} instead`,
    );
  }
  if (!stats.isFile()) throw new FileRefusedError(`${what} ${name} is not a regular file (${kindOf(stats)})`, 'give the path of a file');
  if (stats.nlink > 1n) {
    throw new FileRefusedError(
      `${what} ${name} has ${stats.nlink} names (hard links)`,
      `remove every other name and keep one (find them with: find / -xdev -samefile ${name})`,
    );
  }
  return stats;
}
