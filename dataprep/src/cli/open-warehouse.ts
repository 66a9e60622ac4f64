import type { Warehouse, WarehouseReader } from '../warehouse/warehouse';
import type { TargetSettings } from './settings';

export type FullWarehouse = Warehouse & WarehouseReader;

/** The chosen target behind the one interface; mssql is loaded only when SQL Server is used. */
export async function openWarehouse(target: TargetSettings, options: { readonly?: boolean } = {}): Promise<FullWarehouse> {
  if (target.sqlserver) {
    const sqlserver = await import('../warehouse/sqlserver/index');
    return sqlserver.createSqlServerWarehouse(sqlserver.parseSqlServerSettings(target.sqlserver, process.env));
  }
  const { createSqliteWarehouse } = await import('../warehouse/sqlite/index');
  return createSqliteWarehouse(target.sqlite, options);
}

/** For messages: which target, never a connection string. */
export function describeTarget(target: TargetSettings): string {
  return target.sqlserver ? 'SQL Server' : `SQLite ${target.sqlite}`;
}
