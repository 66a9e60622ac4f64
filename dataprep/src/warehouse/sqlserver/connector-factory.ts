/**
 * Where every command gets its SQL Server connection: the mssql driver (mssql-connector.ts).
 * One seam, so the permission test (dataprep/test/warehouse/sqlserver/permissions.test.ts) can
 * run whole commands (`run`, `status`, `export`, `doctor` …) over its recording connection and
 * check every statement against the grants of sql/. Nothing else replaces it.
 */
import type { SqlConnector } from './connector';
import { createMssqlConnector, type MssqlConnectorOptions } from './mssql-connector';
import type { SqlServerSettings } from './settings';

export type ConnectorFactory = (settings: SqlServerSettings, options: MssqlConnectorOptions) => SqlConnector;

let factory: ConnectorFactory = createMssqlConnector;

/** A connection for these settings (the driver, unless a test has put its own factory here). */
export function openConnector(settings: SqlServerSettings, options: MssqlConnectorOptions = {}): SqlConnector {
  return factory(settings, options);
}

/** For the permission test: use `replacement` until the returned function restores the driver. */
export function replaceConnectorFactory(replacement: ConnectorFactory): () => void {
  const previous = factory;
  factory = replacement;
  return () => {
    factory = previous;
  };
}
