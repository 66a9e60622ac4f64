import { isBetween, statusText, type IsoDate, type YesNo } from '../../../core/src/index';
import type { CareExitRow, FcoSlice, PlannedAssessmentRow, TargetProgressRow } from '../model/refresh-set';
import type { TargetMeasure, TargetRecord } from '../model/source-records';
import { IssueLog } from './issues';
import { ALL, FCO_SLICES } from './locality-summary';

export interface ProgressInputs {
  planned: readonly PlannedAssessmentRow[];
  exits: readonly CareExitRow[];
}

const ON_TIME = statusText('onTime');

/** The bucket of every row, whatever its locality: a target for `All` counts everything. */
const EVERY_LOCALITY = '\u0000every';

const localityKey = (locality: string) => locality.trim().toLowerCase();

/**
 * The dates each measure counts, indexed once by FCO slice and locality (trimmed,
 * case-insensitive, as a target names it), so each target reads only its own rows.
 */
class MeasureDates {
  private readonly dates = new Map<TargetMeasure, Record<FcoSlice, Map<string, (IsoDate | null)[]>>>();

  constructor(inputs: ProgressInputs) {
    for (let i = 0; i < inputs.planned.length; i++) {
      const row = inputs.planned[i];
      const locality = row.locality == null ? null : localityKey(row.locality);
      this.add('assessments_started', locality, row.full_care_order, row.actual_start_date);
      if (row.status === ON_TIME) this.add('assessments_started_on_time', locality, row.full_care_order, row.actual_start_date);
      this.add('plans', locality, row.full_care_order, row.predicted_start_date);
    }
    for (let i = 0; i < inputs.exits.length; i++) {
      const row = inputs.exits[i];
      const measure = row.reason_group === 'SGO' ? 'sgo_exits' : row.reason_group === 'Reunification' ? 'reunification_exits' : null;
      if (measure) this.add(measure, row.locality == null ? null : localityKey(row.locality), row.full_care_order_at_exit, row.ceased_date);
    }
  }

  /** The dates of the rows in the target's locality (every row for `All`) and FCO slice. */
  of(measure: TargetMeasure, locality: string, slice: FcoSlice): readonly (IsoDate | null)[] {
    const wanted = localityKey(locality);
    return this.dates.get(measure)?.[slice].get(wanted === ALL.toLowerCase() ? EVERY_LOCALITY : wanted) ?? [];
  }

  private add(measure: TargetMeasure, locality: string | null, fco: YesNo, date: IsoDate | null): void {
    let bySlice = this.dates.get(measure);
    if (bySlice === undefined) {
      bySlice = { All: new Map(), Yes: new Map(), No: new Map() };
      this.dates.set(measure, bySlice);
    }
    push(bySlice[ALL], EVERY_LOCALITY, date);
    push(bySlice[fco], EVERY_LOCALITY, date);
    if (locality == null) return;
    push(bySlice[ALL], locality, date);
    push(bySlice[fco], locality, date);
  }
}

function push(lists: Map<string, (IsoDate | null)[]>, key: string, date: IsoDate | null): void {
  const list = lists.get(key);
  if (list) list.push(date);
  else lists.set(key, [date]);
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
  const events = new MeasureDates(inputs);
  return targets.flatMap((target) =>
    FCO_SLICES.map((slice) => {
      const to = target.periodEnd < asAt ? target.periodEnd : asAt;
      let actual = 0;
      const dates = events.of(target.measure, target.locality, slice);
      for (let i = 0; i < dates.length; i++) if (dates[i] != null && isBetween(dates[i] as IsoDate, target.periodStart, to)) actual++;
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
