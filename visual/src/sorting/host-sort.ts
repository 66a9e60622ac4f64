// Power BI's own sorting (capabilities `sorting: { custom: {} }`, Learn: "Sorting options for
// Power BI visuals", power-bi/developer/visuals/sort-options): the visual asks the host to sort
// the whole dataset with host.applyCustomSort, so the first window of rows is the first in
// that order, not only the rows loaded so far; and the host's "Sort by" menu sorts it too. The
// host reports its sort on the DataView's columns (`sort`: 1 ascending, 2 descending, and
// `sortOrder` for the levels).
import powerbi from 'powerbi-visuals-api';
import type { ColumnModel } from '../converter/view-model';
import { MAX_SORT_LEVELS, type SortDirection, type SortLevel, type SortSpec } from './sorter';

const ASCENDING = 1 as powerbi.SortDirection;
const DESCENDING = 2 as powerbi.SortDirection;

/** The host's sort of the rows received, as the visual's levels (bound columns only); empty when none. */
export function readHostSort(dataView: powerbi.DataView | undefined, columns: readonly ColumnModel[]): SortSpec {
  const metadata = dataView?.metadata?.columns ?? [];
  const levels: (SortLevel & { order: number })[] = [];
  for (const column of columns) {
    const source = column.sourceIndex >= 0 ? metadata[column.sourceIndex] : undefined;
    const direction = directionOf(source?.sort);
    if (!source || !direction) continue;
    levels.push({ role: column.role, direction, order: typeof source.sortOrder === 'number' ? source.sortOrder : column.sourceIndex });
  }
  levels.sort((a, b) => a.order - b.order);
  return levels.slice(0, MAX_SORT_LEVELS).map(({ role, direction }) => ({ role, direction }));
}

/**
 * Asks the host to sort by `spec` (the levels of bound columns; a derived Status has no field
 * to sort by). Returns the levels asked for, or null when the host cannot sort.
 */
export function applyHostSort(host: powerbi.extensibility.visual.IVisualHost | undefined, dataView: powerbi.DataView | undefined, columns: readonly ColumnModel[], spec: SortSpec): SortSpec | null {
  if (typeof host?.applyCustomSort !== 'function') return null;
  const metadata = dataView?.metadata?.columns ?? [];
  const asked: SortLevel[] = [];
  const sortDescriptors: powerbi.extensibility.visual.CustomVisualSortableFieldDescriptor[] = [];
  for (const level of spec) {
    const column = columns.find((c) => c.role === level.role);
    const queryName = column && column.sourceIndex >= 0 ? metadata[column.sourceIndex]?.queryName : undefined;
    if (!queryName) continue;
    asked.push(level);
    sortDescriptors.push({ queryName, sortDirection: level.direction === 'descending' ? DESCENDING : ASCENDING });
  }
  host.applyCustomSort({ sortDescriptors });
  return asked;
}

function directionOf(sort: powerbi.SortDirection | undefined): SortDirection | null {
  if (sort === ASCENDING) return 'ascending';
  if (sort === DESCENDING) return 'descending';
  return null;
}
