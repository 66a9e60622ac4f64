// The sort is kept in the report (object "sort", hidden from the format pane) so it survives
// a reload: read from the DataView's metadata, written with host.persistProperties. The first
// level is `column` + `direction`; further levels (Shift+click) are `secondary`, written as
// "role:direction,role:direction".
import powerbi from 'powerbi-visuals-api';
import { isColumnRole } from '../roles';
import { MAX_SORT_LEVELS, type SortLevel, type SortSpec } from './sorter';

export function readPersistedSort(dataView: powerbi.DataView | undefined): SortSpec | null {
  const sort = dataView?.metadata?.objects?.sort as Record<string, unknown> | undefined;
  const first = level(sort?.column, sort?.direction);
  if (!first) return null;
  const rest = typeof sort?.secondary === 'string' ? sort.secondary.split(',') : [];
  const levels = [first];
  for (const part of rest) {
    const [role, direction] = part.split(':');
    const next = level(role, direction);
    if (next && !levels.some((l) => l.role === next.role) && levels.length < MAX_SORT_LEVELS) levels.push(next);
  }
  return levels;
}

function level(role: unknown, direction: unknown): SortLevel | null {
  if (typeof role !== 'string' || !isColumnRole(role)) return null;
  if (direction !== 'ascending' && direction !== 'descending') return null;
  return { role, direction };
}

/** The persisted form's key, to tell a re-delivered sort from a new one. */
export function sortKey(spec: SortSpec | null): string {
  return spec ? spec.map((l) => `${l.role}:${l.direction}`).join(',') : '';
}

export function persistSort(host: powerbi.extensibility.visual.IVisualHost | undefined, spec: SortSpec): boolean {
  if (typeof host?.persistProperties !== 'function') return false;
  const [first, ...rest] = spec;
  host.persistProperties({
    merge: [
      {
        objectName: 'sort',
        selector: null as unknown as powerbi.data.Selector,
        properties: { column: first?.role ?? '', direction: first?.direction ?? '', secondary: sortKey(rest) },
      },
    ],
  });
  return true;
}
