/**
 * The write side of a refresh on SQL Server. One transaction, on one connection, owns the run:
 *   startRun: that transaction takes the app lock (refused → RefreshLockedError); refresh_log
 *             gets `running` on another connection, committed at once for monitoring;
 *   publish:  in the lock's transaction: clear staging, bulk-load every curated table, the run's
 *             history rows and the issues, replace the run's as-at date in the kept history
 *             (trimmed by retention), swap (waiting at most PPOC_SWAP_WAIT_SECONDS for
 *             readers), replace the issues, record the source files, log `succeeded`, commit. The commit publishes and frees the lock in one
 *             step; any failure rolls it all back and frees the lock. A dropped connection
 *             does the same on the server, so a second run can never empty staging under a
 *             first one that lost its lock;
 *   failRun:  issues, source files and `failed` in their own transaction; live tables are never touched.
 * Every transaction starts with SET XACT_ABORT ON.
 */
import type { RefreshSet } from '../../model/refresh-set';
import { CURATED_TABLES, TABLES, type CuratedTableName, type HistoryTableName, type TableDef } from '../../model/tables';
import { RefreshLockedError, sourceFileRows, type RunInfo, type RunOutcome, type TableProgress } from '../warehouse';
import { bulkColumnsOf, calendarDateValue, chunk, insertRowsPerStatement, toBulkRows } from './columns';
import { SqlServerRequestError } from './connection-errors';
import { DATE, nvarchar, type SqlConnector, type SqlTransaction, type SqlValue } from './connector';
import { finishParams, issueRow, param, runningParams, valuesParams } from './params';
import {
  CLEAR_STAGING, COPY_STAGED_HISTORY, COPY_STAGED_ISSUES, DELETE_REPLACED_HISTORY, DELETE_SUPERSEDED_ISSUES, FINISH_RUN,
  GET_LOCK, INSERT_RUN, insertValues,
  LOCK_RESOURCE, LOCK_TIMEOUT_ERROR, STAGING_SCHEMA, swapIntoLive, XACT_ABORT_ON,
} from './statements';

/** Rows per bulk-copy call: bounds client memory per call; the server takes any size. */
export const DEFAULT_BULK_CHUNK_ROWS = 5000;

const lockParam = [{ name: 'resource', type: nvarchar(255), value: LOCK_RESOURCE }];

/** A transaction with XACT_ABORT on: any error in it rolls all of it back on the server. */
export async function beginWork(connector: SqlConnector): Promise<SqlTransaction> {
  const tx = await connector.begin();
  try {
    await tx.query(XACT_ABORT_ON);
  } catch (error) {
    await tx.rollback();
    throw error;
  }
  return tx;
}

export interface RunWriterOptions {
  bulkChunkRows?: number;
  /** PPOC_SWAP_WAIT_SECONDS in milliseconds. */
  swapWaitMs: number;
}

export class RunWriter {
  private lock: { runId: string; tx: SqlTransaction } | null = null;
  private readonly bulkChunkRows: number;

  constructor(
    private readonly connector: SqlConnector,
    private readonly options: RunWriterOptions,
  ) {
    this.bulkChunkRows = options.bulkChunkRows ?? DEFAULT_BULK_CHUNK_ROWS;
  }

  async startRun(run: RunInfo): Promise<void> {
    if (this.lock) throw new Error(`run ${this.lock.runId} is still in progress in this process`);
    const tx = await this.takeLock();
    try {
      this.lock = { runId: run.runId, tx };
      // Autocommit on the pool, not in the lock transaction: monitoring sees `running` at once.
      await this.connector.query(INSERT_RUN, runningParams(run));
    } catch (error) {
      this.lock = null;
      await tx.rollback();
      throw error;
    }
  }

  async publish(run: RunInfo, set: RefreshSet, outcome: RunOutcome, onTable: TableProgress = () => {}): Promise<void> {
    const tx = this.requireLock(run);
    // Every row is typed before anything is sent: a value that cannot be stored fails here.
    const tables = CURATED_TABLES.map((name) => [name, toBulkRows(TABLES[name], (set.tables[name] ?? []) as readonly object[])] as const);
    const history = toBulkRows(TABLES.plan_status_history, set.history.rows);
    const keepFrom = set.history.keepFrom;
    const runId = param(TABLES.data_quality_issue, 'run_id', run.runId);
    this.lock = null; // whatever happens below, the lock's transaction ends in this call
    try {
      await tx.query(CLEAR_STAGING);
      for (const [i, [name, rows]] of tables.entries()) {
        await this.bulkChunks(tx, name, rows);
        onTable(i + 1, tables.length + 1);
      }
      await this.bulkChunks(tx, 'plan_status_history', history);
      onTable(tables.length + 1, tables.length + 1);
      await this.bulkChunks(tx, 'data_quality_issue', outcome.issues.map((issue) => issueRow(run.runId, issue)));
      // The kept history is not swapped: the run's as-at date is replaced, retention trims. Before
      // the swap, so a wait for a report reading the history never holds the swapped tables' locks.
      await tx.query(DELETE_REPLACED_HISTORY, [
        { name: 'as_at_date', type: DATE, value: calendarDateValue(run.asAtDate) },
        { name: 'keep_from', type: DATE, value: keepFrom === null ? null : calendarDateValue(keepFrom) },
      ]);
      await tx.query(COPY_STAGED_HISTORY);
      await this.swap(tx);
      await tx.query(DELETE_SUPERSEDED_ISSUES);
      await tx.query(COPY_STAGED_ISSUES, [runId]);
      await this.insertSourceFiles(tx, run, outcome);
      await tx.query(FINISH_RUN, finishParams(run, outcome, 'succeeded'));
      await tx.commit();
    } catch (error) {
      await tx.rollback();
      throw error;
    }
  }

