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
  return wholeNumberKeys(rows, column.sourceIndex) ?? dictionaryKeys(rows, column.sourceIndex);
}

const WHOLE_NUMBER = /^\s*\d{1,15}\s*$/;

/**
 * A column whose every value is a whole number written in digits (a Person ID column): ranks
 * by value straight from the rows, with a native numeric sort. Null as soon as a value is not.
 * (The natural key orders such values by value too, leading zeros ignored: the same order.)
 */
function wholeNumberKeys(rows: readonly RowModel[], source: number): SortKeys | null {
  const length = rows.length;
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const raw = rows[i].raw[source];
    if (raw == null || raw === '') values[i] = NaN;
    else if (typeof raw === 'string' && WHOLE_NUMBER.test(raw)) values[i] = Number(raw);
    else if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) values[i] = raw;
    else if (typeof raw === 'string' && raw.trim() === '') values[i] = NaN;
    else return null;
  }
  const unique = uniqueSorted(values);
  for (let i = 0; i < length; i++) if (values[i] === values[i]) values[i] = binarySearch(unique, values[i]);
  return { values, max: Math.max(0, unique.length - 1) };
}

/** The distinct numbers (NaN left out), ascending. */
function uniqueSorted(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i] !== sorted[i]) break;
    if (distinct === 0 || sorted[i] !== sorted[distinct - 1]) sorted[distinct++] = sorted[i];
  }
  return sorted.subarray(0, distinct);
}

function dictionaryKeys(rows: readonly RowModel[], source: number): SortKeys {
  const length = rows.length;
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
  const rankOfCode = rankStrings(naturals);
  const keys = new Float64Array(length);
  for (let i = 0; i < length; i++) keys[i] = codes[i] < 0 ? NaN : rankOfCode[codes[i]];
  return { values: keys, max: naturals.length === 0 ? 0 : Math.max(...rankOfCode) };
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

/**
 * The default order's key in one number per row: status order, then predicted start day
 * (blanks last in each), built in one pass with no ranking, so the first update sorts 30,000
 * rows with a single counting sort. Days are offsets from the earliest predicted day.
 */
export function defaultOrderKeys(rows: readonly RowModel[]): SortKeys {
  const length = rows.length;
  const values = new Float64Array(length);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < length; i++) {
    const date = rows[i].predicted;
    if (date === null) {
      values[i] = NaN;
      continue;
    }
    const day = toDayNumber(date as IsoDate); // core remembers the days it has worked out
    if (day < first) first = day;
    if (day > last) last = day;
    values[i] = day;
  }
  // Per status: every day from the first to the last, then the blank date.
  const span = last >= first ? last - first + 2 : 1;
  for (let i = 0; i < length; i++) {
    const status = rows[i].status;
    const day = values[i];
    const slot = status === null ? MAX_STATUS_ORDER + 1 : STATUS_ORDER[status];
    values[i] = slot * span + (day === day ? day - first : span - 1);
  }
  return { values, max: (MAX_STATUS_ORDER + 2) * span - 1 };
}

export function keysForColumn(rows: readonly RowModel[], column: ColumnModel): SortKeys {
  if (column.kind === 'status') return statusKeys(rows);
  // The converter has read these two dates of every row already.
  if (column.role === 'predictedStartDate') return dateKeys(rows, (row) => row.predicted);
  if (column.role === 'actualStartDate') return dateKeys(rows, (row) => row.actual);
  if (column.kind === 'date') return dateKeys(rows, (row) => cellValue(row, column));
  return textKeys(rows, column);
}
