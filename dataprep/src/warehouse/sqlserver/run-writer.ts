/**
 * The write side of a refresh on SQL Server:
 *   startRun: app lock (refused → RefreshLockedError), refresh_log `running`;
 *   publish:  clear staging, bulk-load every curated table and the issues into ppoc_staging,
 *             then ONE short transaction swaps all tables, replaces the issues and logs
 *             `succeeded`, then releases the lock. On failure the lock stays for failRun,
 *             which the pipeline calls next (close() drops it otherwise);
 *   failRun:  issues and `failed` in one transaction; live tables are never touched.
 */
import type { RefreshSet } from '../../model/refresh-set';
import { CURATED_TABLES, TABLES, type CuratedTableName } from '../../model/tables';
import { RefreshLockedError, sourceFileRows, type RunInfo, type RunOutcome } from '../warehouse';
import { bulkColumnsOf, chunk, insertRowsPerStatement, toBulkRows } from './columns';
import type { TableDef } from '../../model/tables';
import { nvarchar, type SqlConnector, type SqlTransaction, type SqlValue } from './connector';
import { finishParams, issueRow, param, runningParams, valuesParams } from './params';
import {
  CLEAR_STAGING, COPY_STAGED_ISSUES, DELETE_SUPERSEDED_ISSUES, FINISH_RUN, GET_LOCK, INSERT_RUN, insertValues,
  LOCK_RESOURCE, RELEASE_LOCK, STAGING_SCHEMA, SWAP_INTO_LIVE,
} from './statements';

/** Rows per bulk-copy call: bounds client memory per call; the server takes any size. */
export const DEFAULT_BULK_CHUNK_ROWS = 5000;

const lockParam = [{ name: 'resource', type: nvarchar(255), value: LOCK_RESOURCE }];

export class RunWriter {
  private lock: { runId: string; tx: SqlTransaction } | null = null;

  constructor(
    private readonly connector: SqlConnector,
    private readonly bulkChunkRows = DEFAULT_BULK_CHUNK_ROWS,
  ) {}

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

  async publish(run: RunInfo, set: RefreshSet, outcome: RunOutcome): Promise<void> {
    this.requireLock(run);
    await this.connector.query(CLEAR_STAGING);
    for (const name of CURATED_TABLES) await this.stage(name, (set.tables[name] ?? []) as readonly object[]);
    await this.bulkChunks('data_quality_issue', outcome.issues.map((issue) => issueRow(run.runId, issue)));
    const tx = await this.connector.begin();
    try {
      await tx.query(SWAP_INTO_LIVE);
      await tx.query(DELETE_SUPERSEDED_ISSUES);
      await tx.query(COPY_STAGED_ISSUES, [param(TABLES.data_quality_issue, 'run_id', run.runId)]);
      await this.insertSourceFiles(tx, run, outcome);
      await tx.query(FINISH_RUN, finishParams(run, outcome, 'succeeded'));
      await tx.commit();
    } catch (error) {
      await tx.rollback();
      throw error;
    }
    await this.releaseLock();
  }

  async failRun(run: RunInfo, outcome: RunOutcome): Promise<void> {
    try {
      const tx = await this.connector.begin();
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
      if (this.lock?.runId === run.runId) await this.releaseLock();
    }
  }

  /** Runs `work` (migrations) holding the refresh lock, so no DDL lands in the middle of a load. */
  async whileLocked<T>(work: () => Promise<T>): Promise<T> {
    const tx = await this.takeLock('another refresh is running: migrate when it has finished');
    try {
      return await work();
    } finally {
      await this.release(tx);
    }
  }

  /** Drops the lock without logging (process shutdown); the transaction's rollback frees it. */
  async abandon(): Promise<void> {
    const held = this.lock;
    this.lock = null;
    if (held) await held.tx.rollback();
  }

  private requireLock(run: RunInfo): void {
    if (this.lock?.runId !== run.runId) throw new Error(`run ${run.runId} does not hold the refresh lock: call startRun first`);
  }

  /** A transaction on its own connection that holds the app lock; refused at once when taken. */
  private async takeLock(message?: string): Promise<SqlTransaction> {
    const tx = await this.connector.begin();
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

  private async releaseLock(): Promise<void> {
    const held = this.lock;
    this.lock = null;
    if (held) await this.release(held.tx);
  }

  private async release(tx: SqlTransaction): Promise<void> {
    try {
      await tx.query(RELEASE_LOCK, lockParam);
      await tx.commit();
    } catch {
      await tx.rollback(); // rollback frees a transaction-owned lock too
    }
  }

  private async stage(name: CuratedTableName, rows: readonly object[]): Promise<void> {
    await this.bulkChunks(name, toBulkRows(TABLES[name], rows));
  }

  private async bulkChunks(name: CuratedTableName | 'data_quality_issue', rows: SqlValue[][]): Promise<void> {
    const columns = bulkColumnsOf(TABLES[name]);
    let loaded = 0;
    for (const part of chunk(rows, this.bulkChunkRows)) {
      loaded += await this.connector.bulk({ schema: STAGING_SCHEMA, table: name, columns, rows: part });
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
