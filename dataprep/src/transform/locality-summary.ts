import { addMonths, isBetween, statusText, type IsoDate } from '../../../core/src/index';
import type { CareExitRow, CicCohortRow, LocalitySummaryRow, PlannedAssessmentRow } from '../model/refresh-set';
import { compareText, pairKey } from './grouping';

export const ALL = 'All';
export const UNKNOWN = 'Unknown';

const ON_TIME = statusText('onTime');
const LATE = statusText('late');
const NOT_YET_STARTED = statusText('notYetStarted');

type CountColumn = Exclude<keyof LocalitySummaryRow, 'locality' | 'team' | 'as_at_date'>;

interface Placed {
  locality: string | null;
  team: string | null;
}

function summaryKey(locality: string, team: string): string {
  return pairKey(locality.toLowerCase(), team.toLowerCase());
}

function emptyRow(locality: string, team: string, asAt: IsoDate): LocalitySummaryRow {
  return {
    locality,
    team,
    children_in_care: 0,
    fco_children: 0,
    plans: 0,
    started_on_time_last_window: 0,
    started_late_last_window: 0,
    not_yet_started: 0,
    upcoming_next_window: 0,
    sgo_exits_last_12_months: 0,
    reunification_exits_last_12_months: 0,
    as_at_date: asAt,
  };
}

/**
 * Rows keyed by (locality, team), case-insensitively as SQL Server compares the key (the first
 * spelling is shown); counts roll up into the locality's `All` and `All`/`All`.
 */
class SummaryRows {
  private readonly rows = new Map<string, LocalitySummaryRow>();

  constructor(private readonly asAt: IsoDate) {
    this.ensure(ALL, ALL);
  }

  ensure(locality: string, team: string): void {
    const key = summaryKey(locality, team);
    if (!this.rows.has(key)) this.rows.set(key, emptyRow(locality, team, this.asAt));
  }

  /** Adds one to the column for the place's team row, its locality row and All/All (rows that exist). */
  count(place: Placed, column: CountColumn): void {
    const locality = place.locality ?? UNKNOWN;
    const team = place.team ?? UNKNOWN;
    for (const key of [summaryKey(locality, team), summaryKey(locality, ALL), summaryKey(ALL, ALL)]) {
      const row = this.rows.get(key);
      if (row) row[column] += 1;
    }
  }

  sorted(): LocalitySummaryRow[] {
    const allFirst = (a: string, b: string) => (a === ALL ? -1 : 0) - (b === ALL ? -1 : 0) || compareText(a, b);
    return [...this.rows.values()].sort((a, b) => allFirst(a.locality, b.locality) || allFirst(a.team, b.team));
  }
}

export interface SummaryInputs {
  cohort: readonly CicCohortRow[];
  planned: readonly PlannedAssessmentRow[];
  exits: readonly CareExitRow[];
}

function countPlans(rows: SummaryRows, planned: readonly PlannedAssessmentRow[]): void {
  for (const plan of planned) {
    rows.count(plan, 'plans');
    const lastWindow = plan.in_last_window === 'Yes';
    if (lastWindow && plan.status === ON_TIME) rows.count(plan, 'started_on_time_last_window');
    if (lastWindow && plan.status === LATE) rows.count(plan, 'started_late_last_window');
    if (plan.status === NOT_YET_STARTED) rows.count(plan, 'not_yet_started');
    if (plan.in_next_window === 'Yes') rows.count(plan, 'upcoming_next_window');
  }
}

/**
 * One row per (locality, team) in cic_cohort or planned_assessment (blank → `Unknown`), one
 * per locality with team `All`, and `All`/`All`. Exits count towards rows that exist.
 */
export function buildLocalitySummary(inputs: SummaryInputs, asAt: IsoDate): LocalitySummaryRow[] {
  const rows = new SummaryRows(asAt);
  for (const place of [...inputs.cohort, ...inputs.planned]) {
    rows.ensure(place.locality ?? UNKNOWN, place.team ?? UNKNOWN);
    rows.ensure(place.locality ?? UNKNOWN, ALL);
  }
  for (const child of inputs.cohort) {
    rows.count(child, 'children_in_care');
    if (child.full_care_order === 'Yes') rows.count(child, 'fco_children');
  }
  countPlans(rows, inputs.planned);
  const yearAgo = addMonths(asAt, -12);
  for (const exit of inputs.exits) {
    if (!isBetween(exit.ceased_date, yearAgo, asAt)) continue;
    if (exit.reason_group === 'SGO') rows.count(exit, 'sgo_exits_last_12_months');
    if (exit.reason_group === 'Reunification') rows.count(exit, 'reunification_exits_last_12_months');
  }
  return rows.sorted();
}
