import { TARGET_MEASURES, type TargetRecord } from '../../model/source-records';
import { choice, count, date, localityOrAll, rowReaders } from '../fields';
import type { FileDefinition } from '../file-definition';
import { LOCALITY } from './limits';

/** `targets.csv` (optional): one target per locality (or `All`), measure and period. */
export const targetsFile = (): FileDefinition<TargetRecord> => ({
  columns: ['locality', 'measure', 'period_start', 'period_end', 'target'].map((name) => ({ name, required: true })),
  personIdColumn: null,
  ...rowReaders(
    {
      locality: localityOrAll('locality', LOCALITY),
      measure: choice('measure', TARGET_MEASURES, 'unknown_measure'),
      period_start: date('period_start', { required: true }),
      period_end: date('period_end', { required: true }),
      target: count('target'),
    },
    (row, sourceFile, line) => ({
      locality: row.locality,
      measure: row.measure,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      target: row.target,
      sourceFile,
      line,
    }),
  ),
  check: (target) =>
    target.periodEnd < target.periodStart
      ? {
          column: 'period_end',
          rule: 'period_end_before_start',
          message: `period_end ${target.periodEnd} is before period_start ${target.periodStart}`,
        }
      : null,
  // target_progress is keyed by (locality, measure, period_start, period_end).
  unique: {
    key: (t) => [t.locality.toLowerCase(), t.measure, t.periodStart, t.periodEnd].join('\u0000'),
    duplicate: (_target, firstLine) => ({
      column: null,
      rule: 'duplicate_target',
      message: `the same locality, measure and period already appear on line ${firstLine}; only the first row is kept`,
    }),
  },
});
