/** Column order the demo writes, as docs/source-contract.md names them. */
export const DEMO_COLUMNS = {
  'episodes.csv': [
    'CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC',
    'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN',
  ],
  'header.csv': ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  'allocations.csv': ['person_id', 'child_name', 'social_worker', 'team', 'locality'],
  'teams.csv': ['team', 'locality'],
  'assessments.csv': ['person_id', 'workflow_id', 'workflow_type', 'start_date', 'for_reunification'],
  'predictions.csv': ['person_id', 'assessment_type', 'predicted_start_date', 'submitted_at', 'submitted_by'],
  'exclusions.csv': ['person_id', 'reason', 'excluded_on'],
  'user_access.csv': ['user_principal_name', 'locality', 'team'],
  'targets.csv': ['locality', 'measure', 'period_start', 'period_end', 'target'],
} as const;

export type DemoFileName = keyof typeof DEMO_COLUMNS;

export const DEMO_FILES = Object.keys(DEMO_COLUMNS) as DemoFileName[];
