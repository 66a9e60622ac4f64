import { makeDate, parseCalendarDate, type IsoDate } from '../../../core/src/index';
import type { RawCell } from './raw-table';

/** A date and time as the prediction form records it. */
export interface DateTimeValue {
  /** Sortable `YYYY-MM-DDTHH:MM:SS`. */
  at: string;
  on: IsoDate;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?$/;
const UK_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DIGITS = /^\d+$/;
const MAX_INT = 2_147_483_647;

const FLAGS: ReadonlyMap<string, boolean> = new Map([
  ['y', true], ['yes', true], ['true', true], ['1', true],
  ['n', false], ['no', false], ['false', false], ['0', false],
]);

/**
 * An Excel date cell to the nearest second: it is built from a floating-point serial, so
 * 10:30 can arrive as 10:29:59.999.
 */
function roundToSecond(value: Date): Date {
  return new Date(Math.round(value.getTime() / 1000) * 1000);
}

/** The calendar date of an Excel date cell, from its UTC parts (never local time). */
export function dateOfExcelCell(value: Date): IsoDate | null {
  const rounded = roundToSecond(value);
  return makeDate(rounded.getUTCFullYear(), rounded.getUTCMonth() + 1, rounded.getUTCDate());
}

/** A non-empty cell as a calendar date, or null when it is not one. */
export function parseDateCell(cell: RawCell): IsoDate | null {
  if (cell instanceof Date) return dateOfExcelCell(cell);
  return parseCalendarDate(cell);
}

/** A non-empty cell as a date or date-time, or null when it is neither. */
export function parseDateTimeCell(cell: RawCell): DateTimeValue | null {
  if (cell === null) return null;
  if (cell instanceof Date) {
    const rounded = roundToSecond(cell);
    const on = dateOfExcelCell(rounded);
    if (on === null) return null;
    return { on, at: `${on}T${rounded.toISOString().slice(11, 19)}` };
  }
  const iso = ISO_DATE_TIME.exec(cell);
  if (iso) return dateTime(iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]);
  const uk = UK_DATE_TIME.exec(cell);
  if (uk) return dateTime(uk[3], uk[2], uk[1], uk[4], uk[5], uk[6]);
  return null;
}

function dateTime(
  year: string, month: string, day: string,
  hour: string | undefined, minute: string | undefined, second: string | undefined,
): DateTimeValue | null {
  const on = makeDate(Number(year), Number(month), Number(day));
  if (on === null) return null;
  const h = Number(hour ?? 0);
  const m = Number(minute ?? 0);
  const s = Number(second ?? 0);
  if (h > 23 || m > 59 || s > 59) return null;
  return { on, at: `${on}T${two(h)}:${two(m)}:${two(s)}` };
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** Y/N, Yes/No, true/false, 1/0 (any case); undefined when the text is none of them. */
export function parseFlag(text: string): boolean | undefined {
  return FLAGS.get(text.toLowerCase());
}

/** A non-negative whole number that fits an INT column; null otherwise. */
export function parseCount(text: string): number | null {
  if (!DIGITS.test(text)) return null;
  const value = Number(text);
  return value <= MAX_INT ? value : null;
}

/** Text from a cell (an Excel date as `YYYY-MM-DD`). */
export function cellText(cell: RawCell): string | null {
  if (cell instanceof Date) return dateOfExcelCell(cell);
  return cell;
}
