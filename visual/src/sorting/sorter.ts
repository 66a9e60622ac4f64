// Sorting the rows: by clicked columns (first click ascending, then descending; Shift+click
// adds a further level; blanks last both ways) or by the default order (status order, then
// predicted start date). Stable: ties keep data order.
import type { ColumnModel, RowModel } from '../converter/view-model';
import type { ColumnRole } from '../roles';
import { defaultOrderKeys, keysForColumn, type SortKeys } from './sort-keys';

export type SortDirection = 'ascending' | 'descending';

export interface SortLevel {
  role: ColumnRole;
  direction: SortDirection;
}

/** Sort levels, most significant first; empty = the default order. */
export type SortSpec = readonly SortLevel[];

export const MAX_SORT_LEVELS = 4;

/**
 * Sort keys are computed lazily, once per column, and kept while the rows are the same: a
 * sorter built for new rows takes over the keys of the previous one when every row is the
 * same DataView row (a format change, a resize, the window length).
 */
export class RowSorter {
  private readonly cache = new Map<string, SortKeys>();

  constructor(
    private readonly rows: readonly RowModel[],
    private readonly columns: readonly ColumnModel[],
    previous?: RowSorter | null,
  ) {
    if (previous && sameRows(previous.rows, rows)) {
      for (const [name, keys] of previous.cache) if (!name.startsWith('status')) this.cache.set(name, keys);
    }
  }

  /** The levels whose column is bound (the default order when none is). */
  effective(spec: SortSpec): SortSpec {
    const bound = spec.filter((level) => this.columns.some((c) => c.role === level.role));
    return bound.length === spec.length ? spec : bound;
  }

  sort(spec: SortSpec): RowModel[] {
    const effective = this.effective(spec);
    const order = effective.length > 0 ? orderByLevels(effective.map((level) => this.levelKeys(level))) : this.defaultOrder();
    const sorted = new Array<RowModel>(order.length);
    for (let i = 0; i < order.length; i++) sorted[i] = this.rows[order[i]];
    return sorted;
  }

  private levelKeys(level: SortLevel): DirectedKeys {
    const column = this.columns.find((c) => c.role === level.role) as ColumnModel;
    return { keys: this.keysOf(column), sign: level.direction === 'descending' ? -1 : 1 };
  }

  /** Status order, then predicted start date: one key, ready to sort (no blanks, ascending). */
  private defaultOrder(): Int32Array {
    return stableOrder(this.keys('status+predicted', () => defaultOrderKeys(this.rows)), null);
  }

  /**
   * Builds the sort keys of one more column, ahead of a click (the app calls this while the
   * browser is idle). False when every column's keys are ready.
   */
  warmNext(): boolean {
    const column = this.columns.find((c) => !this.cache.has(cacheName(c)));
    if (!column) return false;
    this.keysOf(column);
    return this.columns.some((c) => !this.cache.has(cacheName(c)));
  }

  private keysOf(column: ColumnModel): SortKeys {
    return this.keys(cacheName(column), () => keysForColumn(this.rows, column));
  }

  private keys(name: string, build: () => SortKeys): SortKeys {
    let keys = this.cache.get(name);
    if (!keys) {
      keys = build();
      this.cache.set(name, keys);
    }
    return keys;
  }
}

/** Status keys follow the derived statuses (as-at date, window), so they are never taken over. */
function cacheName(column: ColumnModel): string {
  return column.kind === 'status' ? 'status' : `${column.kind}:${column.sourceIndex}`;
}

function sameRows(a: readonly RowModel[], b: readonly RowModel[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].raw !== b[i].raw) return false;
  return true;
}

export interface DirectedKeys {
  keys: SortKeys;
  sign: 1 | -1;
}

const ROW_SLOT = 2 ** 21;
const MAX_PACKED_KEY = Math.floor(Number.MAX_SAFE_INTEGER / ROW_SLOT);

