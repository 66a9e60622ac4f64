// Sorting the rows: by a clicked column (ascending, then descending; blanks last both ways) or
// by the default order (status order, then predicted start date). Stable: ties keep data order.
import type { ColumnModel, RowModel } from '../converter/view-model';
import type { RoleName } from '../roles';
import { dateKeys, keysForColumn, statusKeys, type SortKeys } from './sort-keys';

export type SortDirection = 'ascending' | 'descending';

export interface SortSpec {
  role: RoleName;
  direction: SortDirection;
}

/** Sort keys are computed once per column per data update, then reused for every sort. */
export class RowSorter {
  private readonly cache = new Map<string, SortKeys>();

  constructor(
    private readonly rows: readonly RowModel[],
    private readonly columns: readonly ColumnModel[],
  ) {}

  /** The effective sort: the requested one while its column is bound, else the default (null). */
  effective(spec: SortSpec | null): SortSpec | null {
    return spec && this.columns.some((c) => c.role === spec.role) ? spec : null;
  }

  sort(spec: SortSpec | null): RowModel[] {
    const effective = this.effective(spec);
    const order = effective ? this.byColumn(effective) : this.byDefault();
    const sorted = new Array<RowModel>(order.length);
    for (let i = 0; i < order.length; i++) sorted[i] = this.rows[order[i]];
    return sorted;
  }

  private byColumn(spec: SortSpec): Int32Array {
    const position = this.columns.findIndex((c) => c.role === spec.role);
    const column = this.columns[position];
    const keys = this.keys(`c${position}`, () => keysForColumn(this.rows, column));
    return orderByKeys(keys, spec.direction === 'descending' ? -1 : 1, null);
  }

  private byDefault(): Int32Array {
    const status = this.keys('status', () => statusKeys(this.rows));
    const predicted = this.keys('predicted', () => dateKeys(this.rows, (row) => row.predicted));
    return orderByKeys(status, 1, predicted);
  }

  /**
   * Builds the sort keys of one more column, ahead of a click (the app calls this while the
   * browser is idle). False when every column's keys are ready.
   */
  warmNext(): boolean {
    const position = this.columns.findIndex((_c, p) => !this.cache.has(`c${p}`));
    if (position < 0) return false;
    const column = this.columns[position];
    this.keys(`c${position}`, () => keysForColumn(this.rows, column));
    return position < this.columns.length - 1;
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

const ROW_SLOT = 2 ** 21;

/**
 * Orders rows by packing (primary key, secondary key, row index) into one float per row and
 * sorting those natively, with no comparator callback: several times faster over 30,000 rows.
 * Keys are whole numbers ≥ 0 up to their max, NaN for blank. Blanks go last in both directions; ties keep the
 * data order (the index is the last part of the packed number).
 */
export function orderByKeys(primary: SortKeys, sign: 1 | -1, secondary: SortKeys | null): Int32Array {
  const keys = primary.values;
  const length = keys.length;
  const primaryMax = primary.max;
  const secondaryKeys = secondary ? secondary.values : null;
  const secondarySpace = secondary ? secondary.max + 2 : 1;
  if ((primaryMax + 2) * secondarySpace * ROW_SLOT > Number.MAX_SAFE_INTEGER || length >= ROW_SLOT) {
    throw new RangeError('Sort keys out of range');
  }
  const packed = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const p = keys[i];
    let group = p !== p ? primaryMax + 1 : sign > 0 ? p : primaryMax - p;
    if (secondaryKeys) {
      const s = secondaryKeys[i];
      group = group * secondarySpace + (s !== s ? secondarySpace - 1 : s);
    }
    packed[i] = group * ROW_SLOT + i;
  }
  packed.sort();
  const order = new Int32Array(length);
  for (let i = 0; i < length; i++) order[i] = packed[i] % ROW_SLOT;
  return order;
}

/** First click ascending; clicking the same column again flips the direction. */
export function nextSort(current: SortSpec | null, role: RoleName): SortSpec {
  if (current && current.role === role) {
    return { role, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { role, direction: 'ascending' };
}
