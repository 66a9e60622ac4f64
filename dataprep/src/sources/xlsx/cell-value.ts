/**
 * A sheet cell as the readers take it (RawCell): trimmed text, or a `Date` whose UTC parts are
 * the date and time Excel shows for a date-formatted number. Numbers become text as written
 * (identifiers typed as numbers stay whole: 100001, never 1e+5); booleans `true`/`false`;
 * errors their code (`#N/A`); formulas their cached result.
 */
import { cleanText, type RawCell } from '../raw-table';
import { NotAWorkbookError } from './zip-parts';

export interface CellContext {
  sharedStrings: readonly string[];
  /** Per cell style (the `s` attribute): does its number format show a date or time? */
  dateStyles: readonly boolean[];
  /** The workbook counts days from 1904-01-01 (Mac Excel's old default), not 1900. */
  date1904: boolean;
}

/** `type` is the cell's `t` attribute; `text` its `<v>` (or inline string). */
export function cellValue(type: string, text: string, style: number, context: CellContext): RawCell {
  switch (type) {
    case 's':
      return cleanText(sharedString(text, context));
    case 'b':
      return text === '1' ? 'true' : text === '0' ? 'false' : cleanText(text);
    case 'd':
      return isoDate(text) ?? cleanText(text);
    case 'n':
      return numberCell(text, style, context);
    case 'inlineStr':
    case 'str': // a formula's text
      return cleanText(unescapeText(text));
    default: // e: an error such as #N/A
      return cleanText(text);
  }
}

/** Office's escapes for characters XML cannot hold: `_x000D_` is a carriage return, `_x005F_` a `_`. */
export function unescapeText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function sharedString(text: string, context: CellContext): string {
  const index = Number(text);
  const value = Number.isInteger(index) ? context.sharedStrings[index] : undefined;
  if (value === undefined) throw new NotAWorkbookError(`a cell refers to shared string ${text}, which the workbook does not have`);
  return value;
}

function numberCell(text: string, style: number, context: CellContext): RawCell {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return trimmed;
  if (context.dateStyles[style]) return excelDate(value, context.date1904) ?? numberAsText(value);
  return numberAsText(value);
}

/** Identifiers typed as numbers: 100001 → "100001", never "1e+5"-style or "100001.0". */
function numberAsText(value: number): string {
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

const DAY_MS = 86_400_000;
/** Serial of 1970-01-01 counted from 1899-12-30, the day before Excel's day 1 with its leap bug. */
const UNIX_EPOCH_SERIAL = 25_569;
/** Days from 1899-12-30 to 1904-01-01 (day 0 of the 1904 system). */
const DAYS_1904 = 1462;
/** 9999-12-31, the last day Excel shows. */
const LAST_SERIAL = 2_958_465;

/**
 * The wall-clock date and time of a date-formatted serial, as UTC parts (never local time).
 * The 1900 system counts a 29 February 1900 that never was (serial 60): serials before it are
 * a day early when counted from 1899-12-30, and 60 itself is no date (null: the cell reads as
 * its number). Negative serials and those after 9999 are no date either.
 */
export function excelDate(serial: number, date1904: boolean): Date | null {
  if (serial < 0 || serial >= LAST_SERIAL + 1) return null;
  let days = serial;
  if (date1904) days += DAYS_1904;
  else if (serial < 60) days += 1;
  else if (serial < 61) return null;
  return new Date(Math.round((days - UNIX_EPOCH_SERIAL) * DAY_MS));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?Z?$/;

/** A `t="d"` cell: ISO 8601 text, read as the wall-clock date and time it names. */
function isoDate(text: string): Date | null {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  if (year < 100 || hour > 23 || minute > 59 || second > 59) return null; // Date.UTC would read year 99 as 1999
  const milliseconds = Number((match[7] ?? '').padEnd(3, '0'));
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, milliseconds));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}
