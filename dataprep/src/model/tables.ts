/**
 * The curated tables (docs/curated-tables.md) as one catalog: column names, types,
 * lengths and keys. Both warehouse targets create and load their tables from it, and the
 * static check of `sql/` compares the T-SQL against it, so a name is spelt in one place.
 */
export type ColumnType = 'text' | 'date' | 'int' | 'yesno' | 'timestamp' | 'decimal';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  /** For `text`: the NVARCHAR length (also the validation limit). */
  maxLength?: number;
  /** For `decimal`: DECIMAL(precision, scale) in SQL Server, REAL in SQLite. */
  precision?: number;
  scale?: number;
  nullable: boolean;
  /** The value rows written before the column existed get when an upgrade adds it. */
  addedWith?: string;
}

export interface TableDef {
  name: CuratedTableName | LogTableName | HistoryTableName;
  columns: readonly ColumnDef[];
  primaryKey: readonly string[];
  /** Extra indexes Power BI's queries and the CLI lookups need. */
  indexes: readonly (readonly string[])[];
}

export type CuratedTableName =
  | 'planned_assessment'
  | 'cic_cohort'
  | 'care_exit'
  | 'locality_summary'
  | 'target_progress'
  | 'plan_explanation'
  | 'user_access'
  | OperationsCuratedTableName
  | TrendTableName;
export type LogTableName = 'refresh_log' | 'data_quality_issue' | OperationsLogTableName | GuardLogTableName;

/** Release 2, operations (issue 11): every Mosaic workflow with why it counts; each run's source files. */
export type OperationsCuratedTableName = 'assessment_workflow';
export type OperationsLogTableName = 'source_file';
/** Issue 20: the figures each run's shrink guards compared (pipeline/run-figures.ts). */
export type GuardLogTableName = 'run_figure';
/** Release 2, trends (issue 10): curated tables for trends and the report model. */
export type TrendTableName = 'timeliness_by_month' | 'locality_team';
/** Kept across runs: a run replaces only its own as-at date's rows. */
export type HistoryTableName = 'plan_status_history';

const ID = 50;
const NAME = 200;
const LABEL = 200;
const MESSAGE = 1000;

const text = (name: string, maxLength: number, nullable = true): ColumnDef => ({ name, type: 'text', maxLength, nullable });
const date = (name: string, nullable = true): ColumnDef => ({ name, type: 'date', nullable });
const int = (name: string, nullable = false): ColumnDef => ({ name, type: 'int', nullable });
const yesno = (name: string): ColumnDef => ({ name, type: 'yesno', nullable: false });
const asAt = date('as_at_date', false);
const decimal = (name: string, precision: number, scale: number): ColumnDef => ({ name, type: 'decimal', precision, scale, nullable: true });
/** `Yes`, `No` or `All` on the page-2 tables, so an FCO slicer picks one row set; release-1 rows were the `All` rows. */
const fcoSlice: ColumnDef = { ...text('full_care_order', 3, false), addedWith: 'All' };

// Release 2, operations (issue 11). Kept in their own block so other release-2 additions merge cleanly.
const OPERATIONS_TABLES: Readonly<Record<OperationsCuratedTableName | OperationsLogTableName, TableDef>> = {
  /** Every workflow row of assessments.csv that was read, qualifying or not, with why it did (not) count. */
  assessment_workflow: {
    name: 'assessment_workflow',
    columns: [
      text('person_id', ID, false), text('workflow_id', ID, false), text('workflow_type', 100, false), date('start_date'),
      yesno('for_reunification'), yesno('qualifies'), text('reason', MESSAGE, false), asAt,
      // The child's allocated place (issue 17), so row-level security on locality_team reaches the table.
      text('locality', NAME), text('team', NAME),
    ],
    primaryKey: ['workflow_id'],
    indexes: [['person_id']],
  },
  /** One row per run and source file read: kept forever, like refresh_log. */
  source_file: {
    name: 'source_file',
    columns: [
      text('run_id', 40, false), text('file_name', 60, false), int('size_bytes'),
      { name: 'modified_at_utc', type: 'timestamp', nullable: false }, text('sha256', 64, false), int('rows_read'), int('rows_rejected'),
    ],
    primaryKey: ['run_id', 'file_name'],
    indexes: [],
  },
};

