/**
 * One attempt at publishing a run, inside the transaction that holds the refresh lock, in the
 * order that keeps report queries waiting least: clear staging (and the retired twins), bulk-load
 * every curated table, the run's history rows and its issues into staging; replace the run's
 * as-at date in the kept history; replace the issues; record the source files and figures; log `succeeded`;
 * and only then swap, so the schema locks on the live tables are the transaction's last and
 * are held only until the commit that follows at once.
 */
import type { RefreshSet } from '../../model/refresh-set';
import { CURATED_TABLES, TABLES, type CuratedTableName, type HistoryTableName, type TableDef } from '../../model/tables';
import { runFigureRows, sourceFileRows, type RunInfo, type RunOutcome, type TableProgress } from '../warehouse';
import { bulkColumnsOf, calendarDateValue, chunk, insertRowsPerStatement, toBulkRows } from './columns';
import { SqlServerRequestError } from './connection-errors';
import { DATE, INT, type SqlExecutor, type SqlTransaction, type SqlValue } from './connector';
import { finishParams, issueRow, param, valuesParams } from './params';
import {
  CLEAR_STAGING, COPY_STAGED_HISTORY, COPY_STAGED_ISSUES, DELETE_REPLACED_HISTORY, DELETE_SUPERSEDED_ISSUES, FINISH_RUN,
  insertValues, LOCK_TIMEOUT_ERROR, STAGING_SCHEMA, SWAP_INTO_LIVE,
} from './statements';

/** Rows per bulk-copy call: bounds client memory per call; the server takes any size. */
export const DEFAULT_BULK_CHUNK_ROWS = 5000;

/** A run's rows, typed for the driver before anything is sent (a value that cannot be stored fails first). */
export interface PreparedRun {
  run: RunInfo;
  outcome: RunOutcome;
  tables: (readonly [CuratedTableName, SqlValue[][]])[];
  history: SqlValue[][];
  keepFrom: string | null;
  issues: SqlValue[][];
}

export function prepareRun(run: RunInfo, set: RefreshSet, outcome: RunOutcome): PreparedRun {
  return {
    run,
    outcome,
    tables: CURATED_TABLES.map((name) => [name, toBulkRows(TABLES[name], (set.tables[name] ?? []) as readonly object[])] as const),
    history: toBulkRows(TABLES.plan_status_history, set.history.rows),
    keepFrom: set.history.keepFrom,
    issues: outcome.issues.map((issue) => issueRow(run.runId, issue)),
  };
}

export interface PublishOptions {
  bulkChunkRows: number;
  /** PPOC_SWAP_WAIT_SECONDS in milliseconds (whole seconds). */
  swapWaitMs: number;
  /** The run's progress line: curated tables (and the history) loaded so far, of all. */
  onTable?: TableProgress;
}

/** Everything of one attempt but the commit, on the lock's transaction. */
export async function publishIn(tx: SqlTransaction, p: PreparedRun, options: PublishOptions): Promise<void> {
  const { run, outcome } = p;
  await tx.query(CLEAR_STAGING);
  const total = p.tables.length + 1;
  for (const [i, [name, rows]] of p.tables.entries()) {
    await bulkChunks(tx, name, rows, options.bulkChunkRows);
    options.onTable?.(i + 1, total);
  }
  await bulkChunks(tx, 'plan_status_history', p.history, options.bulkChunkRows);
  options.onTable?.(total, total);
  await bulkChunks(tx, 'data_quality_issue', p.issues, options.bulkChunkRows);
  // The kept history is not swapped: the run's as-at date is replaced, retention trims.
  await tx.query(DELETE_REPLACED_HISTORY, [
    { name: 'as_at_date', type: DATE, value: calendarDateValue(run.asAtDate) },
    { name: 'keep_from', type: DATE, value: p.keepFrom === null ? null : calendarDateValue(p.keepFrom) },
  ]);
  await tx.query(COPY_STAGED_HISTORY);
  await tx.query(DELETE_SUPERSEDED_ISSUES);
  await tx.query(COPY_STAGED_ISSUES, [param(TABLES.data_quality_issue, 'run_id', run.runId)]);
  await insertRunLogRows(tx, run, outcome);
  await tx.query(FINISH_RUN, finishParams(run, outcome, 'succeeded'));
  await swap(tx, options.swapWaitMs);
}

/** Waits for readers at low priority at most PPOC_SWAP_WAIT_SECONDS (whole minutes), then says so plainly. */
async function swap(tx: SqlTransaction, swapWaitMs: number): Promise<void> {
  const seconds = swapWaitMs / 1000;
  try {
    await tx.query(SWAP_INTO_LIVE, [{ name: 'wait_seconds', type: INT, value: seconds }]);
  } catch (error) {
    if (!(error instanceof SqlServerRequestError) || error.number !== LOCK_TIMEOUT_ERROR) throw error;
    const waited = seconds === 0
      ? 'does not wait (PPOC_SWAP_WAIT_SECONDS is 0) and found report queries reading the ppoc tables'
      : `waited ${Math.ceil(seconds / 60)} min at low priority (PPOC_SWAP_WAIT_SECONDS ${seconds}, rounded up to whole minutes) for report queries still reading the ppoc tables and gave up`;
    throw new Error(`the swap ${waited}: nothing was published and yesterday's tables stay. Run again when the report is quiet, or raise PPOC_SWAP_WAIT_SECONDS`);
  }
}

async function bulkChunks(
  tx: SqlExecutor, name: CuratedTableName | HistoryTableName | 'data_quality_issue', rows: SqlValue[][], chunkRows: number,
): Promise<void> {
  const columns = bulkColumnsOf(TABLES[name]);
  let loaded = 0;
  for (const part of chunk(rows, chunkRows)) loaded += await tx.bulk({ schema: STAGING_SCHEMA, table: name, columns, rows: part });
  if (loaded !== rows.length) throw new Error(`staging load of ${name} wrote ${loaded} of ${rows.length} rows; live tables left unchanged`);
}

/** source_file and run_figure are logs, like refresh_log: written in the run's final transaction, never swapped. */
export async function insertRunLogRows(tx: SqlExecutor, run: RunInfo, outcome: RunOutcome): Promise<void> {
  await insertRows(tx, TABLES.source_file, toBulkRows(TABLES.source_file, sourceFileRows(run.runId, outcome.files)));
  await insertRows(tx, TABLES.run_figure, toBulkRows(TABLES.run_figure, runFigureRows(run.runId, outcome.figures)));
}

/**
 * Plain parameterised INSERTs, not staging: a failed run must be loggable even when staging
 * is what failed. Chunked to SQL Server's 1000-row and 2100-parameter limits.
 */
export async function insertRows(tx: SqlExecutor, table: TableDef, rows: SqlValue[][]): Promise<void> {
  for (const part of chunk(rows, insertRowsPerStatement(table.columns.length))) {
    await tx.query(insertValues(table, part.length), valuesParams(table, part));
  }
}
