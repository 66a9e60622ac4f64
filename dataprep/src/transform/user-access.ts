import type { UserAccessRow } from '../model/refresh-set';
import type { UserAccessRecord } from '../model/source-records';

/** Straight from user_access.csv (blank team → null). */
export function buildUserAccess(records: readonly UserAccessRecord[]): UserAccessRow[] {
  return records.map((record) => ({
    user_principal_name: record.userPrincipalName,
    locality: record.locality,
    team: record.team?.trim() ? record.team : null,
  }));
}
