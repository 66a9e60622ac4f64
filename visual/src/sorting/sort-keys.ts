// Precomputed numeric sort keys, one per row, so a sort compares numbers only. NaN = blank.
import { STATUS_ORDER, toDayNumber, type IsoDate } from '../../../core/src/index';
import { cellValue, readText } from '../converter/values';
import type { ColumnModel, RowModel } from '../converter/view-model';

const HAS_DIGIT = /\d/;
const NON_ASCII = /[^\x20-\x7e]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
/** Day numbers of years 1–9999 shifted to whole numbers ≥ 0 (sort keys must not be negative). */
const DAY_OFFSET = 1_000_000;
const MAX_STATUS_ORDER = Math.max(...Object.values(STATUS_ORDER));

/**
 * A text key that orders like Intl.Collator({ numeric: true, sensitivity: 'base' }) for the
 * values this report shows (case and accents ignored, digit runs by number: E2 before E10),
 * but compares as plain strings: a collator is several times slower over 30,000 rows.
 */
export function naturalKey(text: string): string {
  let value = text.trim().toLowerCase();
  if (NON_ASCII.test(value)) value = value.normalize('NFD').replace(COMBINING_MARKS, '');
  if (!HAS_DIGIT.test(value)) return value;
  // A hand-written scan: a regex replace with a callback costs several times more per value.
  let out = '';
  let i = 0;
  while (i < value.length) {
    let j = i;
    if (!isDigit(value.charCodeAt(i))) {
      while (j < value.length && !isDigit(value.charCodeAt(j))) j++;
      out += value.slice(i, j);
    } else {
      while (j < value.length && value.charCodeAt(j) === 0x30) j++;
      let end = j;
      while (end < value.length && isDigit(value.charCodeAt(end))) end++;
      const digits = j === end ? '0' : value.slice(j, end);
      // Length first, then the digits: numbers compare by value as plain strings.
      out += String.fromCharCode(0x30 + Math.min(digits.length, 40)) + digits;
      j = end;
    }
    i = j;
  }
  return out;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Numeric sort keys (whole numbers ≥ 0, NaN for blank) and their largest value. */
export interface SortKeys {
  values: Float64Array;
  max: number;
}

/**
 * Rank of each row's text (equal texts share a rank): the natural keys sorted once by index
 * with a plain string comparison, faster here than de-duplicating through maps first.
 */
export function textKeys(rows: readonly RowModel[], column: ColumnModel): SortKeys {
  const length = rows.length;
  const texts = new Array<string | null>(length);
  for (let i = 0; i < length; i++) {
    const cell = readText(rows[i].raw[column.sourceIndex]);
    texts[i] = cell == null ? null : naturalKey(cell);
  }
  const order = new Int32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  order.sort((a, b) => {
    const x = texts[a];
    const y = texts[b];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  });
  const keys = new Float64Array(length);
  let rank = -1;
  let previous: string | null = null;
  for (let i = 0; i < length; i++) {
    const index = order[i];
    const key = texts[index];
    if (key === null) {
      keys[index] = NaN;
      continue;
    }
    if (key !== previous) {
      rank += 1;
      previous = key;
    }
    keys[index] = rank;
  }
  return { values: keys, max: Math.max(0, rank) };
}

export function dateKeys(rows: readonly RowModel[], read: (row: RowModel) => string | null): SortKeys {
  const keys = new Float64Array(rows.length);
  const dayOf = new Map<string, number>();
  let max = 0;
  for (let i = 0; i < rows.length; i++) {
    const date = read(rows[i]);
    if (date == null) {
      keys[i] = NaN;
      continue;
    }
    let day = dayOf.get(date);
    if (day === undefined) {
      dayOf.set(date, (day = toDayNumber(date as IsoDate) + DAY_OFFSET));
      if (day > max) max = day;
    }
    keys[i] = day;
  }
  return { values: keys, max };
}

export function statusKeys(rows: readonly RowModel[]): SortKeys {
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const status = rows[i].status;
    keys[i] = status == null ? NaN : STATUS_ORDER[status];
  }
  return { values: keys, max: MAX_STATUS_ORDER };
}

export function keysForColumn(rows: readonly RowModel[], column: ColumnModel): SortKeys {
  if (column.kind === 'status') return statusKeys(rows);
  if (column.kind === 'date') return dateKeys(rows, (row) => cellValue(row, column));
  return textKeys(rows, column);
}