// Issue 20, in its own block too.
const GUARD_TABLES: Readonly<Record<GuardLogTableName, TableDef>> = {
  /**
   * The figures a run's shrink guards compare (pipeline/run-figures.ts), one row each, kept forever
   * like refresh_log: the guards read the figures of earlier successful runs here, never the live tables.
   */
  run_figure: {
    name: 'run_figure',
    columns: [
      text('run_id', 40, false), text('figure', 60, false), int('figure_value'),
      // Yes: this figure fell by more than PPOC_MAX_SHRINK_PERCENT and --allow-shrink accepted it.
      yesno('drop_accepted'),
    ],
    primaryKey: ['run_id', 'figure'],
    indexes: [],
  },
};

// Release 2, trends (issue 10), in their own block too.
const TREND_TABLES: Readonly<Record<TrendTableName | HistoryTableName, TableDef>> = {
  timeliness_by_month: {
    name: 'timeliness_by_month',
    columns: [
      text('month', 7, false), text('locality', NAME, false), text('team', NAME, false), text('assessment_type', 20, false),
      int('started'), int('started_on_time'), int('started_late'), decimal('pct_on_time', 4, 1),
      decimal('median_days_late', 7, 1), int('not_yet_started_at_month_end', true), decimal('target_pct_on_time', 4, 1),
    ],
    primaryKey: ['month', 'locality', 'team', 'assessment_type'],
    indexes: [],
  },
  locality_team: {
    name: 'locality_team',
    columns: [text('locality', NAME, false), text('team', NAME, false), int('sort_order')],
    primaryKey: ['locality', 'team'],
    indexes: [],
  },
  plan_status_history: {
    name: 'plan_status_history',
    columns: [
      asAt, text('person_id', ID, false), text('assessment_type', 20, false), text('status', 60, false), int('status_order'),
      date('predicted_start_date', false), date('actual_start_date'), int('days_late'), text('locality', NAME),
      text('team', NAME), yesno('full_care_order'), text('run_id', 40, false),
    ],
    primaryKey: ['as_at_date', 'person_id', 'assessment_type'],
    indexes: [['person_id', 'assessment_type', 'as_at_date']],
  },
};

