// Which DataView column carries which role: the table columns in bound order, the hidden
// roles (as-at date, Full Care Order) and the tooltip fields.
import powerbi from 'powerbi-visuals-api';
import { ROLE_KIND, ROLE_NAMES, ROLE_TITLES, isColumnRole, isRoleName, type RoleName } from '../roles';
import type { ColumnModel, TooltipField } from './view-model';

export interface Binding {
  columns: ColumnModel[];
  /** The first column carrying each role. */
  sourceOfRole: Partial<Record<RoleName, number>>;
  /** The bound field's name for each role (the role's own name when the field has none). */
  fieldOfRole: Partial<Record<RoleName, string>>;
  tooltipFields: TooltipField[];
}

/** Columns in bound order; each role maps to the first column carrying it. */
export function bindColumns(metadata: readonly powerbi.DataViewMetadataColumn[]): Binding {
  const columns: ColumnModel[] = [];
  const tooltipFields: TooltipField[] = [];
  const sourceOfRole: Partial<Record<RoleName, number>> = {};
  const fieldOfRole: Partial<Record<RoleName, string>> = {};
  metadata.forEach((column, sourceIndex) => {
    const roles = Object.keys(column?.roles ?? {}).filter((r) => column.roles?.[r] && isRoleName(r)) as RoleName[];
    roles.sort((a, b) => ROLE_NAMES.indexOf(a) - ROLE_NAMES.indexOf(b));
    const named = typeof column?.displayName === 'string' && column.displayName.trim() !== '';
    for (const role of roles) {
      if (role === 'tooltips') {
        tooltipFields.push({ title: named ? column.displayName : ROLE_TITLES.tooltips, sourceIndex, kind: tooltipKind(column) });
        continue;
      }
      if (sourceOfRole[role] !== undefined) continue;
      sourceOfRole[role] = sourceIndex;
      const title = named ? column.displayName : ROLE_TITLES[role];
      fieldOfRole[role] = title;
      if (isColumnRole(role)) columns.push({ role, kind: ROLE_KIND[role], title, sourceIndex });
    }
  });
  return { columns, sourceOfRole, fieldOfRole, tooltipFields };
}

/**
 * With Status unbound the rows still have a status (derived from the dates), so a Status
 * column shows it, as if bound: last, as in the brief's column order.
 */
export function withDerivedStatus(binding: Binding, title: string): ColumnModel[] {
  const { columns, sourceOfRole } = binding;
  if (sourceOfRole.status !== undefined || sourceOfRole.predictedStartDate === undefined) return columns;
  return [...columns, { role: 'status', kind: 'status', title, sourceIndex: -1, derived: true }];
}

function tooltipKind(column: powerbi.DataViewMetadataColumn): TooltipField['kind'] {
  const type = column.type;
  if (type?.dateTime) return 'date';
  if (type?.numeric || type?.integer) return 'number';
  return 'text';
}
