// Column widths the author set (dragged, or fitted by a double-click) are kept in the report:
// object "columnWidths" (hidden from the format pane), one numeric property per column role.
import powerbi from 'powerbi-visuals-api';
import { COLUMN_ROLES, type ColumnRole } from '../roles';

export type WidthOverrides = Partial<Record<ColumnRole, number>>;

const MAX_WIDTH_PX = 4000;

export function readPersistedWidths(dataView: powerbi.DataView | undefined): WidthOverrides {
  const object = dataView?.metadata?.objects?.columnWidths as Record<string, unknown> | undefined;
  const widths: WidthOverrides = {};
  for (const role of COLUMN_ROLES) {
    const value = object?.[role];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) widths[role] = Math.min(MAX_WIDTH_PX, value);
  }
  return widths;
}

export function persistWidth(host: powerbi.extensibility.visual.IVisualHost | undefined, role: ColumnRole, width: number): boolean {
  if (typeof host?.persistProperties !== 'function') return false;
  host.persistProperties({
    merge: [
      {
        objectName: 'columnWidths',
        selector: null as unknown as powerbi.data.Selector,
        properties: { [role]: Math.round(Math.min(MAX_WIDTH_PX, Math.max(1, width))) },
      },
    ],
  });
  return true;
}
