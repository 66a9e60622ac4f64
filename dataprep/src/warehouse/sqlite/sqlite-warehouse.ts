import type { IsoDate } from '../../../../core/src/index';
import { dirname } from 'node:path';
import { createPrivateFile, makePrivateFolder, tightenPrivate } from '../../files/owner-only';
import { printable } from '../../files/printable';
import { entryAt, FileRefusedError, identityOf, sameFileAt } from '../../files/real-names';
import type { DataQualityIssue } from '../../model/data-quality';
import type { AssessmentWorkflowRow, PlannedAssessmentRow, PlanExplanationRow, PriorHistory, RefreshSet } from '../../model/refresh-set';
import type { PastRun } from '../../model/run-figures';
import { CURATED_TABLES, TABLES, type ExportTableName } from '../../model/tables';
import {
  ABANDONED_MESSAGE, sourceFileRows, type ExportRow, type FiguresQuery, type HistoryQuery, type PlannedAssessmentFilter, type RefreshLogEntry,
  type RunInfo, type RunOutcome, type SourceFileRow, type TableProgress, type Warehouse, type WarehouseReader,
} from '../warehouse';
import { readPriorHistory, writeHistory } from './history';
import * as operations from './operations';
import { removeLegacyLockFile, RunLock, runLockPath } from './run-lock';
import { closeQuietly, column, inTransaction, openDatabase, pragmaValue, type Database } from './database';
import { checkCompanionFiles, checkDatabaseForReading, checkDatabaseForWriting } from './database-file';
import { insertRows } from './insert-rows';
import { acceptedRunFigures, insertRunFigures, seedRunFigures } from './run-figures';
import { schemaStatements, SQLITE_SCHEMA_VERSION } from './schema';
import { upgradeTables } from './upgrade';

/**
 * The embedded default target: one SQLite file. A refresh replaces every curated table inside
 * one IMMEDIATE transaction, so readers see yesterday's tables until the commit and a failure
 * at any point rolls back to them exactly. Opened for writing, it first takes the run lock
 * (run-lock.ts) and holds it until close: nothing touches the file before the lock is held.
 */
export class SqliteWarehouse implements Warehouse, WarehouseReader {
  readonly kind = 'sqlite' as const;
  private readonly db: Database;
  private readonly lock: RunLock | null = null;

  constructor(readonly file: string, options: { readonly?: boolean } = {}) {
    if (options.readonly) {
      checkDatabaseForReading(file); // DatabaseUnavailableError: missing, empty, not a file or not a database
      this.db = openDatabase(file, { readOnly: true });
      return;
    }
    if (file === ':memory:') {
      this.db = openDatabase(file);
      return;
    }
    makePrivateFolder(dirname(file));
    checkDatabaseForWriting(file); // before any lock file is made: FileRefusedError for what is not the job's
    this.lock = new RunLock(runLockPath(file));
    this.lock.acquire(); // RefreshLockedError when another writer holds it
    try {
      this.db = openGuarded(file, this.lock);
      removeLegacyLockFile(file);
    } catch (error) {
      this.lock.release();
      throw error;
    }
  }

  async migrate(): Promise<{ applied: string[] }> {
    return inTransaction(this.db, () => {
      const schema = schemaStatements();
      for (const statement of schema.tables) this.db.exec(statement);
      const added = [...upgradeTables(this.db), ...seedRunFigures(this.db)];
      for (const statement of schema.indexes) this.db.exec(statement);
      const inserted = this.db
        .prepare('INSERT OR IGNORE INTO schema_version (version, applied_at_utc) VALUES (?, ?)')
        .run(SQLITE_SCHEMA_VERSION, new Date().toISOString()).changes;
      return { applied: [...(inserted ? [`sqlite schema v${SQLITE_SCHEMA_VERSION}`] : []), ...added] };
    }, 'IMMEDIATE');
  }

  async startRun(run: RunInfo): Promise<void> {
    inTransaction(this.db, () => {
      // This writer holds the lock, so a `running` row belongs to a process that died.
      this.db
        .prepare(`UPDATE refresh_log SET status = 'failed', finished_at_utc = ?, message = ? WHERE status = 'running'`)
        .run(run.startedAtUtc, ABANDONED_MESSAGE);
      this.db
        .prepare(
          `INSERT INTO refresh_log (run_id, started_at_utc, status, as_at_date, source, rows_read, rows_rejected,
             rows_written, window_months) VALUES (?, ?, 'running', ?, ?, 0, 0, 0, ?)`,
        )
        .run(run.runId, run.startedAtUtc, run.asAtDate, run.source, run.windowMonths);
    }, 'IMMEDIATE');
  }

  async priorHistory(query: HistoryQuery): Promise<PriorHistory> {
    return readPriorHistory(this.db, query);
  }

  async publish(run: RunInfo, set: RefreshSet, outcome: RunOutcome, onTable: TableProgress = () => {}): Promise<void> {
    // WAL keeps the commit atomic and durable against a crash; NORMAL skips the fsync of each
    // commit (a power cut may lose the last commit, never half of one).
    const synchronous = Number(pragmaValue(this.db, 'synchronous'));
    this.db.exec('PRAGMA synchronous = NORMAL');
    try {
      this.publishTransaction(run, set, outcome, onTable);
    } finally {
      this.db.exec(`PRAGMA synchronous = ${synchronous}`);
    }
  }

