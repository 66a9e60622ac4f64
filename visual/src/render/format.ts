// Cell text, computed only for the rows on screen.
import { formatUkDate, statusText, type IsoDate } from '../../../core/src/index';
import { cellValue, readText } from '../converter/values';
import type { ColumnModel, RowModel } from '../converter/view-model';

export type DateFormatter = (date: IsoDate) => string;

/** Calendar dates in the host locale; en-GB (and any locale Intl cannot handle) as DD/MM/YYYY. */
export function dateFormatter(locale: string | undefined): DateFormatter {
  if (!locale || /^en-GB$/i.test(locale)) return formatUkDate;
  let intl: Intl.DateTimeFormat;
  try {
    intl = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    return formatUkDate;
  }
  return (date) => {
    // Formatting a UTC instant in UTC keeps the calendar date whatever the viewer's zone.
    const instant = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
    return intl.format(instant);
  };
}

export function cellText(row: RowModel, column: ColumnModel, formatDate: DateFormatter, windowMonths: number): string {
  if (column.kind === 'status' && row.status) return statusText(row.status, windowMonths);
  if (column.sourceIndex < 0) return '';
  const value = cellValue(row, column);
  if (column.kind !== 'date') return value ?? '';
  if (value != null) return formatDate(value as IsoDate);
  // A date text in a format the visual cannot read is shown as it arrived, never as a blank.
  const raw = row.raw[column.sourceIndex];
  return typeof raw === 'string' ? (readText(raw) ?? '') : '';
}
