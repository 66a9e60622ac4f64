/**
 * The write side of a refresh on SQL Server. One transaction, on one connection, owns the run:
 *   startRun: that transaction takes the app lock (refused → RefreshLockedError); runs a dead
 *             process or connection left `running` are marked failed; refresh_log gets `running`
 *             on another connection, committed at once for monitoring;
 *   publish:  in the lock's transaction, publish-steps.ts: load staging, write the history, the
 *             issues, the source files, the figures and `succeeded`, then swap, commit. The commit publishes
 *             and frees the lock in one step; any failure rolls it all back. A transient failure
 *             (failover, connection reset, deadlock victim) runs the whole transaction again
 *             under a new lock, at most PPOC_SQLSERVER_RETRIES times. After the commit the retired
 *             twins are emptied and the live tables' statistics updated (a failure there is a
 *             warning: the run is published);
 *   failRun:  issues, source files, figures and `failed` in their own transaction; live tables are never touched.
 * Every transaction starts with SET XACT_ABORT ON.
 */
import type { RefreshSet } from '../../model/refresh-set';
import { TABLES } from '../../model/tables';
import { ABANDONED_MESSAGE, RefreshLockedError, type RunInfo, type RunOutcome, type TableProgress } from '../warehouse';
import { DATETIME2_3, nvarchar, type SqlConnector, type SqlTransaction } from './connector';
import { finishParams, fit, issueRow, runningParams } from './params';
import { DEFAULT_BULK_CHUNK_ROWS, insertRows, insertRunLogRows, prepareRun, publishIn, type PreparedRun } from './publish-steps';
import { realClock, withRetry, type RetryClock, type RetryNotice } from './retry';
import {
  CLEAR_RETIRED, FINISH_RUN, GET_LOCK, INSERT_RUN, LOCK_RESOURCE, MARK_ABANDONED_RUNS, UPDATE_LIVE_STATISTICS, XACT_ABORT_ON,
} from './statements';

export { DEFAULT_BULK_CHUNK_ROWS } from './publish-steps';

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

/** Runs `work` in `tx` and commits; on any failure rolls back and rethrows. */
async function commitOrRollback(tx: SqlTransaction, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
    await tx.commit();
  } catch (error) {
    await tx.rollback();
    throw error;
  }
}

export interface RunWriterOptions {
  bulkChunkRows?: number;
  /** PPOC_SWAP_WAIT_SECONDS in milliseconds. */
  swapWaitMs: number;
  /** PPOC_SQLSERVER_RETRIES: how many times the refresh transaction runs again after a transient failure. */
  retries?: number;
  clock?: RetryClock;
  onRetry?: (notice: RetryNotice) => void;
  /** What went wrong after a run was published (emptying the retired twins, statistics). */
  warn?: (message: string) => void;
}

export class RunWriter {
  private lock: { runId: string; tx: SqlTransaction } | null = null;

  constructor(
    private readonly connector: SqlConnector,
    private readonly options: RunWriterOptions,
  ) {}

  async startRun(run: RunInfo): Promise<void> {
    if (this.lock) throw new Error(`run ${this.lock.runId} is still in progress in this process`);
    const tx = await this.takeLock();
    try {
      this.lock = { runId: run.runId, tx };
      // Autocommit on the pool, not in the lock transaction: monitoring sees both at once.
      await this.connector.query(MARK_ABANDONED_RUNS, [
        { name: 'finished_at_utc', type: DATETIME2_3, value: new Date(run.startedAtUtc) },
        { name: 'message', type: nvarchar(4000), value: fit(ABANDONED_MESSAGE, TABLES.refresh_log, 'message') },
      ]);
      await this.connector.query(INSERT_RUN, runningParams(run));
    } catch (error) {
      this.lock = null;
      await tx.rollback();
      throw error;
    }
  }

  async publish(run: RunInfo, set: RefreshSet, outcome: RunOutcome, onTable: TableProgress = () => {}): Promise<void> {
    let tx: SqlTransaction | null = this.requireLock(run);
    const prepared = prepareRun(run, set, outcome); // before anything is sent: a value that cannot be stored fails here
    this.lock = null; // whatever happens below, the lock's transaction ends in this call
    await withRetry(async () => {
      const attempt: SqlTransaction = tx ?? (await this.takeLock().catch((error: unknown) => {
        if (!(error instanceof RefreshLockedError)) throw error;
        throw new Error('another refresh took the lock while this one was trying again: nothing of this run was published');
      }));
      tx = null; // a retry takes the lock again in a new transaction
      await this.attempt(attempt, prepared, onTable);
    }, { retries: this.options.retries ?? 0, what: 'refresh transaction', clock: this.options.clock ?? realClock, onRetry: this.options.onRetry });
    await this.afterPublish();
  }

  async failRun(run: RunInfo, outcome: RunOutcome): Promise<void> {
    try {
      const tx = await beginWork(this.connector);
      await commitOrRollback(tx, async () => {
        await insertRows(tx, TABLES.data_quality_issue, outcome.issues.map((issue) => issueRow(run.runId, issue)));
        await insertRunLogRows(tx, run, outcome);
        await tx.query(FINISH_RUN, finishParams(run, outcome, 'failed'));
      });
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

  private async attempt(tx: SqlTransaction, prepared: PreparedRun, onTable: TableProgress): Promise<void> {
    await commitOrRollback(tx, () =>
      publishIn(tx, prepared, { bulkChunkRows: this.options.bulkChunkRows ?? DEFAULT_BULK_CHUNK_ROWS, swapWaitMs: this.options.swapWaitMs, onTable }));
  }

  /**
   * After the commit: empty the retired twins in a short transaction that holds the lock again
   * (if another run has taken it, its own load empties them), then update the live tables'
   * statistics. The run is published whatever happens here; a failure is a warning.
   */
  private async afterPublish(): Promise<void> {
    try {
      const tx = await this.takeLock().catch((error: unknown) => {
        if (error instanceof RefreshLockedError) return null;
        throw error;
      });
      if (tx) await commitOrRollback(tx, () => tx.query(CLEAR_RETIRED));
      await this.connector.query(UPDATE_LIVE_STATISTICS);
    } catch (error) {
      this.options.warn?.(`the run is published, but tidying after the swap failed: ${(error as Error).message.split('\n')[0]}`);
    }
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
}
