import type { IsoDate } from '../../../core/src/index';
import type { DataQualityIssue } from '../model/data-quality';
import type { PlannedAssessmentRow, PlanExplanationRow, RefreshSet } from '../model/refresh-set';
import type { CuratedTableName } from '../model/tables';

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
}

export type RunStatus = 'running' | 'succeeded' | 'failed';

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
  /** Rows in the live curated tables now, i.e. what the last successful run published. */
  liveRowCounts(tables: readonly CuratedTableName[]): Promise<Record<string, number>>;
  /**
   * Replace every curated table with the set's rows, replace the data-quality issues of the
   * previous successful run with this run's, and mark the run `succeeded`, all atomically:
   * on any error nothing of it is visible and the previous tables stay as they were.
   * SQL Server releases its run lock here.
   */
  publish(run: RunInfo, set: RefreshSet, outcome: RunOutcome): Promise<void>;
  /** Mark the run `failed`, keep its issues under its run_id; curated tables untouched. SQL Server releases its lock. */
  failRun(run: RunInfo, outcome: RunOutcome): Promise<void>;
  close(): Promise<void>;
}

/** Read side used by the CLI's summary, explain and status commands (and the preview). */
export interface WarehouseReader {
  latestSuccessfulRun(): Promise<RefreshLogEntry | null>;
  recentRuns(limit: number): Promise<RefreshLogEntry[]>;
  plannedAssessments(filter?: PlannedAssessmentFilter): Promise<PlannedAssessmentRow[]>;
  planExplanations(personId: string): Promise<PlanExplanationRow[]>;
  dataQualityIssues(filter: { runId?: string; personId?: string }): Promise<DataQualityIssue[]>;
  close(): Promise<void>;
}
