/**
 * Reading what a path leads to (links followed) without ever waiting on it: the stat that tells
 * an absent file from a present one, and an open that returns at once should a FIFO have been put
 * in a regular file's place since (the caller's fstat then refuses it). Shared by the extract's
 * files and the SQLite file of the read commands.
 */
import { constants, statSync, type Stats } from 'node:fs';

/** Open flags that read without waiting: a FIFO opened with O_NONBLOCK returns at once. */
export const READ_WITHOUT_WAITING = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** What `path` leads to (links followed), or null when nothing is there (ENOENT; ENOTDIR: a file on the way). */
export function targetAt(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}
