import type { BigIntStats, Stats } from 'node:fs';

/** What a path is when it is not a regular file, for messages: "a named pipe", "a device", "a folder"… */
export function kindOf(stats: Stats | BigIntStats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a plain file';
}