/**
 * The order of the rows by several levels (blanks last in each, whatever its direction; ties
 * in data order). Levels whose key ranges multiply within range are folded into one number;
 * otherwise each level is a stable pass, least significant first.
 */
export function orderByLevels(levels: readonly DirectedKeys[]): Int32Array {
  const length = levels[0]?.keys.values.length ?? 0;
  if (length >= ROW_SLOT) throw new RangeError('Too many rows to sort');
  const directed = levels.map(directedKeys);
  const span = directed.reduce((product, keys) => product * (keys.max + 1), 1);
  if (span <= MAX_PACKED_KEY) return stableOrder(foldKeys(directed), null);
  let order: Int32Array | null = null;
  for (let level = directed.length - 1; level >= 0; level--) order = stableOrder(directed[level], order);
  return order as Int32Array;
}

/** A stable pass by one key: counting when the key range is small (status, dates, ranks), else packed. */
function stableOrder(keys: SortKeys, after: Int32Array | null): Int32Array {
  const length = keys.values.length;
  return keys.max < Math.max(4 * length, 1 << 16) ? countingOrder(keys, after) : packedOrder(keys, after);
}

/** Counting sort: O(rows + key range), no comparisons. Keys are whole numbers 0…max. */
function countingOrder(keys: SortKeys, after: Int32Array | null): Int32Array {
  const length = keys.values.length;
  const starts = new Int32Array(keys.max + 2);
  for (let i = 0; i < length; i++) starts[keys.values[i] + 1] += 1;
  for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
  const order = new Int32Array(length);
  for (let position = 0; position < length; position++) {
    const row = after ? after[position] : position;
    order[starts[keys.values[row]]++] = row;
  }
  return order;
}

/** Keys 0…max with direction applied and blank = max (after every value). */
function directedKeys({ keys, sign }: DirectedKeys): SortKeys {
  const source = keys.values;
  const top = keys.max + 1;
  const values = new Float64Array(source.length);
  for (let i = 0; i < source.length; i++) {
    const k = source[i];
    values[i] = k !== k ? top : sign > 0 ? k : keys.max - k;
  }
  return { values, max: top };
}

function foldKeys(levels: readonly SortKeys[]): SortKeys {
  const [first, ...rest] = levels;
  const values = Float64Array.from(first.values);
  let max = first.max;
  for (const level of rest) {
    const radix = level.max + 1;
    for (let i = 0; i < values.length; i++) values[i] = values[i] * radix + level.values[i];
    max = max * radix + level.max;
  }
  return { values, max };
}

/**
 * A stable sort by one key with no comparator callback: (key, position) packed into one float
 * per row and sorted natively, several times faster than a comparator over 30,000 rows. `after` is the order of a
 * previous pass (positions break ties), or null for data order.
 */
function packedOrder(keys: SortKeys, after: Int32Array | null): Int32Array {
  if (keys.max > MAX_PACKED_KEY) throw new RangeError('Sort keys out of range');
  const length = keys.values.length;
  const packed = new Float64Array(length);
  for (let position = 0; position < length; position++) {
    const row = after ? after[position] : position;
    packed[position] = keys.values[row] * ROW_SLOT + position;
  }
  packed.sort();
  const order = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const position = packed[i] % ROW_SLOT;
    order[i] = after ? after[position] : position;
  }
  return order;
}

/**
 * A click on a title: alone, it sorts by that column (ascending; again, descending); with
 * Shift it adds the column as a further level, or flips it when already a level.
 */
export function nextSort(current: SortSpec, role: ColumnRole, add = false): SortSpec {
  const at = current.findIndex((level) => level.role === role);
  const flipped = (level: SortLevel): SortLevel => ({ role, direction: level.direction === 'ascending' ? 'descending' : 'ascending' });
  if (!add) return current.length === 1 && at === 0 ? [flipped(current[0])] : [{ role, direction: 'ascending' }];
  if (at >= 0) return current.map((level, i) => (i === at ? flipped(level) : level));
  return [...current.slice(0, MAX_SORT_LEVELS - 1), { role, direction: 'ascending' }];
}
