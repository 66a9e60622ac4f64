import { addMonths, type IsoDate } from '../../../core/src/index';
import type { DataQualityRule } from '../model/data-quality-rules';
import { FIGURE, FILE_FIGURES, type Figures, type PastRun } from '../model/run-figures';

/**
 * The shrink guards: a refresh whose figures (model/run-figures.ts) fall by more than a set share
 * below what earlier runs had is far more likely a broken export than a real change (a one-row
 * allocations.csv blanks every worker and team), so it fails (tables kept) unless the operator
 * says it is deliberate. Pure: figures in, breaches out; run-refresh.ts reads and stores them.
 *
 * The base of each guard is the LARGEST value among the last GUARD_WINDOW_RUNS successful runs
 * as at or before this run's date (newest date first), so runs that each lose a little cannot
 * ratchet a table down unnoticed; a run whose drop of that figure was accepted with
 * --allow-shrink ends the window (it is the new base: older runs no longer count for it).
 * Every fall is relative: more than 50% means "less than half of the base", for shares too.
 */
export interface ShrinkGuardOptions {
  /** PPOC_MAX_SHRINK_PERCENT: the largest fall allowed, 0–100, relative to the base. */
  maxPercent: number;
  /** --allow-shrink: a deliberate change; every fall is logged and accepted, not refused. */
  allow: boolean;
}

export const DEFAULT_SHRINK_GUARD: ShrinkGuardOptions = { maxPercent: 50, allow: false };
/** How many earlier successful runs a guard looks back over for its base. */
export const GUARD_WINDOW_RUNS = 7;
/**
 * Actual starts are counted over the 12 months to each run's own date: a run as at more than a
 * month earlier counted another year (4 years earlier, none of the same starts), so it is no base
 * for them. Within a month the two years overlap by 11 months or more.
 */
export const STARTS_COMPARABLE_MONTHS = 1;

export class ShrinkGuardError extends Error {
  readonly rule: DataQualityRule = 'table_shrink';
  constructor(message: string) {
    super(message);
    this.name = 'ShrinkGuardError';
  }
}

/** A value as a fraction (a count is n/1), so every comparison stays in whole numbers. */
interface Measure {
  num: number;
  den: number;
}

interface Guard {
  /** The figure the guard is recorded under (run_figure.drop_accepted). */
  figure: string;
  measure(figures: Figures): Measure | null;
  /** Runs as at an earlier date are not comparable (a figure over a window that moves with the date). */
  since?: IsoDate;
  describe(base: Measure, now: Measure, fall: string): string;
}

export interface GuardContext {
  maxPercent: number;
  asAt: IsoDate;
  /** This run's name of each required file's figure (`predictions.xlsx`), for the message. */
  fileNames: Readonly<Record<string, string>>;
}

export interface Breach {
  figure: string;
  /** One clause with both figures: `planned_assessment would shrink from 41 to 9 rows (78% fewer)`. */
  text: string;
}

const count = (figure: string) => (f: Figures): Measure | null => (figure in f ? { num: f[figure], den: 1 } : null);
const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