  async failRun(run: RunInfo, outcome: RunOutcome): Promise<void> {
    try {
      const tx = await beginWork(this.connector);
      try {
        await this.insertRows(tx, TABLES.data_quality_issue, outcome.issues.map((issue) => issueRow(run.runId, issue)));
        await this.insertSourceFiles(tx, run, outcome);
        await tx.query(FINISH_RUN, finishParams(run, outcome, 'failed'));
        await tx.commit();
      } catch (error) {
        await tx.rollback();
        throw error;
      }
    } finally {
      if (this.lock?.runId === run.runId) await this.abandon();
    }
  }

  /** Runs `work` (migrations) holding the refresh lock, so no DDL lands in the middle of a load. */
  async whileLocked<T>(work: () => Promise<T>): Promise<T> {
    const tx = await this.takeLock('another refresh is running: migrate when it has finished');
    try {
      return await work();
    } finally {
      await tx.rollback(); // the lock transaction wrote nothing; rolling back frees the lock
    }
  }

  /** Drops the lock (a run that failed before publishing, or process shutdown): rollback frees it. */
  async abandon(): Promise<void> {
    const held = this.lock;
    this.lock = null;
    if (held) await held.tx.rollback();
  }

  private requireLock(run: RunInfo): SqlTransaction {
    if (this.lock?.runId !== run.runId) throw new Error(`run ${run.runId} does not hold the refresh lock: call startRun first`);
    return this.lock.tx;
  }

  /** A transaction on its own connection that holds the app lock; refused at once when taken. */
  private async takeLock(message?: string): Promise<SqlTransaction> {
    const tx = await beginWork(this.connector);
    try {
      const [row] = await tx.query(GET_LOCK, lockParam);
      const result = Number(row?.result);
      // 0/1 granted; -1 timed out at once (held by another run); anything else is an error.
      if (result === -1) throw new RefreshLockedError(message);
      if (result !== 0 && result !== 1) throw new Error(`sp_getapplock returned ${String(row?.result)}: refresh lock not taken`);
      return tx;
    } catch (error) {
      await tx.rollback();
      throw error;
    }
  }

  /** Waits for readers at most PPOC_SWAP_WAIT_SECONDS, then says so plainly. */
  private async swap(tx: SqlTransaction): Promise<void> {
    try {
      await tx.query(swapIntoLive(this.options.swapWaitMs));
    } catch (error) {
      if (!(error instanceof SqlServerRequestError) || error.number !== LOCK_TIMEOUT_ERROR) throw error;
      throw new Error(
        `the swap waited ${this.options.swapWaitMs / 1000} s (PPOC_SWAP_WAIT_SECONDS) for report queries still reading the ppoc ` +
          'tables and gave up: nothing was published and yesterday\'s tables stay. Run again when the report is quiet, or raise PPOC_SWAP_WAIT_SECONDS',
      );
    }
  }

  private async bulkChunks(
    tx: SqlTransaction, name: CuratedTableName | HistoryTableName | 'data_quality_issue', rows: SqlValue[][],
  ): Promise<void> {
    const columns = bulkColumnsOf(TABLES[name]);
    let loaded = 0;
    for (const part of chunk(rows, this.bulkChunkRows)) {
      loaded += await tx.bulk({ schema: STAGING_SCHEMA, table: name, columns, rows: part });
    }
    if (loaded !== rows.length) {
      throw new Error(`staging load of ${name} wrote ${loaded} of ${rows.length} rows; live tables left unchanged`);
    }
  }

  /** source_file is a log, like refresh_log: written in the run's final transaction, never swapped. */
  private async insertSourceFiles(tx: SqlTransaction, run: RunInfo, outcome: RunOutcome): Promise<void> {
    await this.insertRows(tx, TABLES.source_file, toBulkRows(TABLES.source_file, sourceFileRows(run.runId, outcome.files)));
  }

  /**
   * Plain parameterised INSERTs, not staging: a failed run must be loggable even when staging
   * is what failed. Chunked to SQL Server's 1000-row and 2100-parameter limits.
   */
  private async insertRows(tx: SqlTransaction, table: TableDef, rows: SqlValue[][]): Promise<void> {
    for (const part of chunk(rows, insertRowsPerStatement(table.columns.length))) {
      await tx.query(insertValues(table, part.length), valuesParams(table, part));
    }
  }
}
