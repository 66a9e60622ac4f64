import { ppocGroup, reasonGroup } from '../../../core/src/index';
import type { Allocation } from './allocations';
import type { ChildSummary } from './cohort';
import { flag, submittedAt, ukDay } from './formats';
import { submitterFor } from './localities';
import { weights, type Rng } from './random';

export type PlanType = 'SGO' | 'Reunification';

/** One generated plan: what the form said over time and when (if ever) the assessment began. */
export interface DemoPlan {
  personId: string;
  type: PlanType;
  /** Submission days with the predicted day each one gave, in order. */
  submissions: { day: number; predicted: number }[];
  start: number | null;
}

export interface PermanenceRows {
  plans: DemoPlan[];
  /** predictions.csv rows in submission order (as the form exports them). */
  predictions: string[][];
  assessments: string[][];
}

const LOOKBACK_DAYS = 90;
const SUBMISSIONS = weights([[1, 45], [2, 30], [3, 15], [4, 10]] as const);
const NOISE_WORKFLOWS = weights([[0, 30], [1, 40], [2, 20], [3, 10]] as const);

/** Sequential Mosaic workflow IDs, unique within an extract. */
export class WorkflowIds {
  constructor(private next = 4100001) {}
  take(): string {
    return String(this.next++);
  }
}

/** Predictions and Mosaic workflows for the allocated children, as at day `asAt`. */
export function permanenceRows(
  rng: Rng, allocations: readonly Allocation[], asAt: number, ids: WorkflowIds, otherPlanChance = 0.19,
): PermanenceRows {
  const plans: DemoPlan[] = [];
  const predictions: { day: number; row: string[] }[] = [];
  const assessments: string[][] = [];
  for (const { child, team } of allocations) {
    const types = planTypes(rng, child, asAt, otherPlanChance);
    for (const type of types) {
      const plan = makePlan(rng, child, type, asAt);
      plans.push(plan);
      for (const s of plan.submissions) {
        predictions.push({ day: s.day, row: [child.id, type, ukDay(s.predicted), submittedAt(rng, s.day), submitterFor(team)] });
      }
      assessments.push(...planWorkflows(rng, plan, ids));
    }
    assessments.push(...otherWorkflows(rng, child, asAt, types.length > 0, ids));
  }
  // Stable sort: same-day submissions keep their order.
  predictions.sort((a, b) => a.day - b.day);
  return { plans, predictions: predictions.map((p) => p.row), assessments };
}

/** ~30% of children in care have a plan: most FCO children placed with parents or connected carers. */
function planTypes(rng: Rng, child: ChildSummary, asAt: number, otherChance: number): PlanType[] {
  const group = ppocGroup(child.place);
  let chance: number;
  if (child.inCare) chance = child.ls === 'C2' && group !== 'Other' ? 0.85 : otherChance;
  else if (child.leftOn !== null && child.leftOn >= asAt - 365) chance = successfulExit(child) ? 0.8 : 0.05;
  else chance = 0;
  if (!rng.chance(chance)) return [];
  const main = mainType(rng, child, group);
  return rng.chance(0.04) ? [main, main === 'SGO' ? 'Reunification' : 'SGO'] : [main];
}

function successfulExit(child: ChildSummary): boolean {
  const group = reasonGroup(child.rec);
  return group === 'SGO' || group === 'Reunification';
}

function mainType(rng: Rng, child: ChildSummary, group: ReturnType<typeof ppocGroup>): PlanType {
  const exit = reasonGroup(child.rec);
  if (exit === 'SGO' || exit === 'Reunification') return exit;
  if (group === 'Placed with parents') return 'Reunification';
  if (group === 'Connected carers') return 'SGO';
  return rng.chance(0.55) ? 'SGO' : 'Reunification';
}

