// The sort is kept in the report (object "sort", hidden from the format pane) so it survives
// a reload: read from the DataView's metadata, written with host.persistProperties.
import powerbi from 'powerbi-visuals-api';
import { isRoleName } from '../roles';
import type { SortSpec } from './sorter';

export function readPersistedSort(dataView: powerbi.DataView | undefined): SortSpec | null {
  const sort = dataView?.metadata?.objects?.sort as Record<string, unknown> | undefined;
  const role = sort?.column;
  const direction = sort?.direction;
  if (typeof role !== 'string' || !isRoleName(role) || role === 'asAtDate') return null;
  if (direction !== 'ascending' && direction !== 'descending') return null;
  return { role, direction };
}

export function persistSort(host: powerbi.extensibility.visual.IVisualHost | undefined, spec: SortSpec | null): boolean {
  if (typeof host?.persistProperties !== 'function') return false;
  host.persistProperties({
    merge: [
      {
        objectName: 'sort',
        selector: null as unknown as powerbi.data.Selector,
        properties: { column: spec?.role ?? '', direction: spec?.direction ?? '' },
      },
    ],
  });
  return true;
}
