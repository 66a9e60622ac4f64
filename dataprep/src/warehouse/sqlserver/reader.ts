/**
 * The read side (CLI summary, explain, status) over the same views Power BI uses, so what the
 * CLI prints is what the report shows. Dates come back as ISO text (CONVERT style 23),
 * timestamps as UTC instants.
 */
import type { IsoDate } from '../../../../core/src/index';
import type { DataQualityIssue } from '../../model/data-quality';
import type {
  AssessmentWorkflowRow, PlannedAssessmentRow, PlanExplanationRow, PlanStatusHistoryRow, PriorHistory,
} from '../../model/refresh-set';
import type { PastRun } from '../../model/run-figures';
import { TABLES, type ExportTableName } from '../../model/tables';
import {
  pastRunsOf, type ExportRow, type FiguresQuery, type HistoryQuery, type PlannedAssessmentFilter, type RefreshLogEntry, type RunFigureRow,
  type RunStatus, type SourceFileRow,
} from '../warehouse';
import { calendarDateValue } from './columns';
import { DATE, INT, nvarchar, type SqlConnector, type SqlParam, type SqlRow } from './connector';
import { param } from './params';
import {
  SELECT_ASSESSMENT_WORKFLOWS, SELECT_LATEST_FINISHED, SELECT_LOCALITIES, SELECT_PERSON_KNOWN, SELECT_SOURCE_FILES, SELECT_TEAMS,
} from './operations-statements';
import {
  SELECT_ACCEPTED_RUN_FIGURES, SELECT_HISTORY_LATEST_BY_PLAN, SELECT_HISTORY_MONTH_ENDS, SELECT_HISTORY_PLACES, SELECT_ISSUES,
  SELECT_LATEST_SUCCESS, SELECT_PLAN_EXPLANATIONS, SELECT_PLANNED_ASSESSMENTS, SELECT_RECENT_RUNS, SELECT_SUCCEEDED_AS_AT_DATES,
  selectForExport,
} from './statements';

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const instant = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : text(value));

function toLogEntry(row: SqlRow): RefreshLogEntry {
  return {
    run_id: String(row.run_id),
    started_at_utc: instant(row.started_at_utc) ?? '',
    finished_at_utc: instant(row.finished_at_utc),
    status: row.status as RunStatus,
    as_at_date: text(row.as_at_date) as IsoDate | null,
    source: text(row.source),
    rows_read: Number(row.rows_read),
    rows_rejected: Number(row.rows_rejected),
    rows_written: Number(row.rows_written),
    message: text(row.message),
    window_months: row.window_months === null || row.window_months === undefined ? null : Number(row.window_months),
  };
}

function toIssue(row: SqlRow): DataQualityIssue {
  return {
    severity: row.severity as DataQualityIssue['severity'],
    sourceFile: text(row.source_file),
    line: row.line === null || row.line === undefined ? null : Number(row.line),
    column: text(row.column_name),
    personId: text(row.person_id),
    rule: String(row.rule),
    message: String(row.message),
  };
}

export class SqlServerReader {
  constructor(private readonly connector: SqlConnector) {}

  async latestSuccessfulRun(): Promise<RefreshLogEntry | null> {
    const [row] = await this.connector.query(SELECT_LATEST_SUCCESS);
    return row ? toLogEntry(row) : null;
  }

  async recentRuns(limit: number): Promise<RefreshLogEntry[]> {
    const rows = await this.connector.query(SELECT_RECENT_RUNS, [{ name: 'limit', type: INT, value: Math.max(0, Math.floor(limit)) }]);
    return rows.map(toLogEntry);
  }

  async succeededAsAtDates(): Promise<IsoDate[]> {
    const rows = await this.connector.query(SELECT_SUCCEEDED_AS_AT_DATES);
    return rows.map((row) => String(row.as_at_date) as IsoDate);
  }

  async plannedAssessments(filter: PlannedAssessmentFilter = {}): Promise<PlannedAssessmentRow[]> {
    const t = TABLES.planned_assessment;
    const rows = await this.connector.query(SELECT_PLANNED_ASSESSMENTS, [
      param(t, 'locality', filter.locality ?? null),
      param(t, 'team', filter.team ?? null),
      param(t, 'assessment_type', filter.assessmentType ?? null),
      { name: 'full_care_order', type: nvarchar(3), value: filter.fullCareOrder ?? null }, // the view's Yes/No text
    ]);
    return rows as unknown as PlannedAssessmentRow[];
  }

