import type { IsoDate, YesNo } from '../../../core/src/index';
import type { DataQualityIssue } from './data-quality';
import type { CuratedTableName } from './tables';

/** Row shapes: keys are the curated column names, values as stored (dates ISO, flags Yes/No). */
export interface PlannedAssessmentRow {
  person_id: string;
  child_name: string | null;
  social_worker: string | null;
  team: string | null;
  locality: string | null;
  placement_type: string | null;
  placement_provider: string | null;
  legal_status: string | null;
  full_care_order: YesNo;
  assessment_type: string;
  predicted_start_date: IsoDate;
  first_predicted_start_date: IsoDate;
  prediction_revisions: number;
  actual_start_date: IsoDate | null;
  status: string;
  status_order: number;
  days_late: number;
  in_care: YesNo;
  ceased_date: IsoDate | null;
  ceased_reason: string | null;
  in_last_window: YesNo;
  in_next_window: YesNo;
  as_at_date: IsoDate;
}

export interface CicCohortRow {
  person_id: string;
  child_name: string | null;
  legal_status: string | null;
  legal_status_description: string | null;
  full_care_order: YesNo;
  placement_type: string | null;
  placement_provider: string | null;
  team: string | null;
  locality: string | null;
  social_worker: string | null;
  period_of_care_start: IsoDate;
  days_in_care: number;
  ppoc_group: string;
  has_plan: YesNo;
  as_at_date: IsoDate;
}

export interface CareExitRow {
  person_id: string;
  ceased_date: IsoDate;
  reason_code: string | null;
  reason_group: string;
  legal_status_at_exit: string | null;
  full_care_order_at_exit: YesNo;
  team: string | null;
  locality: string | null;
  had_plan: YesNo;
  as_at_date: IsoDate;
}

export interface LocalitySummaryRow {
  locality: string;
  team: string;
  children_in_care: number;
  fco_children: number;
  plans: number;
  started_on_time_last_window: number;
  started_late_last_window: number;
  not_yet_started: number;
  upcoming_next_window: number;
  sgo_exits_last_12_months: number;
  reunification_exits_last_12_months: number;
  as_at_date: IsoDate;
  full_care_order: FcoSlice;
}

/** The page-2 FCO slicer's values: one row set per value, `All` being every child. */
export type FcoSlice = 'All' | YesNo;

export interface TargetProgressRow {
  locality: string;
  measure: string;
  period_start: IsoDate;
  period_end: IsoDate;
  target: number;
  actual: number;
  as_at_date: IsoDate;
  full_care_order: FcoSlice;
}

export interface PlanExplanationRow {
  person_id: string;
  assessment_type: string;
  listed: YesNo;
  reason: string;
  as_at_date: IsoDate;
  /** The child's allocation (allocations.csv), blank when it has none. */
  locality: string | null;
  team: string | null;
}

export interface UserAccessRow {
  user_principal_name: string;
  locality: string;
  team: string | null;
}

/** Every Mosaic workflow read, qualifying or not, and why it did or did not count (release 2). */
export interface AssessmentWorkflowRow {
  person_id: string;
  workflow_id: string;
  workflow_type: string;
  start_date: IsoDate | null;
  for_reunification: YesNo;
  qualifies: YesNo;
  reason: string;
  as_at_date: IsoDate;
  /** The child's allocation (allocations.csv), blank when it has none. */
  locality: string | null;
  team: string | null;
}

export interface TimelinessByMonthRow {
  /** `YYYY-MM`. */
  month: string;
  locality: string;
  team: string;
  assessment_type: string;
  started: number;
  started_on_time: number;
  started_late: number;
  pct_on_time: number | null;
  median_days_late: number | null;
  not_yet_started_at_month_end: number | null;
  target_pct_on_time: number | null;
}

export interface LocalityTeamRow {
  locality: string;
  team: string;
  sort_order: number;
}

/** One listed plan on one as-at date: kept across runs (the trend). */
export interface PlanStatusHistoryRow {
  as_at_date: IsoDate;
  person_id: string;
  assessment_type: string;
  status: string;
  status_order: number;
  predicted_start_date: IsoDate;
  actual_start_date: IsoDate | null;
  days_late: number;
  locality: string | null;
  team: string | null;
  full_care_order: YesNo;
  run_id: string;
}

/**
 * The history a run builds on, read by the pipeline through the warehouse before the
 * transform (which never reads a database): rows dated before the run's as-at date and
 * not older than the retention cut-off.
 */
export interface PriorHistory {
  /** The rows of the last as-at date of each calendar month. */
  monthEnds: PlanStatusHistoryRow[];
  /** Each plan's row on the last as-at date it was listed. */
  latestByPlan: PlanStatusHistoryRow[];
  /** Every (locality, team) the kept history holds, any date but the run's own. */
  places: { locality: string | null; team: string | null }[];
}

export const NO_PRIOR_HISTORY: PriorHistory = { monthEnds: [], latestByPlan: [], places: [] };

/** What a run does to plan_status_history: replace its as-at date's rows, trim by retention. */
export interface HistoryUpdate {
  rows: PlanStatusHistoryRow[];
  /** Rows dated before this are deleted (PPOC_HISTORY_DAYS); null keeps all. */
  keepFrom: IsoDate | null;
}

export interface CuratedRows {
  planned_assessment: PlannedAssessmentRow[];
  cic_cohort: CicCohortRow[];
  care_exit: CareExitRow[];
  locality_summary: LocalitySummaryRow[];
  target_progress: TargetProgressRow[];
  plan_explanation: PlanExplanationRow[];
  user_access: UserAccessRow[];
  assessment_workflow: AssessmentWorkflowRow[];
  timeliness_by_month: TimelinessByMonthRow[];
  locality_team: LocalityTeamRow[];
}

/** Everything one run publishes, built in memory by the transform, written by a warehouse. */
export interface RefreshSet {
  asAtDate: IsoDate;
  windowMonths: number;
  tables: CuratedRows;
  history: HistoryUpdate;
  /** Warnings and errors the transform found (source-reader issues are added by the pipeline). */
  issues: DataQualityIssue[];
}

export type AnyCuratedRow = CuratedRows[CuratedTableName][number];

export interface TransformOptions {
  asAt: IsoDate;
  /** `W`, default 3. */
  windowMonths: number;
  /** `L`, default 90. */
  lookbackDays: number;
  /** The run, recorded on its plan_status_history rows. */
  runId: string;
  /** PPOC_HISTORY_DAYS: history older than A − N days is deleted; null keeps all. */
  historyDays: number | null;
}
