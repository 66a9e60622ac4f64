import { isBetween, statusText, type IsoDate } from '../../../core/src/index';
import type { CareExitRow, FcoSlice, PlannedAssessmentRow, TargetProgressRow } from '../model/refresh-set';
import type { TargetMeasure, TargetRecord } from '../model/source-records';
import { IssueLog } from './issues';
import { ALL, FCO_SLICES } from './locality-summary';

export interface ProgressInputs {
  planned: readonly PlannedAssessmentRow[];
  exits: readonly CareExitRow[];
}

const ON_TIME = statusText('onTime');

export function sameLocality(target: string, locality: string | null): boolean {
  const wanted = target.trim().toLowerCase();
  return wanted === ALL.toLowerCase() || (locality != null && locality.trim().toLowerCase() === wanted);
}

const inSlice = (slice: FcoSlice, fco: string) => slice === ALL || slice === fco;

/** The dates a measure counts, for the rows in the target's locality and FCO slice. */
function eventDates(measure: TargetMeasure, inputs: ProgressInputs, locality: string, slice: FcoSlice): (IsoDate | null)[] {
  const plans = inputs.planned.filter((row) => sameLocality(locality, row.locality) && inSlice(slice, row.full_care_order));
  const exits = inputs.exits.filter((row) => sameLocality(locality, row.locality) && inSlice(slice, row.full_care_order_at_exit));
  switch (measure) {
    case 'assessments_started':
      return plans.map((row) => row.actual_start_date);
    case 'assessments_started_on_time':
      return plans.filter((row) => row.status === ON_TIME).map((row) => row.actual_start_date);
    case 'plans':
      return plans.map((row) => row.predicted_start_date);
    case 'sgo_exits':
      return exits.filter((row) => row.reason_group === 'SGO').map((row) => row.ceased_date);
    case 'reunification_exits':
      return exits.filter((row) => row.reason_group === 'Reunification').map((row) => row.ceased_date);
  }
}

/** The table's key is (locality, measure, period), locality case-insensitive as in SQL Server: first row wins. */
export function distinctTargets(targets: readonly TargetRecord[], log: IssueLog): TargetRecord[] {
  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = [target.locality.trim().toLowerCase(), target.measure, target.periodStart, target.periodEnd].join('\u0000');
    if (!seen.has(key)) {
      seen.add(key);
      return true;
    }
    log.warn('duplicate_target', 'Target repeats the locality, measure and period of an earlier row; the first is used', {
      ref: target,
      column: 'measure',
    });
    return false;
  });
}

/**
 * Three rows per target (already distinct), one per FCO slice (`All`, `Yes`, `No`), each with the whole target and
 * the events of that slice dated in [period_start, min(period_end, A)].
 */
export function buildTargetProgress(
  targets: readonly TargetRecord[],
  inputs: ProgressInputs,
  asAt: IsoDate,
): TargetProgressRow[] {
  return targets.flatMap((target) =>
    FCO_SLICES.map((slice) => {
      const to = target.periodEnd < asAt ? target.periodEnd : asAt;
      const dates = eventDates(target.measure, inputs, target.locality, slice);
      const actual = dates.filter((date) => date != null && isBetween(date, target.periodStart, to)).length;
      return {
        locality: target.locality.trim(),
        measure: target.measure,
        period_start: target.periodStart,
        period_end: target.periodEnd,
        target: target.target,
        actual,
        as_at_date: asAt,
        full_care_order: slice,
      };
    }),
  );
}
