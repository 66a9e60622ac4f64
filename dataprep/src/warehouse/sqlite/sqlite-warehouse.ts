import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataQualityIssue } from '../../model/data-quality';
import type { AssessmentWorkflowRow, PlannedAssessmentRow, PlanExplanationRow, RefreshSet } from '../../model/refresh-set';
import { CURATED_TABLES, TABLES } from '../../model/tables';
import {
  sourceFileRows, type PlannedAssessmentFilter, type RefreshLogEntry, type RunInfo, type RunOutcome, type SourceFileRow, type Warehouse,
  type WarehouseReader,
} from '../warehouse';
import * as operations from './operations';
import { RunLock } from './run-lock';
import { insertSql, rowValues, schemaStatements, SQLITE_SCHEMA_VERSION } from './schema';

/**
 * The embedded default target: one SQLite file. A refresh replaces every curated table inside
 * one IMMEDIATE transaction, so readers see yesterday's tables until the commit and a failure
 * at any point rolls back to them exactly.
 */
export class SqliteWarehouse implements Warehouse, WarehouseReader {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly lock: RunLock;

  constructor(readonly file: string, options: { readonly?: boolean } = {}) {
    if (!options.readonly && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    if (!options.readonly) this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.lock = new RunLock(`${file}.lock`);
  }

  async migrate(): Promise<{ applied: string[] }> {
    return this.db.transaction(() => {
      for (const statement of schemaStatements()) this.db.exec(statement);
      const added = this.addMissingColumns();
      const inserted = this.db
        .prepare('INSERT OR IGNORE INTO schema_version (version, applied_at_utc) VALUES (?, ?)')
        .run(SQLITE_SCHEMA_VERSION, new Date().toISOString()).changes;
      return { applied: [...(inserted ? [`sqlite schema v${SQLITE_SCHEMA_VERSION}`] : []), ...added] };
    })();
  }

  async startRun(run: RunInfo): Promise<void> {
    this.lock.acquire(run.runId);
    try {
      this.db
        .prepare(
          `INSERT INTO refresh_log (run_id, started_at_utc, status, as_at_date, source, rows_read, rows_rejected,
             rows_written, window_months) VALUES (?, ?, 'running', ?, ?, 0, 0, 0, ?)`,
        )
        .run(run.runId, run.startedAtUtc, run.asAtDate, run.source, run.windowMonths);
    } catch (error) {
      this.lock.release();
      throw error;
    }
  }

  async publish(run: RunInfo, set: RefreshSet, outcome: RunOutcome): Promise<void> {
    try {
      this.db.transaction(() => {
        for (const name of CURATED_TABLES) this.replaceTable(name, set.tables[name]);
        // Keep the issues of failed runs; the previous successful run's give way to this run's.
        this.db.exec(
          `DELETE FROM data_quality_issue WHERE run_id NOT IN (SELECT run_id FROM refresh_log WHERE status = 'failed')`,
        );
        this.insertIssues(run.runId, outcome.issues);
        operations.insertSourceFiles(this.db, sourceFileRows(run.runId, outcome.files));
        this.finishLog(run, 'succeeded', outcome);
      }).immediate();
    } finally {
      this.lock.release();
    }
  }

  async failRun(run: RunInfo, outcome: RunOutcome): Promise<void> {
    try {
      this.db.transaction(() => {
        this.insertIssues(run.runId, outcome.issues);
        operations.insertSourceFiles(this.db, sourceFileRows(run.runId, outcome.files));
        this.finishLog(run, 'failed', outcome);
      }).immediate();
    } finally {
      this.lock.release();
    }
  }

  async latestSuccessfulRun(): Promise<RefreshLogEntry | null> {
    const row = this.db
      .prepare(`SELECT * FROM refresh_log WHERE status = 'succeeded' ORDER BY finished_at_utc DESC, started_at_utc DESC LIMIT 1`)
      .get() as RefreshLogEntry | undefined;
    return row ?? null;
  }

  async recentRuns(limit: number): Promise<RefreshLogEntry[]> {
    return this.db.prepare('SELECT * FROM refresh_log ORDER BY started_at_utc DESC, rowid DESC LIMIT ?').all(limit) as RefreshLogEntry[];
  }

  async plannedAssessments(filter: PlannedAssessmentFilter = {}): Promise<PlannedAssessmentRow[]> {
    const where: string[] = [];
    const params: string[] = [];
    const add = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(`"${column}" = ? COLLATE NOCASE`);
      params.push(value);
    };
    add('locality', filter.locality);
    add('team', filter.team);
    add('assessment_type', filter.assessmentType);
    add('full_care_order', filter.fullCareOrder);
    const sql = `SELECT * FROM planned_assessment${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY status_order, predicted_start_date, person_id`;
    return this.db.prepare(sql).all(...params) as PlannedAssessmentRow[];
  }