  private publishTransaction(run: RunInfo, set: RefreshSet, outcome: RunOutcome, onTable: TableProgress): void {
    const total = CURATED_TABLES.length + 1; // and the history
    inTransaction(this.db, () => {
      CURATED_TABLES.forEach((name, i) => {
        this.replaceTable(name, set.tables[name]);
        onTable(i + 1, total);
      });
      writeHistory(this.db, run.asAtDate, set.history);
      onTable(total, total);
      // Keep the issues of failed runs; the previous successful run's give way to this run's.
      this.db.exec(
        `DELETE FROM data_quality_issue WHERE run_id NOT IN (SELECT run_id FROM refresh_log WHERE status = 'failed')`,
      );
      this.insertIssues(run.runId, outcome.issues);
      operations.insertSourceFiles(this.db, sourceFileRows(run.runId, outcome.files));
      insertRunFigures(this.db, run.runId, outcome.figures);
      this.finishLog(run, 'succeeded', outcome);
      // A file swapped in at the database's name during the run would never see this commit: roll it back.
      if (this.lock) assertGuarded(this.file, this.lock);
    }, 'IMMEDIATE');
  }

  async failRun(run: RunInfo, outcome: RunOutcome): Promise<void> {
    inTransaction(this.db, () => {
      this.insertIssues(run.runId, outcome.issues);
      operations.insertSourceFiles(this.db, sourceFileRows(run.runId, outcome.files));
      insertRunFigures(this.db, run.runId, outcome.figures);
      this.finishLog(run, 'failed', outcome);
    }, 'IMMEDIATE');
  }

  async acceptedRunFigures(query: FiguresQuery): Promise<PastRun[]> {
    return acceptedRunFigures(this.db, query);
  }

  async latestSuccessfulRun(): Promise<RefreshLogEntry | null> {
    const row = this.db
      .prepare(`SELECT * FROM refresh_log WHERE status = 'succeeded' ORDER BY finished_at_utc DESC, started_at_utc DESC LIMIT 1`)
      .get() as RefreshLogEntry | undefined;
    return row ?? null;
  }

  async recentRuns(limit: number): Promise<RefreshLogEntry[]> {
    return this.db.prepare('SELECT * FROM refresh_log ORDER BY started_at_utc DESC, rowid DESC LIMIT ?').all(limit) as unknown as RefreshLogEntry[];
  }

  async succeededAsAtDates(): Promise<IsoDate[]> {
    return column<IsoDate>(
      this.db.prepare(`SELECT DISTINCT as_at_date FROM refresh_log WHERE status = 'succeeded' AND as_at_date IS NOT NULL ORDER BY 1`),
    );
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
    return this.db.prepare(sql).all(...params) as unknown as PlannedAssessmentRow[];
  }

  async planExplanations(personId: string): Promise<PlanExplanationRow[]> {
    return this.db
      .prepare('SELECT * FROM plan_explanation WHERE person_id = ? ORDER BY assessment_type')
      .all(personId) as unknown as PlanExplanationRow[];
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

  async eachRow(name: ExportTableName, onRow: (row: ExportRow) => void): Promise<number> {
    const table = TABLES[name];
    const order = (table.primaryKey.length ? table.primaryKey : table.columns.map((c) => c.name)).map((c) => `"${c}"`).join(', ');
    const columns = table.columns.map((c) => `"${c.name}"`).join(', ');
    let count = 0;
    for (const row of this.db.prepare(`SELECT ${columns} FROM "${name}" ORDER BY ${order}`).iterate()) {
      onRow(row as ExportRow);
      count += 1;
    }
    return count;
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
    try {
      closeQuietly(this.db);
    } finally {
      this.lock?.release(); // after the data connection: the lock outlives every write
    }
  }

  private replaceTable(name: (typeof CURATED_TABLES)[number], rows: readonly object[]): void {
    this.db.prepare(`DELETE FROM "${name}"`).run();
    insertRows(this.db, TABLES[name], rows);
  }

  private insertIssues(runId: string, issues: readonly DataQualityIssue[]): void {
    insertRows(this.db, TABLES.data_quality_issue, issues.map((issue) => ({
      run_id: runId, severity: issue.severity, source_file: issue.sourceFile, line: issue.line,
      column_name: issue.column, person_id: issue.personId, rule: issue.rule, message: issue.message,
    })));
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
}

/**
 * Opens (or creates) the data file owner-only under the run lock, which records the file's
 * identity; after SQLite has opened the name (following any link), the name must still lead to
 * that file, with no second name.
 */
function openGuarded(file: string, lock: RunLock): Database {
  let entry = checkDatabaseForWriting(file); // again, now that the lock is held
  checkCompanionFiles(file);
  if (entry) tightenPrivate(file); // a database of this account from an older version, or copied in
  else if (createPrivateFile(file)) entry = entryAt(file); // before SQLite writes: its -wal and -shm copy the file's mode
  if (!entry) throw new FileRefusedError(`the SQLite file ${printable(file)} appeared while it was being created`, 'run again');
  lock.guard(identityOf(entry));
  const db = openDatabase(file);
  try {
    db.exec('PRAGMA journal_mode = WAL');
    for (const suffix of ['-wal', '-shm']) tightenPrivate(`${file}${suffix}`);
    assertGuarded(file, lock);
    return db;
  } catch (error) {
    closeQuietly(db);
    throw error;
  }
}

/** The database's name still leads to the file the lock guards, and to nothing else by another name. */
function assertGuarded(file: string, lock: RunLock): void {
  if (sameFileAt(file, lock.guarded())?.nlink === 1n) return;
  throw new FileRefusedError(`the SQLite file ${printable(file)} was replaced, or given another name, while this run held its lock`,
    'nothing was written; check what else writes to that folder, then run again');
}

export function createSqliteWarehouse(file: string, options: { readonly?: boolean } = {}): SqliteWarehouse {
  return new SqliteWarehouse(file, options);
}
