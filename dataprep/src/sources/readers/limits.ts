import { TABLES, type CuratedTableName } from '../../model/tables';

/** The NVARCHAR length of the curated column a source column feeds: the validation limit. */
export function limitOf(table: CuratedTableName, column: string): number {
  const found = TABLES[table].columns.find((c) => c.name === column)?.maxLength;
  if (found === undefined) throw new Error(`No text column ${table}.${column} in the catalog`);
  return found;
}

export const PERSON_ID = limitOf('planned_assessment', 'person_id');
export const NAME = limitOf('planned_assessment', 'child_name');
export const TEAM = limitOf('planned_assessment', 'team');
export const LOCALITY = limitOf('planned_assessment', 'locality');
/** SSDA903 codes (LS, PLACE, PLACE_PROVIDER, REC) feed code columns of 10. */
export const CODE = limitOf('care_exit', 'reason_code');
export const REASON = limitOf('plan_explanation', 'reason');
export const USER_PRINCIPAL_NAME = limitOf('user_access', 'user_principal_name');
export const WORKFLOW_TYPE = limitOf('assessment_workflow', 'workflow_type');
