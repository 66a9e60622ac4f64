import { addMonths, isBetween, type IsoDate } from './calendar-date';
import { DEFAULT_WINDOW_MONTHS } from './status';

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export interface Windows {
  /** `[A − W months, A]`, both ends inclusive. */
  last: DateRange;
  /** `[A, A + W months]`, both ends inclusive. */
  next: DateRange;
}

export function windowsFor(asAt: IsoDate, windowMonths: number = DEFAULT_WINDOW_MONTHS): Windows {
  return {
    last: { from: addMonths(asAt, -windowMonths), to: asAt },
    next: { from: asAt, to: addMonths(asAt, windowMonths) },
  };
}

export function inRange(date: IsoDate | null, range: DateRange): boolean {
  return date != null && isBetween(date, range.from, range.to);
}

/** Window length must be a whole number of months, 1 to 24. */
export function isValidWindowMonths(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 24;
}
