import { addMonths, isBetween, statusText, type IsoDate, type YesNo } from '../../../core/src/index';
import type { CareExitRow, CicCohortRow, FcoSlice, LocalitySummaryRow, PlannedAssessmentRow } from '../model/refresh-set';
import { compareText, PairMap, pairKey } from './grouping';

export const ALL = 'All';
export const UNKNOWN = 'Unknown';

const ON_TIME = statusText('onTime');
const LATE = statusText('late');
const NOT_YET_STARTED = statusText('notYetStarted');

/** Every (locality, team) has one row per slice, so an FCO slicer always finds its row. */
export const FCO_SLICES: readonly FcoSlice[] = [ALL, 'Yes', 'No'];

type CountColumn = Exclude<keyof LocalitySummaryRow, 'locality' | 'team' | 'as_at_date' | 'full_care_order'>;

interface Placed {
  locality: string | null;
  team: string | null;
}

function summaryKey(locality: string, team: string, fco: FcoSlice): string {
  return pairKey(pairKey(locality.toLowerCase(), team.toLowerCase()), fco);
}

function emptyRow(locality: string, team: string, fco: FcoSlice, asAt: IsoDate): LocalitySummaryRow {
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
    full_care_order: fco,
  };
}

/** `All` before any name, names in code-unit order: the order of every table with `All` rows. */
export function allFirst(a: string, b: string): number {
  return (a === ALL ? -1 : 0) - (b === ALL ? -1 : 0) || compareText(a, b);
}

/**
 * Rows keyed by (locality, team, FCO slice), locality and team case-insensitively as SQL Server
 * compares the key (the first spelling is shown); counts roll up into the locality's `All` and
 * `All`/`All`, each in the `All` slice and the child's own Yes/No slice.
 */
class SummaryRows {
  private readonly rows = new Map<string, LocalitySummaryRow>();
  /** Per place as written: the rows a count goes to, by slice (found once; rows exist by then). */
  private readonly targets = new PairMap<Record<FcoSlice, LocalitySummaryRow[]>>();

  constructor(private readonly asAt: IsoDate) {
    this.ensure(ALL, ALL);
  }

  ensure(locality: string, team: string): void {
    for (const fco of FCO_SLICES) {
      const key = summaryKey(locality, team, fco);
      if (this.rows.has(key)) continue;
      this.rows.set(key, emptyRow(locality, team, fco, this.asAt));
      this.targets.clear(); // a new row may be one a known place counts towards
    }
  }

  /** Adds one to the column for the place's team row, its locality row and All/All (rows that exist). */
  count(place: Placed, fco: YesNo, column: CountColumn): void {
    const locality = place.locality ?? UNKNOWN;
    const team = place.team ?? UNKNOWN;
    let targets = this.targets.get(locality, team);
    if (targets === undefined) {
      targets = { All: this.existing(locality, team, ALL), Yes: this.existing(locality, team, 'Yes'), No: this.existing(locality, team, 'No') };
      this.targets.set(locality, team, targets);
    }
    const all = targets[ALL];
    const own = targets[fco];
    for (let i = 0; i < all.length; i++) all[i][column] += 1;
    for (let i = 0; i < own.length; i++) own[i][column] += 1;
  }

  private existing(locality: string, team: string, slice: FcoSlice): LocalitySummaryRow[] {
    const keys = [summaryKey(locality, team, slice), summaryKey(locality, ALL, slice), summaryKey(ALL, ALL, slice)];
    return keys.flatMap((key) => this.rows.get(key) ?? []);
  }

  sorted(): LocalitySummaryRow[] {
    const slice = (r: LocalitySummaryRow) => FCO_SLICES.indexOf(r.full_care_order);
    return [...this.rows.values()].sort(
      (a, b) => allFirst(a.locality, b.locality) || allFirst(a.team, b.team) || slice(a) - slice(b),
    );
  }
}

export interface SummaryInputs {
  cohort: readonly CicCohortRow[];
  planned: readonly PlannedAssessmentRow[];
  exits: readonly CareExitRow[];
}

function countPlans(rows: SummaryRows, planned: readonly PlannedAssessmentRow[]): void {
  for (let i = 0; i < planned.length; i++) {
    const plan = planned[i];
    const count = (column: CountColumn) => rows.count(plan, plan.full_care_order, column);
    count('plans');
    const lastWindow = plan.in_last_window === 'Yes';
    if (lastWindow && plan.status === ON_TIME) count('started_on_time_last_window');
    if (lastWindow && plan.status === LATE) count('started_late_last_window');
    if (plan.status === NOT_YET_STARTED) count('not_yet_started');
    if (plan.in_next_window === 'Yes') count('upcoming_next_window');
  }
}

/**
 * One row per (locality, team) in cic_cohort or planned_assessment (blank → `Unknown`), one
 * per locality with team `All`, and `All`/`All`; each three times, for the FCO slices `All`
 * (every child), `Yes` and `No` (the child's full_care_order; for an exit, at exit). Exits
 * count towards rows that exist.
 */
export function buildLocalitySummary(inputs: SummaryInputs, asAt: IsoDate): LocalitySummaryRow[] {
  const rows = new SummaryRows(asAt);
  const placesSeen = new PairMap<true>();
  for (const places of [inputs.cohort, inputs.planned]) {
    for (let i = 0; i < places.length; i++) {
      const locality = places[i].locality ?? UNKNOWN;
      const team = places[i].team ?? UNKNOWN;
      if (placesSeen.get(locality, team)) continue;
      placesSeen.set(locality, team, true);
      rows.ensure(locality, team);
      rows.ensure(locality, ALL);
    }
  }
  for (let i = 0; i < inputs.cohort.length; i++) {
    const child = inputs.cohort[i];
    rows.count(child, child.full_care_order, 'children_in_care');
    if (child.full_care_order === 'Yes') rows.count(child, 'Yes', 'fco_children');
  }
  countPlans(rows, inputs.planned);
  const yearAgo = addMonths(asAt, -12);
  for (let i = 0; i < inputs.exits.length; i++) {
    const exit = inputs.exits[i];
    if (!isBetween(exit.ceased_date, yearAgo, asAt)) continue;
    if (exit.reason_group === 'SGO') rows.count(exit, exit.full_care_order_at_exit, 'sgo_exits_last_12_months');
    if (exit.reason_group === 'Reunification') rows.count(exit, exit.full_care_order_at_exit, 'reunification_exits_last_12_months');
  }
  return rows.sorted();
}
