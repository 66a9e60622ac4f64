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

export function sentenceMembership(row: SentenceRow, windows: Windows): SentenceMembership {
  switch (row.status) {
    case 'onTime':
      return { last: inRange(row.actual, windows.last) ? 'onTime' : null, next: false };
    case 'late':
      return { last: inRange(row.actual, windows.last) ? 'late' : null, next: false };
    case 'notYetStarted': {
      // Not Yet Started means P < A; the window's upper end is A itself.
      const counts = inRange(row.predicted, windows.last) && row.predicted! < windows.last.to;
      return { last: counts ? 'yetToStart' : null, next: false };
    }
    case 'upcoming':
      return { last: null, next: true };
    default:
      return { last: null, next: false };
  }
}

export function countSentence(
  rows: Iterable<SentenceRow>,
  asAt: IsoDate,
  windowMonths: number = DEFAULT_WINDOW_MONTHS,
): SentenceCounts {
  const windows = windowsFor(asAt, windowMonths);
  const counts: SentenceCounts = { onTime: 0, late: 0, yetToStart: 0, planned: 0 };
  for (const row of rows) {
    const membership = sentenceMembership(row, windows);
    if (membership.last) counts[membership.last] += 1;
    if (membership.next) counts.planned += 1;
  }
  return counts;
}

function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** docs/rules.md's sentence, exact spacing and punctuation; singular only for exactly 1. */
export function formatSentence(counts: SentenceCounts, windowMonths: number = DEFAULT_WINDOW_MONTHS): string {
  return (
    `In the LAST ${windowMonths} months ${plural(counts.onTime, 'assessment', 'assessments')} started on time, ` +
    `${counts.late} started late and ${plural(counts.yetToStart, 'prediction is', 'predictions are')} yet to start. ` +
    `In the NEXT ${windowMonths} months ${plural(counts.planned, 'assessment is', 'assessments are')} planned to start.`
  );
}