function makePlan(rng: Rng, child: ChildSummary, type: PlanType, asAt: number): DemoPlan {
  let predicted: number;
  let start: number | null = null;
  if (child.leftOn !== null && successfulExit(child)) {
    // The assessment that led to the exit began some months before it.
    start = Math.max(child.periodStart, child.leftOn - rng.int(30, 240));
    predicted = start + rng.int(-45, 30);
  } else if (child.leftOn !== null) {
    predicted = child.leftOn + rng.int(-120, 60);
  } else {
    predicted = asAt + rng.int(-182, 182);
  }
  const submissions = submissionsFor(rng, predicted, child.periodStart, asAt);
  if (child.leftOn === null) start = actualStart(rng, predicted, submissions[0].day - LOOKBACK_DAYS, asAt);
  return { personId: child.id, type, submissions, start };
}

/** 1–4 fortnightly-ish submissions, the last giving `predicted`; earlier ones may differ (revisions). */
function submissionsFor(rng: Rng, predicted: number, periodStart: number, asAt: number): DemoPlan['submissions'] {
  const count = rng.weighted(SUBMISSIONS);
  // Usually not before the child came into care; always before the as-at date.
  const first = Math.min(Math.max(predicted - rng.int(21, 200), periodStart), asAt - 1 - 14 * (count - 1));
  const days = [first];
  for (let i = 1; i < count; i++) {
    const day = Math.max(days[i - 1], first + 14 * i + rng.int(-3, 4));
    if (day > asAt) break;
    days.push(day);
  }
  const dates = new Array<number>(days.length);
  dates[days.length - 1] = predicted;
  for (let i = days.length - 2; i >= 0; i--) {
    dates[i] = rng.chance(0.5) ? dates[i + 1] : dates[i + 1] + (rng.chance(0.5) ? 1 : -1) * rng.int(7, 75);
  }
  return days.map((day, i) => ({ day, predicted: dates[i] }));
}

/** On time, late or not yet started, within the lookback and never after the as-at date. */
function actualStart(rng: Rng, predicted: number, earliest: number, asAt: number): number | null {
  const r = rng.next();
  if (predicted < asAt) {
    if (r < 0.45) return Math.max(earliest, predicted - rng.int(0, 45));
    if (r < 0.7) return predicted + rng.int(1, Math.min(90, asAt - predicted));
    return null;
  }
  return r < 0.12 ? Math.max(earliest, asAt - rng.int(0, 30)) : null;
}

function workflow(ids: WorkflowIds, rng: Rng, personId: string, type: PlanType, start: number | null): string[] {
  const day = start === null ? '' : ukDay(start);
  return type === 'SGO'
    ? [personId, ids.take(), 'SGO', day, '']
    : [personId, ids.take(), 'SINGLE', day, flag(rng, true)];
}

function planWorkflows(rng: Rng, plan: DemoPlan, ids: WorkflowIds): string[][] {
  const rows: string[][] = [];
  if (rng.chance(0.08)) {
    // An earlier attempt, before the lookback: it must not count as this plan's start.
    const old = plan.submissions[0].day - LOOKBACK_DAYS - rng.int(30, 500);
    rows.push(workflow(ids, rng, plan.personId, plan.type, old));
  }
  if (plan.start !== null) rows.push(workflow(ids, rng, plan.personId, plan.type, plan.start));
  else if (rng.chance(0.5)) rows.push(workflow(ids, rng, plan.personId, plan.type, null));
  return rows;
}

/** Single assessments not for reunification (most Mosaic workflows), and a few unplanned reunification ones. */
function otherWorkflows(rng: Rng, child: ChildSummary, asAt: number, hasPlan: boolean, ids: WorkflowIds): string[][] {
  const rows: string[][] = [];
  const last = child.leftOn ?? asAt;
  const count = rng.weighted(NOISE_WORKFLOWS);
  for (let i = 0; i < count; i++) {
    const day = rng.chance(0.05) ? '' : ukDay(rng.int(Math.min(child.periodStart, last), last));
    rows.push([child.id, ids.take(), 'SINGLE', day, flag(rng, false)]);
  }
  if (!hasPlan && child.inCare && rng.chance(0.02)) {
    rows.push([child.id, ids.take(), 'SINGLE', ukDay(asAt - rng.int(0, 150)), flag(rng, true)]);
  }
  return rows;
}
