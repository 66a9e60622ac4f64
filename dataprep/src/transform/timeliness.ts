import { statusText, type IsoDate } from '../../../core/src/index';
import type { PlannedAssessmentRow, PlanStatusHistoryRow, PriorHistory, TimelinessByMonthRow } from '../model/refresh-set';
import { groupBy, pairKey } from './grouping';
import { ALL, allFirst, UNKNOWN } from './locality-summary';
import { percentOneDecimal, TimelinessTargets } from './timeliness-targets';

const ON_TIME = statusText('onTime');
const LATE = statusText('late');
const NOT_YET_STARTED = statusText('notYetStarted');

/** The fields of a plan's row (today's planned_assessment, or a history row) the trend reads. */
type PlanState = Pick<
  PlannedAssessmentRow & PlanStatusHistoryRow,
  'person_id' | 'assessment_type' | 'status' | 'actual_start_date' | 'days_late' | 'locality' | 'team'
>;

interface Cell {
  month: string;
  locality: string;
  team: string;
  type: string;
  onTime: number;
  late: number;
  lateDays: number[];
  notYetStarted: number | null;
}

const monthOf = (date: IsoDate): string => date.slice(0, 7);

/**
 * The cells a plan counts in: its own (locality, team, type) and the roll-ups with `All` for
 * the team (within its locality), for locality and team together, and for the type.
 */
function groupsOf(plan: PlanState): [string, string, string][] {
  const locality = plan.locality ?? UNKNOWN;
  const team = plan.team ?? UNKNOWN;
  const places: [string, string][] = [[locality, team], [locality, ALL], [ALL, ALL]];
  return places.flatMap(([l, t]) => [[l, t, plan.assessment_type], [l, t, ALL]] as [string, string, string][]);
}

class Cells {
  private readonly cells = new Map<string, Cell>();
  /** The cells of a month, place and type as written: found once, then reused. */
  private readonly found = new Map<string, Cell[]>();

  /** The plan's cells in `month`, created on first use (keys case-insensitive, first spelling shown). */
  of(month: string, plan: PlanState): Cell[] {
    const asWritten = `${month}\u0000${plan.locality ?? UNKNOWN}\u0000${plan.team ?? UNKNOWN}\u0000${plan.assessment_type}`;
    let cells = this.found.get(asWritten);
    if (cells === undefined) {
      cells = this.create(month, plan);
      this.found.set(asWritten, cells);
    }
    return cells;
  }

  private create(month: string, plan: PlanState): Cell[] {
    return groupsOf(plan).map(([locality, team, type]) => {
      const key = [month, locality.toLowerCase(), team.toLowerCase(), type].join('\u0000');
      let cell = this.cells.get(key);
      if (!cell) {
        cell = { month, locality, team, type, onTime: 0, late: 0, lateDays: [], notYetStarted: null };
        this.cells.set(key, cell);
      }
      return cell;
    });
  }

  all(): Cell[] {
    return [...this.cells.values()];
  }
}

/** Each plan's latest known state: today's listed row, else its last history row. */
function latestStates(planned: readonly PlannedAssessmentRow[], prior: PriorHistory): PlanState[] {
  const latest = new Map<string, PlanState>();
  for (const row of prior.latestByPlan) latest.set(pairKey(row.person_id, row.assessment_type), row);
  for (let i = 0; i < planned.length; i++) latest.set(pairKey(planned[i].person_id, planned[i].assessment_type), planned[i]);
  return [...latest.values()];
}

/** Month → the plans listed on its last as-at date: history's month ends, with today's rows for A's month. */
function monthEndSnapshots(planned: readonly PlannedAssessmentRow[], prior: PriorHistory, asAt: IsoDate): Map<string, PlanState[]> {
  const lastDate = new Map<string, IsoDate>();
  for (const row of prior.monthEnds) {
    const month = monthOf(row.as_at_date);
    if ((lastDate.get(month) ?? '') < row.as_at_date) lastDate.set(month, row.as_at_date);
  }
  const lastRows = prior.monthEnds.filter((row) => lastDate.get(monthOf(row.as_at_date)) === row.as_at_date);
  const snapshots: Map<string, PlanState[]> = groupBy(lastRows, (row) => monthOf(row.as_at_date));
  // Prior rows are all dated before A, so today's rows are the last of A's month.
  if (planned.length > 0) snapshots.set(monthOf(asAt), [...planned]);
  return snapshots;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * timeliness_by_month (docs/report-model.md "Rules"): one row per month of actual start, or
 * month with history, × locality × team × assessment type in it, with `All` roll-ups.
 * Starts come from each plan's latest state (today's listing, else the history), so a child
 * who left care long ago still counts in the month they started.
 */
export function buildTimelinessByMonth(
  inputs: { planned: readonly PlannedAssessmentRow[]; prior: PriorHistory; targets: TimelinessTargets },
  asAt: IsoDate,
): TimelinessByMonthRow[] {
  const cells = new Cells();
  for (const plan of latestStates(inputs.planned, inputs.prior)) {
    if (!plan.actual_start_date || (plan.status !== ON_TIME && plan.status !== LATE)) continue;
    const started = cells.of(monthOf(plan.actual_start_date), plan);
    for (let i = 0; i < started.length; i++) {
      if (plan.status === ON_TIME) {
        started[i].onTime += 1;
      } else {
        started[i].late += 1;
        started[i].lateDays.push(plan.days_late);
      }
    }
  }
  const snapshots = monthEndSnapshots(inputs.planned, inputs.prior, asAt);
  snapshots.forEach((plans, month) => {
    for (let p = 0; p < plans.length; p++) {
      const waiting = plans[p].status === NOT_YET_STARTED ? 1 : 0;
      const own = cells.of(month, plans[p]);
      for (let i = 0; i < own.length; i++) own[i].notYetStarted = (own[i].notYetStarted ?? 0) + waiting;
    }
  });
  return cells
    .all()
    .map((cell) => toRow(cell, snapshots.has(cell.month), inputs.targets))
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0)
      || allFirst(a.locality, b.locality) || allFirst(a.team, b.team) || allFirst(a.assessment_type, b.assessment_type));
}

function toRow(cell: Cell, monthHasHistory: boolean, targets: TimelinessTargets): TimelinessByMonthRow {
  const started = cell.onTime + cell.late;
  return {
    month: cell.month,
    locality: cell.locality,
    team: cell.team,
    assessment_type: cell.type,
    started,
    started_on_time: cell.onTime,
    started_late: cell.late,
    pct_on_time: percentOneDecimal(cell.onTime, started),
    median_days_late: median(cell.lateDays),
    not_yet_started_at_month_end: monthHasHistory ? (cell.notYetStarted ?? 0) : null,
    target_pct_on_time: targets.forMonth(cell.month, cell.locality),
  };
}
