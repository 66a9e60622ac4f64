import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ExtractError } from '../model/data-quality';
import type { DataQualityRule } from '../model/data-quality-rules';
import { REQUIRED_FILES, type SourceFileName } from '../model/source-records';

export const DEFAULT_MAX_EXTRACT_AGE_HOURS = 36;

/**
 * How far ahead of this machine's clock a file's time may be and still be trusted: the clock
 * skew a Windows domain tolerates (Kerberos), so a file server a few minutes fast is not a failure.
 */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** The daily run found yesterday's (or last week's) export, or a file whose time cannot be trusted: nothing is published. */
export class StaleExtractError extends ExtractError {
  readonly rule: DataQualityRule = 'stale_extract';

  constructor(file: SourceFileName, readonly ageHours: number, message: string) {
    super(file, message);
    this.name = 'StaleExtractError';
  }
}

interface Modified {
  file: SourceFileName;
  modified: Date;
}

/** Each required file present with its modification time (reading will say which is missing). */
function requiredFileTimes(dir: string): Modified[] {
  return REQUIRED_FILES.filter((file) => existsSync(join(dir, file))).map((file) => ({ file, modified: statSync(join(dir, file)).mtime }));
}

/** The most recently modified of `times`, or null when there are none. */
const newestOf = (times: readonly Modified[]): Modified | null =>
  times.reduce<Modified | null>((newest, f) => (newest === null || f.modified > newest.modified ? f : newest), null);

/** One of `times` after `now` (beyond the clock-skew tolerance), or null. */
const futureOf = (times: readonly Modified[], now: Date): Modified | null =>
  times.find((f) => f.modified.getTime() - now.getTime() > FUTURE_TOLERANCE_MS) ?? null;

/** Rounded down to one decimal, so "36.0 hours" is never shown for 36.04 (just over the limit, still reads honestly). */
const hours = (ms: number): string => (Math.floor(ms / 360_000) / 10).toFixed(1);

const OVERRIDE = 're-run with --allow-stale to publish it deliberately';

/**
 * Throws StaleExtractError when a required file was modified in the future (its age cannot be
 * trusted: one such file would otherwise vouch for a week-old extract) or when even the newest
 * required file is older than `maxAgeHours`: a missed overnight export would otherwise be
 * published as today's data. One line naming the file; `--allow-stale` (the caller passes null)
 * skips the check.
 */
export function assertFreshExtract(dir: string, maxAgeHours: number, now: Date): void {
  const times = requiredFileTimes(dir); // each file stat-ed once for both checks
  const future = futureOf(times, now);
  if (future !== null) {
    const aheadMs = future.modified.getTime() - now.getTime();
    throw new StaleExtractError(
      future.file,
      -aheadMs / 3_600_000,
      `${future.file}: the extract's age cannot be trusted: ${future.file} was modified in the future ` +
        `(${future.modified.toISOString()}, ${hours(aheadMs)} hours ahead of this machine's clock); ` +
        `check the clocks of this machine and of the machine that wrote the extract, or ${OVERRIDE}`,
    );
  }
  const newest = newestOf(times);
  if (newest === null) return;
  const ageMs = now.getTime() - newest.modified.getTime();
  if (ageMs <= maxAgeHours * 3_600_000) return;
  throw new StaleExtractError(
    newest.file,
    ageMs / 3_600_000,
    `${newest.file}: the extract is stale: the newest required file, ${newest.file}, was last modified ${hours(ageMs)} hours ago ` +
      `(${newest.modified.toISOString()}), more than the ${maxAgeHours} hours allowed (PPOC_MAX_EXTRACT_AGE_HOURS); ` +
      `check the overnight export, or ${OVERRIDE}`,
  );
}
