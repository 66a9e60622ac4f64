import type { IsoDate } from '../../../core/src/index';
import type { DataQualityIssue } from '../model/data-quality';
import type { AssessmentWorkflowRow, PlannedAssessmentRow, PlanExplanationRow, PriorHistory, RefreshSet } from '../model/refresh-set';
import type { PastRun, RunFigures } from '../model/run-figures';
import type { FileReadStats } from '../model/source-records';
import type { ExportTableName } from '../model/tables';

/**
 * The one interface both targets implement (SQLite default, SQL Server production), so one
 * pipeline serves both. A warehouse never parses a source file and never applies a PPOC rule.
 */
export interface RunInfo {
  runId: string;
  /** ISO instant, UTC (`2026-11-26T02:15:00.000Z`). */
  startedAtUtc: string;
  asAtDate: IsoDate;
  /** `W` of the run (refresh_log.window_months). */
  windowMonths: number;
  /** Where the extract came from (folder path), for refresh_log.source. */
  source: string;
}

export interface RunOutcome {
  finishedAtUtc: string;
  rowsRead: number;
  rowsRejected: number;
  rowsWritten: number;
  /** Short summary, or the failure reason (never personal data). */
  message: string;
  issues: DataQualityIssue[];
  /** The source files read (with their fingerprints), written to source_file with the run log. */
  files?: readonly FileReadStats[];
  /** The figures the shrink guards compared (absent when the run failed before they were known), written to run_figure. */
  figures?: RunFigures;
}

/** source_file: one row per run and file read. */
export interface SourceFileRow {
  run_id: string;
  file_name: string;
  size_bytes: number;
  modified_at_utc: string;
  sha256: string;
  rows_read: number;
  rows_rejected: number;
}

/** The source_file rows of a run's outcome: files read with a fingerprint. */
export function sourceFileRows(runId: string, files: readonly FileReadStats[] = []): SourceFileRow[] {
  return files.flatMap((f) => (f.fingerprint ? [{
    run_id: runId, file_name: f.file, size_bytes: f.fingerprint.sizeBytes, modified_at_utc: f.fingerprint.modifiedAtUtc,
    sha256: f.fingerprint.sha256, rows_read: f.rowsRead, rows_rejected: f.rowsRejected,
  }] : []));
}

/** run_figure: one row per run and figure. */
export interface RunFigureRow {
  run_id: string;
  figure: string;
  figure_value: number;
  drop_accepted: 'Yes' | 'No';
}

export function runFigureRows(runId: string, figures: RunFigures | undefined): RunFigureRow[] {
  return Object.entries(figures?.values ?? {}).map(([figure, value]) => ({
    run_id: runId, figure, figure_value: value, drop_accepted: figures?.accepted.has(figure) ? 'Yes' : 'No',
  }));
}

/** The runs of run_figure rows read newest run first (each run's rows together), in that order. */
export function pastRunsOf(rows: readonly (RunFigureRow & { as_at_date: IsoDate })[]): PastRun[] {
  const runs = new Map<string, { runId: string; asAtDate: IsoDate; values: Record<string, number>; accepted: Set<string> }>();
  for (const row of rows) {
    let run = runs.get(row.run_id);
    if (!run) runs.set(row.run_id, (run = { runId: row.run_id, asAtDate: row.as_at_date, values: {}, accepted: new Set() }));
    run.values[row.figure] = Number(row.figure_value);
    if (row.drop_accepted === 'Yes') run.accepted.add(row.figure);
  }
  return [...runs.values()];
}

/** Which earlier runs the shrink guards compare with: successful, as at `asAt` or before, at most `runs`. */
export interface FiguresQuery {
  asAt: IsoDate;
  runs: number;
}

export type RunStatus = 'running' | 'succeeded' | 'failed';

/** refresh_log.message of a run found `running` by the next run (its process or connection ended first). */
export const ABANDONED_MESSAGE = 'abandoned (process ended without finishing)';

export interface RefreshLogEntry {
  run_id: string;
  started_at_utc: string;
  finished_at_utc: string | null;
  status: RunStatus;
  as_at_date: IsoDate | null;
  source: string | null;
  rows_read: number;
  rows_rejected: number;
  rows_written: number;
  message: string | null;
  window_months: number | null;
}

