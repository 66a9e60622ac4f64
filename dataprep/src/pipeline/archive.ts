import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isIsoDate, type IsoDate } from '../../../core/src/index';

/** One archived extract folder, `DIR/YYYY-MM-DD/`, to be run as at its name's date. */
export interface ArchivedExtract {
  asAt: IsoDate;
  path: string;
}

export interface ArchiveListing {
  /** Oldest first. */
  extracts: ArchivedExtract[];
  /** Entries that are not dated extract folders, with why (hidden entries are not listed). */
  skipped: { name: string; reason: string }[];
}

const DATED = /^\d{4}-\d{2}-\d{2}$/;

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Reads a backfill archive: the dated folders in date order, and what else is there. */
export function listArchive(dir: string): ArchiveListing {
  const extracts: ArchivedExtract[] = [];
  const skipped: ArchiveListing['skipped'] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue; // .DS_Store, .git and the like
    const path = join(dir, name);
    if (!isFolder(path)) skipped.push({ name, reason: 'not a folder' });
    else if (!DATED.test(name)) skipped.push({ name, reason: 'not named YYYY-MM-DD' });
    else if (!isIsoDate(name)) skipped.push({ name, reason: 'not a calendar date' });
    else extracts.push({ asAt: name, path });
  }
  return { extracts, skipped };
}
