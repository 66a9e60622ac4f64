import { printable } from '../files/printable';
import { createLogger, type Logger } from '../pipeline/logger';
import type { RetryNotice } from '../warehouse/sqlserver/retry';
import type { Warehouse, WarehouseReader } from '../warehouse/warehouse';
import { resolveLogLevel, type TargetSettings } from './settings';

export type FullWarehouse = Warehouse & WarehouseReader;

/** Each retry of a transient SQL Server failure (connecting, or the refresh transaction), as one log line (no secret in it). */
export function logRetries(logger: Logger = createLogger(resolveLogLevel(process.env))): { onRetry: (notice: RetryNotice) => void } {
  return {
    onRetry: (n) => logger.warn(`SQL Server ${n.what} failed with a transient error; retrying`, {
      attempt: n.attempt, wait_seconds: n.delayMs / 1000, reason: n.reason,
    }),
  };
}

/** The chosen target behind the one interface; mssql is loaded only when SQL Server is used. */
export async function openWarehouse(target: TargetSettings, options: { readonly?: boolean; logger?: Logger } = {}): Promise<FullWarehouse> {
  if (target.sqlserver) {
    const logger = options.logger ?? createLogger(resolveLogLevel(process.env));
    const sqlserver = await import('../warehouse/sqlserver/index');
    const settings = sqlserver.parseSqlServerSettings(target.sqlserver, process.env, { caFile: target.sqlserverCaFile });
    for (const key of settings.ignoredKeys) logger.debug(`connection string key ${key.name} accepted and ignored: ${key.why}`);
    const retries = logRetries(logger);
    const connector = sqlserver.openConnector(settings, { ...retries, readOnly: options.readonly === true });
    return sqlserver.createSqlServerWarehouse(settings, connector, { ...retries, warn: (message) => logger.warn(message) });
  }
  const { createSqliteWarehouse } = await import('../warehouse/sqlite/index');
  return createSqliteWarehouse(target.sqlite, options);
}

/** For messages: which target, never a connection string. */
export function describeTarget(target: TargetSettings): string {
  return target.sqlserver ? 'SQL Server' : `SQLite ${printable(target.sqlite)}`;
}
