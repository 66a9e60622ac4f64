/**
 * The SQL Server warehouse: production target behind the same Warehouse/WarehouseReader
 * interface as SQLite. See docs/sqlserver.md for the DBA view (schemas, roles, swap, log).
 */
import type { RefreshSet } from '../../model/refresh-set';
import type { ExportTableName } from '../../model/tables';
import type {
  ExportRow, FiguresQuery, HistoryQuery, PlannedAssessmentFilter, RunInfo, RunOutcome, TableProgress, Warehouse, WarehouseReader,
} from '../warehouse';
import type { SqlConnector } from './connector';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, loadMigrations } from './migrations';
import { createMssqlConnector } from './mssql-connector';
import { SqlServerReader } from './reader';
import type { RetryClock, RetryNotice } from './retry';
import { DEFAULT_BULK_CHUNK_ROWS, RunWriter } from './run-writer';
import type { SqlServerSettings } from './settings';

export type { SqlConnector, SqlExecutor, SqlTransaction, SqlParam, SqlType, BulkTable, BulkColumn, SqlValue, SqlRow } from './connector';
export { parseSqlServerSettings, describeSettings, SqlServerConfigError } from './settings';
export type { SqlServerSettings, SqlServerAuthentication } from './settings';
export { SqlServerConnectionError, SqlServerRequestError, createMssqlConnector } from './mssql-connector';
export { openConnector } from './connector-factory';
export type { MssqlConnectorOptions } from './mssql-connector';
export { SchemaVersionError } from './migrations';
export { SqlServerDataError } from './columns';

export interface SqlServerWarehouseOptions {
  /** Folder of NNN_name.sql migrations; defaults to the repository's `sql/`. */
  migrationsDir?: string;
  bulkChunkRows?: number;
  /** Told about each retry of the refresh transaction (the CLI logs it). */
  onRetry?: (notice: RetryNotice) => void;
  clock?: RetryClock;
  /** A problem after the run was published (a warning, not a failure). */
  warn?: (message: string) => void;
}

export type SqlServerWarehouse = Warehouse &
  WarehouseReader & { readonly kind: 'sqlserver'; migrate(): Promise<{ applied: string[] }> };

export function createSqlServerWarehouse(
  settings: SqlServerSettings,
  connector: SqlConnector = createMssqlConnector(settings),
  options: SqlServerWarehouseOptions = {},
): SqlServerWarehouse {
  const writer = new RunWriter(connector, {
    bulkChunkRows: options.bulkChunkRows ?? DEFAULT_BULK_CHUNK_ROWS, swapWaitMs: settings.swapWaitMs, retries: settings.retries,
    onRetry: options.onRetry, clock: options.clock, warn: options.warn,
  });
  const reader = new SqlServerReader(connector);
  let closed = false;
  return {
    kind: 'sqlserver',
    async migrate() {
      const migrations = loadMigrations(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
      const applied = await writer.whileLocked(() => applyMigrations(connector, migrations));
      return { applied };
    },
    startRun: (run: RunInfo) => writer.startRun(run),
    priorHistory: (query: HistoryQuery) => reader.priorHistory(query),
    publish: (run: RunInfo, set: RefreshSet, outcome: RunOutcome, onTable?: TableProgress) => writer.publish(run, set, outcome, onTable),
    failRun: (run: RunInfo, outcome: RunOutcome) => writer.failRun(run, outcome),
    acceptedRunFigures: (query: FiguresQuery) => reader.acceptedRunFigures(query),
    latestSuccessfulRun: () => reader.latestSuccessfulRun(),
    recentRuns: (limit: number) => reader.recentRuns(limit),
    succeededAsAtDates: () => reader.succeededAsAtDates(),
    plannedAssessments: (filter?: PlannedAssessmentFilter) => reader.plannedAssessments(filter),
    planExplanations: (personId: string) => reader.planExplanations(personId),
    dataQualityIssues: (filter: { runId?: string; personId?: string }) => reader.dataQualityIssues(filter),
    eachRow: (table: ExportTableName, onRow: (row: ExportRow) => void) => reader.eachRow(table, onRow),
    sourceFiles: (runId: string) => reader.sourceFiles(runId),
    assessmentWorkflows: (personId: string) => reader.assessmentWorkflows(personId),
    latestFinishedRun: () => reader.latestFinishedRun(),
    personKnown: (personId: string, runId: string) => reader.personKnown(personId, runId),
    distinctValues: (column: 'locality' | 'team') => reader.distinctValues(column),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await writer.abandon();
      } finally {
        await connector.close();
      }
    },
  };
}