function guards(context: GuardContext): Guard[] {
  const table = (figure: string, name: string): Guard => ({
    figure, measure: count(figure), describe: (b, n, fall) => `${name} would shrink from ${b.num} to ${rows(n.num)} (${fall} fewer)`,
  });
  const file = (figure: string): Guard => ({
    figure, measure: count(figure),
    describe: (b, n, fall) => `${context.fileNames[figure] ?? figure} has ${n.num} data ${n.num === 1 ? 'row' : 'rows'}, down from ${b.num} (${fall} fewer)`,
  });
  const share: Guard = {
    figure: FIGURE.plansWithWorkerOrTeam,
    measure: (f) => (FIGURE.plansWithWorkerOrTeam in f && f[FIGURE.plannedAssessmentRows] > 0
      ? { num: f[FIGURE.plansWithWorkerOrTeam], den: f[FIGURE.plannedAssessmentRows] } : null),
    describe: (b, n, fall) => `the share of plans with a social worker or team would fall from ${percentOf(b)} ` +
      `(${b.num} of ${b.den}) to ${percentOf(n)} (${n.num} of ${n.den}), a relative fall of ${fall}`,
  };
  const starts: Guard = {
    figure: FIGURE.actualStarts12Months, measure: count(FIGURE.actualStarts12Months), since: addMonths(context.asAt, -STARTS_COMPARABLE_MONTHS),
    describe: (b, n, fall) => `actual starts in the 12 months to ${context.asAt} would fall from ${b.num} to ${n.num} (${fall} fewer)`,
  };
  return [
    table(FIGURE.plannedAssessmentRows, 'planned_assessment'), table(FIGURE.cicCohortRows, 'cic_cohort'),
    share, starts, ...FILE_FIGURES.map(file),
  ];
}

const percentOf = (m: Measure) => `${Math.round((m.num / m.den) * 100)}%`;
const compare = (a: Measure, b: Measure) => a.num * b.den - b.num * a.den;

/** The runs a guard's base comes from: the window, ended by the newest run that accepted a fall of its figure. */
function windowFor(figure: string, past: readonly PastRun[]): PastRun[] {
  const window = past.slice(0, GUARD_WINDOW_RUNS);
  const reset = window.findIndex((run) => run.accepted.has(figure));
  return reset === -1 ? window : window.slice(0, reset + 1);
}

/**
 * Each guard whose figure falls by MORE than `maxPercent` below its base (exactly at the limit
 * passes). `past`: earlier successful runs as at or before this run's date, newest first. No
 * base (a first run, a figure earlier runs lack, a base of 0) means no breach.
 */
export function findBreaches(now: Figures, past: readonly PastRun[], context: GuardContext): Breach[] {
  const breaches: Breach[] = [];
  for (const guard of guards(context)) {
    const current = guard.measure(now);
    if (current === null) continue;
    const base = windowFor(guard.figure, past)
      .map((run) => (guard.since !== undefined && run.asAtDate < guard.since ? null : guard.measure(run.values)))
      .reduce<Measure | null>((max, m) => (m !== null && (max === null || compare(m, max) > 0) ? m : max), null);
    if (base === null || base.num === 0) continue;
    // (base − now) / base > maxPercent / 100, in whole numbers: the limit itself is not a breach.
    const lost = compare(base, current) * 100;
    if (lost <= context.maxPercent * base.num * current.den) continue;
    const percent = lost / (base.num * current.den);
    breaches.push({ figure: guard.figure, text: guard.describe(base, current, formatFall(percent, context.maxPercent)) });
  }
  return breaches;
}

/** `78%`; with as many decimals as it takes to show a fall just over the limit (`50.04%`, never `50%`). */
function formatFall(percent: number, maxPercent: number): string {
  for (let decimals = 0; decimals < 4; decimals++) {
    const shown = decimals === 0 ? Math.round(percent) : Math.floor(percent * 10 ** decimals) / 10 ** decimals;
    if (shown > maxPercent) return `${shown.toFixed(decimals)}%`;
  }
  return `${percent.toFixed(4)}%`;
}

/** The failed run's message: every breach with both figures, the setting, and the flag that accepts them. */
export function shrinkMessage(breaches: readonly Breach[], maxPercent: number): string {
  const one = breaches.length === 1;
  return `${breaches.map((b) => b.text).join('; ')}${one ? ',' : '; each'} more than PPOC_MAX_SHRINK_PERCENT (${maxPercent}%) ` +
    `allows against the largest of the last ${GUARD_WINDOW_RUNS} accepted runs; check the extract, or run again with ` +
    `--allow-shrink if the ${one ? 'drop is deliberate' : 'drops are deliberate (it accepts them all)'}`;
}
