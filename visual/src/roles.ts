/** The data roles of capabilities.json, in their declared order (the data contract). */
export const ROLE_NAMES = [
  'personId',
  'child',
  'socialWorker',
  'team',
  'locality',
  'placementType',
  'provider',
  'assessmentType',
  'predictedStartDate',
  'actualStartDate',
  'status',
  'asAtDate',
  'fullCareOrder',
  'tooltips',
] as const;

export type RoleName = (typeof ROLE_NAMES)[number];

/** How a role's values are read, formatted and sorted. */
export type RoleKind = 'id' | 'text' | 'date' | 'status';

/** The eleven roles shown as table columns (the brief's columns). */
export type ColumnRole = Exclude<RoleName, 'asAtDate' | 'fullCareOrder' | 'tooltips'>;

export const COLUMN_ROLES: readonly ColumnRole[] = ROLE_NAMES.filter(
  (role): role is ColumnRole => role !== 'asAtDate' && role !== 'fullCareOrder' && role !== 'tooltips',
);

export const ROLE_KIND: Readonly<Record<ColumnRole | 'asAtDate', RoleKind>> = {
  personId: 'id',
  child: 'text',
  socialWorker: 'text',
  team: 'text',
  locality: 'text',
  placementType: 'text',
  provider: 'text',
  assessmentType: 'text',
  predictedStartDate: 'date',
  actualStartDate: 'date',
  status: 'status',
  asAtDate: 'date',
};

export function isRoleName(value: string): value is RoleName {
  return (ROLE_NAMES as readonly string[]).includes(value);
}

export function isColumnRole(value: string): value is ColumnRole {
  return (COLUMN_ROLES as readonly string[]).includes(value);
}

/** The roles' display names (capabilities.json), used when a bound field has no name. */
export const ROLE_TITLES: Readonly<Record<RoleName, string>> = {
  personId: 'Person ID',
  child: 'Child',
  socialWorker: 'Social Worker',
  team: 'Team',
  locality: 'Locality',
  placementType: 'Placement Type',
  provider: 'Provider',
  assessmentType: 'Assessment Type',
  predictedStartDate: 'Predicted Start Date',
  actualStartDate: 'Actual Start Date',
  status: 'Status',
  asAtDate: 'As At Date',
  fullCareOrder: 'Full Care Order',
  tooltips: 'Tooltips',
};