  async planExplanations(personId: string): Promise<PlanExplanationRow[]> {
    return this.db
      .prepare('SELECT * FROM plan_explanation WHERE person_id = ? ORDER BY assessment_type')
      .all(personId) as PlanExplanationRow[];
  }

  async dataQualityIssues(filter: { runId?: string; personId?: string }): Promise<DataQualityIssue[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM data_quality_issue WHERE (@runId IS NULL OR run_id = @runId)
           AND (@personId IS NULL OR person_id = @personId) ORDER BY source_file, line`,
      )
      .all({ runId: filter.runId ?? null, personId: filter.personId ?? null }) as Record<string, unknown>[];
    return rows.map((r) => ({
      severity: r.severity as DataQualityIssue['severity'],
      sourceFile: r.source_file as string | null,
      line: r.line as number | null,
      column: r.column_name as string | null,
      personId: r.person_id as string | null,
      rule: r.rule as string,
      message: r.message as string,
    }));
  }

  async sourceFiles(runId: string): Promise<SourceFileRow[]> {
    return operations.sourceFiles(this.db, runId);
  }

  async assessmentWorkflows(personId: string): Promise<AssessmentWorkflowRow[]> {
    return operations.assessmentWorkflows(this.db, personId);
  }

  async latestFinishedRun(): Promise<RefreshLogEntry | null> {
    return operations.latestFinishedRun(this.db);
  }

  async personKnown(personId: string, runId: string): Promise<boolean> {
    return operations.personKnown(this.db, personId, runId);
  }

  async distinctValues(column: 'locality' | 'team'): Promise<string[]> {
    return operations.distinctValues(this.db, column);
  }

  async close(): Promise<void> {
    this.lock.release();
    if (this.db.open) this.db.close();
  }

  private replaceTable(name: (typeof CURATED_TABLES)[number], rows: readonly object[]): void {
    const table = TABLES[name];
    this.db.prepare(`DELETE FROM "${name}"`).run();
    const insert = this.db.prepare(insertSql(table));
    for (const row of rows) insert.run(rowValues(table, row));
  }

  private insertIssues(runId: string, issues: readonly DataQualityIssue[]): void {
    const insert = this.db.prepare(insertSql(TABLES.data_quality_issue));
    for (const issue of issues) {
      insert.run(
        rowValues(TABLES.data_quality_issue, {
          run_id: runId, severity: issue.severity, source_file: issue.sourceFile, line: issue.line,
          column_name: issue.column, person_id: issue.personId, rule: issue.rule, message: issue.message,
        }),
      );
    }
  }

  private finishLog(run: RunInfo, status: 'succeeded' | 'failed', outcome: RunOutcome): void {
    this.db
      .prepare(
        `UPDATE refresh_log SET status = ?, finished_at_utc = ?, rows_read = ?, rows_rejected = ?, rows_written = ?,
           message = ? WHERE run_id = ?`,
      )
      .run(status, outcome.finishedAtUtc, outcome.rowsRead, outcome.rowsRejected, outcome.rowsWritten,
        outcome.message.slice(0, 4000), run.runId);
  }

  /** Columns added to the catalog after a file was created (columns are only ever added). */
  private addMissingColumns(): string[] {
    const added: string[] = [];
    for (const table of Object.values(TABLES)) {
      const existing = new Set((this.db.prepare(`PRAGMA table_info("${table.name}")`).all() as { name: string }[]).map((c) => c.name));
      for (const column of table.columns) {
        if (!existing.has(column.name)) {
          this.db.exec(`ALTER TABLE "${table.name}" ADD COLUMN "${column.name}" ${column.type === 'int' ? 'INTEGER' : 'TEXT'}`);
          added.push(`${table.name}.${column.name}`);
        }
      }
    }
    return added;
  }
}

export function createSqliteWarehouse(file: string, options: { readonly?: boolean } = {}): SqliteWarehouse {
  return new SqliteWarehouse(file, options);
}
