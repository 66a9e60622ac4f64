import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ExtractError } from '../model/data-quality';
import type { DataQualityRule } from '../model/data-quality-rules';
import type { SourceFileName } from '../model/source-records';

/** The contract's required files (docs/source-contract.md); predictions come as .csv or .xlsx. */
const REQUIRED_FILES: readonly SourceFileName[] = ['episodes.csv', 'allocations.csv', 'assessments.csv', 'predictions.csv', 'predictions.xlsx'];

export const DEFAULT_MAX_EXTRACT_AGE_HOURS = 36;

/** The daily run found yesterday's (or last week's) export: nothing is published. */
export class StaleExtractError extends ExtractError {
  readonly rule: DataQualityRule = 'stale_extract';

  constructor(file: SourceFileName, readonly ageHours: number, message: string) {
    super(file, message);
    this.name = 'StaleExtractError';
  }
}

/** The most recently modified required file present, or null when none is there (reading will say which is missing). */
export function newestRequiredFile(dir: string): { file: SourceFileName; modified: Date } | null {
  let newest: { file: SourceFileName; modified: Date } | null = null;
  for (const file of REQUIRED_FILES) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const modified = statSync(path).mtime;
    if (newest === null || modified > newest.modified) newest = { file, modified };
  }
  return newest;
}

/** Rounded down to one decimal, so "36.0 hours" is never shown for 36.04 (just over the limit, still reads honestly). */
const hours = (ms: number): string => (Math.floor(ms / 360_000) / 10).toFixed(1);

/**
 * Throws StaleExtractError when even the newest required file is older than `maxAgeHours`:
 * a missed overnight export would otherwise be published as today's data. One line naming
 * the file and its age; `--allow-stale` (the caller passes null) skips the check.
 */
export function assertFreshExtract(dir: string, maxAgeHours: number, now: Date): void {
  const newest = newestRequiredFile(dir);
  if (newest === null) return;
  const ageMs = now.getTime() - newest.modified.getTime();
  if (ageMs <= maxAgeHours * 3_600_000) return;
  throw new StaleExtractError(
    newest.file,
    ageMs / 3_600_000,
    `${newest.file}: the extract is stale: the newest required file, ${newest.file}, was last modified ${hours(ageMs)} hours ago ` +
      `(${newest.modified.toISOString()}), more than the ${maxAgeHours} hours allowed (PPOC_MAX_EXTRACT_AGE_HOURS); ` +
      'check the overnight export, or re-run with --allow-stale to publish it deliberately',
  );
}
