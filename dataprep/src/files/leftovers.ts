/**
 * What a killed command left in a folder (a temporary file of an export, the job's own temporary
 * folder): entries named as the job names its own. Removed only when the caller's test accepts
 * the entry as looked at without following a link; anything gone or not ours to remove is left.
 */
import { readdirSync, rmSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { entryAt } from './real-names';

export interface Leftover {
  /** True for a name the job gives its own entries, made by a process that has ended. */
  named(name: string): boolean;
  /** True for an entry of that name the job may remove (a regular file, a folder of this account…). */
  ours(stats: BigIntStats): boolean;
}

/** Removes the leftovers in `parent` (a folder recursively); throws only when `parent` cannot be listed. */
export function removeLeftovers(parent: string, leftover: Leftover): void {
  for (const name of readdirSync(parent)) {
    if (!leftover.named(name)) continue;
    const path = join(parent, name);
    try {
      const stats = entryAt(path);
      if (stats && leftover.ours(stats)) rmSync(path, { recursive: true, force: true });
    } catch {
      // gone already, or not ours to remove: the command goes on
    }
  }
}