export const TABLES: Readonly<Record<CuratedTableName | LogTableName | HistoryTableName, TableDef>> = {
  planned_assessment: {
    name: 'planned_assessment',
    columns: [
      text('person_id', ID, false), text('child_name', NAME), text('social_worker', NAME), text('team', NAME),
      text('locality', NAME), text('placement_type', LABEL), text('placement_provider', LABEL), text('legal_status', 10),
      yesno('full_care_order'), text('assessment_type', 20, false), date('predicted_start_date', false),
      date('first_predicted_start_date', false), int('prediction_revisions'), date('actual_start_date'),
      text('status', 60, false), int('status_order'), int('days_late'), yesno('in_care'), date('ceased_date'),
      text('ceased_reason', 10), yesno('in_last_window'), yesno('in_next_window'), asAt,
    ],
    primaryKey: ['person_id', 'assessment_type'],
    indexes: [['locality', 'team'], ['status_order', 'predicted_start_date']],
  },
  cic_cohort: {
    name: 'cic_cohort',
    columns: [
      text('person_id', ID, false), text('child_name', NAME), text('legal_status', 10), text('legal_status_description', LABEL),
      yesno('full_care_order'), text('placement_type', LABEL), text('placement_provider', LABEL), text('team', NAME),
      text('locality', NAME), text('social_worker', NAME), date('period_of_care_start', false), int('days_in_care'),
      text('ppoc_group', 30, false), yesno('has_plan'), asAt,
    ],
    primaryKey: ['person_id'],
    indexes: [['locality', 'team'], ['full_care_order']],
  },
  care_exit: {
    name: 'care_exit',
    columns: [
      text('person_id', ID, false), date('ceased_date', false), text('reason_code', 10), text('reason_group', 30, false),
      text('legal_status_at_exit', 10), yesno('full_care_order_at_exit'), text('team', NAME), text('locality', NAME),
      yesno('had_plan'), asAt,
    ],
    primaryKey: ['person_id', 'ceased_date'],
    indexes: [['reason_group', 'ceased_date']],
  },
  locality_summary: {
    name: 'locality_summary',
    columns: [
      text('locality', NAME, false), text('team', NAME, false), int('children_in_care'), int('fco_children'), int('plans'),
      int('started_on_time_last_window'), int('started_late_last_window'), int('not_yet_started'),
      int('upcoming_next_window'), int('sgo_exits_last_12_months'), int('reunification_exits_last_12_months'), asAt,
      fcoSlice,
    ],
    primaryKey: ['locality', 'team', 'full_care_order'],
    indexes: [],
  },
  target_progress: {
    name: 'target_progress',
    columns: [
      text('locality', NAME, false), text('measure', 40, false), date('period_start', false), date('period_end', false),
      int('target'), int('actual'), asAt, fcoSlice,
    ],
    primaryKey: ['locality', 'measure', 'period_start', 'period_end', 'full_care_order'],
    indexes: [],
  },
  plan_explanation: {
    name: 'plan_explanation',
    columns: [
      text('person_id', ID, false), text('assessment_type', 20, false), yesno('listed'), text('reason', MESSAGE, false), asAt,
      // The child's allocated place (issue 17), so row-level security on locality_team reaches the table.
      text('locality', NAME), text('team', NAME),
    ],
    primaryKey: ['person_id', 'assessment_type'],
    indexes: [],
  },
  user_access: {
    name: 'user_access',
    columns: [text('user_principal_name', 256, false), text('locality', NAME, false), text('team', NAME)],
    primaryKey: [],
    indexes: [['user_principal_name']],
  },
  refresh_log: {
    name: 'refresh_log',
    columns: [
      text('run_id', 40, false), { name: 'started_at_utc', type: 'timestamp', nullable: false },
      { name: 'finished_at_utc', type: 'timestamp', nullable: true }, text('status', 10, false), date('as_at_date'),
      text('source', 400), int('rows_read'), int('rows_rejected'), int('rows_written'), text('message', 4000),
      // Added to the product owners' column list: the W the run used, so `summary` words the sentence right.
      int('window_months', true),
    ],
    primaryKey: ['run_id'],
    indexes: [['started_at_utc']],
  },
  data_quality_issue: {
    name: 'data_quality_issue',
    columns: [
      text('run_id', 40, false), text('severity', 10, false), text('source_file', 60), int('line', true),
      text('column_name', 100), text('person_id', ID), text('rule', 60, false), text('message', MESSAGE, false),
    ],
    primaryKey: [],
    indexes: [['run_id'], ['person_id']],
  },
  ...OPERATIONS_TABLES,
  ...GUARD_TABLES,
  ...TREND_TABLES,
};

/** The tables a refresh replaces as a whole, in load order. */
export const CURATED_TABLES: readonly CuratedTableName[] = [
  'planned_assessment',
  'cic_cohort',
  'care_exit',
  'locality_summary',
  'target_progress',
  'plan_explanation',
  'user_access',
  'assessment_workflow',
  'timeliness_by_month',
  'locality_team',
];

/** What `export` writes: every curated table and the history. */
export type ExportTableName = CuratedTableName | HistoryTableName;
export const EXPORT_TABLES: readonly ExportTableName[] = [...CURATED_TABLES, 'plan_status_history'];