  async planExplanations(personId: string): Promise<PlanExplanationRow[]> {
    const rows = await this.connector.query(SELECT_PLAN_EXPLANATIONS, [param(TABLES.plan_explanation, 'person_id', personId)]);
    return rows as unknown as PlanExplanationRow[];
  }

  async dataQualityIssues(filter: { runId?: string; personId?: string }): Promise<DataQualityIssue[]> {
    const dq = TABLES.data_quality_issue;
    const rows = await this.connector.query(SELECT_ISSUES, [
      param(dq, 'run_id', filter.runId ?? null),
      param(dq, 'person_id', filter.personId ?? null),
    ]);
    return rows.map(toIssue);
  }

  /** The shrink guards' base, Yes/No from the view as SQLite stores it. */
  async acceptedRunFigures(query: FiguresQuery): Promise<PastRun[]> {
    const rows = await this.connector.query(SELECT_ACCEPTED_RUN_FIGURES, [
      { name: 'as_at_date', type: DATE, value: calendarDateValue(query.asAt) },
      { name: 'runs', type: INT, value: query.runs },
    ]);
    return pastRunsOf(rows as unknown as (RunFigureRow & { as_at_date: IsoDate })[]);
  }

  async priorHistory(query: HistoryQuery): Promise<PriorHistory> {
    const params: SqlParam[] = [
      { name: 'before', type: DATE, value: calendarDateValue(query.before) },
      { name: 'from', type: DATE, value: query.from === null ? null : calendarDateValue(query.from) },
    ];
    const monthEnds = await this.connector.query(SELECT_HISTORY_MONTH_ENDS, params);
    const latestByPlan = await this.connector.query(SELECT_HISTORY_LATEST_BY_PLAN, params);
    const places = await this.connector.query(SELECT_HISTORY_PLACES, params);
    return {
      monthEnds: monthEnds as unknown as PlanStatusHistoryRow[],
      latestByPlan: latestByPlan as unknown as PlanStatusHistoryRow[],
      places: places.map((row) => ({ locality: text(row.locality), team: text(row.team) })),
    };
  }

  /** Streams a table through its view (Yes/No text, ISO dates), so the export holds one row at a time. */
  async eachRow(table: ExportTableName, onRow: (row: ExportRow) => void): Promise<number> {
    return this.connector.each(selectForExport(TABLES[table]), [], (row) => onRow(row as ExportRow));
  }

  async sourceFiles(runId: string): Promise<SourceFileRow[]> {
    const rows = await this.connector.query(SELECT_SOURCE_FILES, [param(TABLES.source_file, 'run_id', runId)]);
    return rows.map((row) => ({
      run_id: String(row.run_id), file_name: String(row.file_name), size_bytes: Number(row.size_bytes),
      modified_at_utc: instant(row.modified_at_utc) ?? '', sha256: String(row.sha256), rows_read: Number(row.rows_read),
      rows_rejected: Number(row.rows_rejected),
    }));
  }

  async assessmentWorkflows(personId: string): Promise<AssessmentWorkflowRow[]> {
    const rows = await this.connector.query(SELECT_ASSESSMENT_WORKFLOWS, [param(TABLES.assessment_workflow, 'person_id', personId)]);
    return rows as unknown as AssessmentWorkflowRow[];
  }

  async latestFinishedRun(): Promise<RefreshLogEntry | null> {
    const [row] = await this.connector.query(SELECT_LATEST_FINISHED);
    return row ? toLogEntry(row) : null;
  }

  async personKnown(personId: string, runId: string): Promise<boolean> {
    const dq = TABLES.data_quality_issue;
    const [row] = await this.connector.query(SELECT_PERSON_KNOWN, [param(dq, 'person_id', personId), param(dq, 'run_id', runId)]);
    return Number(row?.known) === 1;
  }

  async distinctValues(column: 'locality' | 'team'): Promise<string[]> {
    const rows = await this.connector.query(column === 'locality' ? SELECT_LOCALITIES : SELECT_TEAMS);
    return rows.map((row) => String(row.value));
  }
}