/** Thrown by `startRun` when another refresh holds the run lock. */
export class RefreshLockedError extends Error {
  constructor(message = 'another refresh is running') {
    super(message);
    this.name = 'RefreshLockedError';
  }
}

export interface PlannedAssessmentFilter {
  locality?: string;
  team?: string;
  assessmentType?: string;
  fullCareOrder?: 'Yes' | 'No';
}

/** Called by `publish` as each table is written: `done` of `total` (the refresh's progress). */
export type TableProgress = (done: number, total: number) => void;

export interface Warehouse {
  readonly kind: 'sqlite' | 'sqlserver';
  /** Create or upgrade the schema; safe to run every time. Returns the migrations it applied. */
  migrate(): Promise<{ applied: string[] }>;
  /**
   * Log the run as `running` under the run lock; throws RefreshLockedError when another run
   * holds it. SQL Server takes its app lock here; SQLite holds its lock from opening for
   * writing until close, and marks `running` rows left by a dead process as abandoned.
   */
  startRun(run: RunInfo): Promise<void>;
  /**
   * The figures of the last `runs` successful runs that stored figures and are as at `asAt` or
   * before, newest as-at date first (then the latest finished): the shrink guards' base.
   */
  acceptedRunFigures(query: FiguresQuery): Promise<PastRun[]>;
  /**
   * The plan_status_history a run builds its trend on (model PriorHistory): rows dated before
   * `before` and on or after `from` (null: no lower bound). Read while holding the run lock.
   */
  priorHistory(query: HistoryQuery): Promise<PriorHistory>;
  /**
   * Replace every curated table with the set's rows, replace the run's as-at date's history
   * rows and trim the history by retention, replace the data-quality issues of the previous
   * successful run with this run's, record its source files and figures, and mark the run
   * `succeeded`, all atomically: on any error
   * nothing of it is visible and the previous tables and history stay as they were.
   * SQL Server releases its run lock here.
   */
  publish(run: RunInfo, set: RefreshSet, outcome: RunOutcome, onTable?: TableProgress): Promise<void>;
  /** Mark the run `failed`, keep its issues, files and figures under its run_id; curated tables untouched. SQL Server releases its lock. */
  failRun(run: RunInfo, outcome: RunOutcome): Promise<void>;
  close(): Promise<void>;
}

export interface HistoryQuery {
  before: IsoDate;
  from: IsoDate | null;
}

/** A table row as `export` writes it: catalog column names, ISO dates, Yes/No text, numbers. */
export type ExportRow = Record<string, string | number | null>;

/** Read side used by the CLI's summary, explain, status and export commands (and the preview). */
export interface WarehouseReader {
  latestSuccessfulRun(): Promise<RefreshLogEntry | null>;
  recentRuns(limit: number): Promise<RefreshLogEntry[]>;
  /** Every as-at date with a succeeded run, ascending (backfill skips those). */
  succeededAsAtDates(): Promise<IsoDate[]>;
  plannedAssessments(filter?: PlannedAssessmentFilter): Promise<PlannedAssessmentRow[]>;
  planExplanations(personId: string): Promise<PlanExplanationRow[]>;
  dataQualityIssues(filter: { runId?: string; personId?: string }): Promise<DataQualityIssue[]>;
  /** Release 2, operations (issue 11). */
  sourceFiles(runId: string): Promise<SourceFileRow[]>;
  assessmentWorkflows(personId: string): Promise<AssessmentWorkflowRow[]>;
  /** The most recent run that finished (succeeded or failed). */
  latestFinishedRun(): Promise<RefreshLogEntry | null>;
  /** Whether the published tables or the run's issues mention the person (explain's typo check). */
  personKnown(personId: string, runId: string): Promise<boolean>;
  /** Distinct values of planned_assessment/locality_summary's locality or team (summary's typo check). */
  distinctValues(column: 'locality' | 'team'): Promise<string[]>;
  /** Streams every row of a curated table or the history to `onRow`, in key order; returns the count. */
  eachRow(table: ExportTableName, onRow: (row: ExportRow) => void): Promise<number>;
  close(): Promise<void>;
}
