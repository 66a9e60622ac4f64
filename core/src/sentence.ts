import type { IsoDate } from './calendar-date';
import { DEFAULT_WINDOW_MONTHS, type StatusKey } from './status';
import { inRange, windowsFor, type Windows } from './windows';

/** Which part of the summary sentence a listed plan counts towards (docs/rules.md). */
export type LastWindowBucket = 'onTime' | 'late' | 'yetToStart';

export interface SentenceRow {
  status: StatusKey | null;
  predicted: IsoDate | null;
  actual: IsoDate | null;
}

export interface SentenceMembership {
  last: LastWindowBucket | null;
  next: boolean;
}

export interface SentenceCounts {
  onTime: number;
  late: number;
  yetToStart: number;
  planned: number;
}

/**
 * The count a row adds to (`planned`: the next window), or null. Allocates nothing: the visual
 * calls it for each of 30,000 rows while converting.
 */
export function sentenceBucket(
  status: StatusKey | null,
  predicted: IsoDate | null,
  actual: IsoDate | null,
  windows: Windows,
): keyof SentenceCounts | null {
  switch (status) {
    case 'onTime':
      return inRange(actual, windows.last) ? 'onTime' : null;
    case 'late':
      return inRange(actual, windows.last) ? 'late' : null;
    case 'notYetStarted':
      // Not Yet Started means P < A; the window's upper end is A itself.
      return inRange(predicted, windows.last) && predicted! < windows.last.to ? 'yetToStart' : null;
    case 'upcoming':
      return 'planned';
    default:
      return null;
  }
}

export function sentenceMembership(row: SentenceRow, windows: Windows): SentenceMembership {
  const bucket = sentenceBucket(row.status, row.predicted, row.actual, windows);
  return { last: bucket === 'planned' ? null : bucket, next: bucket === 'planned' };
}

export function countSentence(
  rows: Iterable<SentenceRow>,
  asAt: IsoDate,
  windowMonths: number = DEFAULT_WINDOW_MONTHS,
): SentenceCounts {
  const windows = windowsFor(asAt, windowMonths);
  const counts: SentenceCounts = { onTime: 0, late: 0, yetToStart: 0, planned: 0 };
  for (const row of rows) {
    const bucket = sentenceBucket(row.status, row.predicted, row.actual, windows);
    if (bucket !== null) counts[bucket] += 1;
  }
  return counts;
}

function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** docs/rules.md's sentence, exact spacing and punctuation; singular only for exactly 1 (a 1-month window too). */
export function formatSentence(counts: SentenceCounts, windowMonths: number = DEFAULT_WINDOW_MONTHS): string {
  const months = plural(windowMonths, 'month', 'months');
  return (
    `In the LAST ${months} ${plural(counts.onTime, 'assessment', 'assessments')} started on time, ` +
    `${counts.late} started late and ${plural(counts.yetToStart, 'prediction is', 'predictions are')} yet to start. ` +
    `In the NEXT ${months} ${plural(counts.planned, 'assessment is', 'assessments are')} planned to start.`
  );
}
