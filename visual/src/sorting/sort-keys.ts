// Precomputed numeric sort keys, one per row, so a sort compares numbers only. NaN = blank.
import { STATUS_ORDER, toDayNumber, type IsoDate } from '../../../core/src/index';
import { cellValue, readText } from '../converter/values';
import type { ColumnModel, RowModel } from '../converter/view-model';

const HAS_DIGIT = /\d/;
const NON_ASCII = /[^\x20-\x7e]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
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
 * Rank of each row's text (equal texts share a rank). The column is dictionary-encoded first
 * (a report column repeats its values, and consecutive rows often share one), so only the
 * distinct texts get a natural key and are sorted; the sort itself compares plain strings.
 */
export function textKeys(rows: readonly RowModel[], column: ColumnModel): SortKeys {
  const length = rows.length;
  const source = column.sourceIndex;
  const codes = new Int32Array(length);
  const codeOf = new Map<unknown, number>();
  const naturals: string[] = [];
  let lastRaw: unknown = undefined;
  let lastCode = -1;
  for (let i = 0; i < length; i++) {
    const raw = rows[i].raw[source];
    if (raw !== lastRaw || i === 0) {
      lastRaw = raw;
      let code = codeOf.get(raw);
      if (code === undefined) {
        const cell = readText(raw);
        code = cell == null ? -1 : naturals.push(naturalKey(cell)) - 1;
        codeOf.set(raw, code);
      }
      lastCode = code;
    }
    codes[i] = lastCode;
  }
  const rankOfCode = rankTexts(naturals);
  const keys = new Float64Array(length);
  for (let i = 0; i < length; i++) keys[i] = codes[i] < 0 ? NaN : rankOfCode[codes[i]];
  return { values: keys, max: naturals.length === 0 ? 0 : Math.max(...rankOfCode) };
}

/** Dense ranks of natural keys (equal keys share a rank). */
function rankTexts(texts: readonly string[]): Int32Array {
  return rankNumbers(texts) ?? rankStrings(texts);
}

/** A whole-number natural key: its digit count as one character, then the digits. */
const NUMBER_KEY = /^[\x31-\x3f]\d+$/;

/**
 * When every key is a whole number (a Person ID column), ranks by numeric value: a native sort
 * of numbers, several times faster than comparing 30,000 strings. Null otherwise.
 */
function rankNumbers(texts: readonly string[]): Int32Array | null {
  const values = new Float64Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const key = texts[i];
    if (!NUMBER_KEY.test(key) || key.length > 16) return null;
    values[i] = Number(key.slice(1));
  }
  const sorted = Float64Array.from(values).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
  const unique = sorted.subarray(0, distinct);
  const ranks = new Int32Array(texts.length);
  for (let i = 0; i < texts.length; i++) ranks[i] = binarySearch(unique, values[i]);
  return ranks;
}

function binarySearch(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Dense ranks by plain string order. */
function rankStrings(texts: readonly string[]): Int32Array {
  const order = Array.from(texts.keys()).sort((a, b) => (texts[a] < texts[b] ? -1 : texts[a] > texts[b] ? 1 : 0));
  const ranks = new Int32Array(texts.length);
  let rank = -1;
  let previous: string | null = null;
  for (const code of order) {
    if (texts[code] !== previous) {
      rank += 1;
      previous = texts[code];
    }
    ranks[code] = rank;
  }
  return ranks;
}

/** Dense ranks of calendar dates (a column holds a few hundred distinct days). */
export function dateKeys(rows: readonly RowModel[], read: (row: RowModel) => string | null): SortKeys {
  const length = rows.length;
  const keys = new Float64Array(length);
  const dayOf = new Map<string, number>();
  for (let i = 0; i < length; i++) {
    const date = read(rows[i]);
    if (date == null) {
      keys[i] = NaN;
      continue;
    }
    let day = dayOf.get(date);
    if (day === undefined) dayOf.set(date, (day = toDayNumber(date as IsoDate)));
    keys[i] = day;
  }
  const days = [...new Set(dayOf.values())].sort((a, b) => a - b);
  const rank = new Map(days.map((day, index) => [day, index]));
  for (let i = 0; i < length; i++) if (keys[i] === keys[i]) keys[i] = rank.get(keys[i]) as number;
  return { values: keys, max: Math.max(0, days.length - 1) };
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
