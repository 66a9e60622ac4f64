/**
 * Every rule name the job can record in `data_quality_issue.rule`, in one list. The readers,
 * the transform and the pipeline accept only these names (the `DataQualityRule` type), and a
 * test checks that docs/source-contract.md describes each one, so MI can look up any rule
 * the run summary or the table shows. Add a new rule here and to that page.
 */
export const DATA_QUALITY_RULES = [
  // The run failed on a file-level problem (recorded with the failed run).
  'file_rejected',
  // The run failed: the shrink guards refused to replace the tables (recorded with the failed run).
  'table_shrink',
  // The run failed: even the newest required file was older than PPOC_MAX_EXTRACT_AGE_HOURS.
  'stale_extract',
  // A reader rejected the row (error): it is skipped and the run goes on.
  'missing_person_id',
  'missing_required_value',
  'too_long',
  'invalid_date',
  'invalid_flag',
  'invalid_number',
  'invalid_value',
  'unknown_assessment_type',
  'unknown_measure',
  'ceased_before_start',
  'period_end_before_start',
  'duplicate_person',
  'duplicate_workflow_id',
  'duplicate_team',
  'duplicate_target',
  // A reader kept the row with a warning.
  'missing_code',
  'unknown_workflow_type',
  'cell_outside_header',
  // The transform kept the data and warns.
  'unknown_placement_code',
  'unknown_provider_code',
  'unknown_legal_status',
  'multiple_open_episodes',
  'episode_starts_after_as_at',
  'x1_without_next_episode',
  'missing_reason_ceased',
  'assessment_after_as_at',
  'prediction_for_child_not_in_care',
  'exclusion_for_unknown_child',
  'no_allocation',
  'duplicate_allocation',
  'unknown_team_locality',
  'target_on_time_not_a_share',
] as const;

export type DataQualityRule = (typeof DATA_QUALITY_RULES)[number];

const KNOWN: ReadonlySet<string> = new Set(DATA_QUALITY_RULES);

export function isDataQualityRule(value: unknown): value is DataQualityRule {
  return typeof value === 'string' && KNOWN.has(value);
}
