import { addMonths, daysBetween, type IsoDate } from './calendar-date';

/** The five plan statuses of docs/rules.md, by key. */
export type StatusKey = 'notYetStarted' | 'upcoming' | 'late' | 'onTime' | 'plannedLater';

export const STATUS_KEYS: readonly StatusKey[] = ['notYetStarted', 'upcoming', 'late', 'onTime', 'plannedLater'];

/** docs/rules.md "Status", `status_order`: the report lists statuses needing action first. */
export const STATUS_ORDER: Readonly<Record<StatusKey, number>> = {
  notYetStarted: 1,
  upcoming: 2,
  late: 3,
  onTime: 4,
  plannedLater: 5,
};

export const DEFAULT_WINDOW_MONTHS = 3;
export const DEFAULT_LOOKBACK_DAYS = 90;

/** The exact status text; only the Upcoming text depends on the window length. */
export function statusText(key: StatusKey, windowMonths: number = DEFAULT_WINDOW_MONTHS): string {
  switch (key) {
    case 'onTime':
      return 'Started on Time';
    case 'late':
      return 'Started Late';
    case 'notYetStarted':
      return 'Not Yet Started';
    case 'upcoming':
      return `Upcoming - Planned Start in Next ${windowMonths} Months`;
    case 'plannedLater':
      return 'Planned - Later';
  }
}

const UPCOMING_TEXT = /^upcoming - planned start in next \d+ months?$/;

/** Reads a status text back (case and spacing forgiving, any window length); null if unknown. */
export function parseStatusText(text: string | null | undefined): StatusKey | null {
  if (text == null) return null;
  const value = text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (value === 'started on time') return 'onTime';
  if (value === 'started late') return 'late';
  if (value === 'not yet started') return 'notYetStarted';
  if (value === 'planned - later') return 'plannedLater';
  if (UPCOMING_TEXT.test(value) || value === 'upcoming') return 'upcoming';
  return null;
}

export interface PlanDates {
  /** Current predicted start date `P`. */
  predicted: IsoDate | null;
  /** Actual start date `S`. */
  actual: IsoDate | null;
}

/**
 * docs/rules.md status table. An actual start after the as-at date is treated as no start (a data
 * error the prep reports); a plan with no predicted date has no status.
 */
export function deriveStatus(plan: PlanDates, asAt: IsoDate, windowMonths: number = DEFAULT_WINDOW_MONTHS): StatusKey | null {
  const { predicted } = plan;
  if (predicted == null) return null;
  const actual = effectiveActual(plan.actual, asAt);
  if (actual != null) return actual <= predicted ? 'onTime' : 'late';
  if (predicted < asAt) return 'notYetStarted';
  return predicted <= addMonths(asAt, windowMonths) ? 'upcoming' : 'plannedLater';
}

/** `S` as the rules use it: a start after the as-at date does not count. */
export function effectiveActual(actual: IsoDate | null, asAt: IsoDate): IsoDate | null {
  return actual != null && actual <= asAt ? actual : null;
}

/** docs/rules.md `days_late`: S − P when started late, A − P when not yet started, else 0. */
export function daysLate(status: StatusKey | null, plan: PlanDates, asAt: IsoDate): number {
  if (plan.predicted == null) return 0;
  if (status === 'late' && plan.actual != null) return daysBetween(plan.predicted, plan.actual);
  if (status === 'notYetStarted') return daysBetween(plan.predicted, asAt);
  return 0;
}
