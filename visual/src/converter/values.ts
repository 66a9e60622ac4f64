// Reading one DataView value as the typed value the view model keeps. Power BI sends dates as
// JS Dates built at local midnight (or, from some sources, ISO strings); anything else of the
// wrong type reads as blank rather than throwing or showing "Invalid Date".
import type { ColumnModel, RowModel } from './view-model';
import { calendarDateFromLocalDate, makeDate, parseCalendarDate, parseStatusText, type IsoDate, type StatusKey } from '../../../core/src/index';

const ISO_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

export function readText(value: unknown): string | null {
  if (value == null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (value instanceof Date) return readDate(value);
  return null;
}

/** A calendar date from a Date (its local parts) or a string starting with a valid ISO date. */
export function readDate(value: unknown): IsoDate | null {
  if (value == null) return null;
  if (value instanceof Date) return calendarDateFromLocalDate(value);
  if (typeof value !== 'string') return null;
  const iso = ISO_PREFIX.exec(value.trim());
  if (iso) return makeDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return parseCalendarDate(value);
}

export function readStatus(value: unknown): StatusKey | null {
  return typeof value === 'string' ? parseStatusText(value) : null;
}

/**
 * readDate with a cache: a column of 30,000 dates holds a few hundred distinct days, and the
 * cache saves building the same calendar date again. One reader per conversion.
 */
export function cachedDateReader(): (value: unknown) => IsoDate | null {
  const byTime = new Map<number, IsoDate | null>();
  const byText = new Map<string, IsoDate | null>();
  return (value) => {
    if (value instanceof Date) {
      const time = value.getTime();
      let date = byTime.get(time);
      if (date === undefined) byTime.set(time, (date = readDate(value)));
      return date;
    }
    if (typeof value === 'string') {
      let date = byText.get(value);
      if (date === undefined) byText.set(value, (date = readDate(value)));
      return date;
    }
    return readDate(value);
  };
}

/** A displayed column's typed value for a row: text, or IsoDate for date columns; null when blank. */
export function cellValue(row: RowModel, column: ColumnModel): string | null {
  const value = row.raw[column.sourceIndex];
  return column.kind === 'date' ? readDate(value) : readText(value);
}
