import { printable } from '../files/printable';
import { sqliteErrorName } from '../warehouse/sqlite/database';
import { openWarehouse, type FullWarehouse } from './open-warehouse';
import { resolveTarget } from './settings';
import { UsageError } from '../settings/env';

/** Opens the target read-only for a query command (summary, explain, status, issues) and closes it after. */
export async function withReader<T>(values: { sqlite?: string; sqlserver?: string; 'sqlserver-ca-file'?: string }, use: (w: FullWarehouse) => Promise<T>): Promise<T> {
  const target = resolveTarget(values, process.env);
  const warehouse = await openWarehouse(target, { readonly: true }).catch((error: unknown) => {
    if (sqliteErrorName(error) === 'SQLITE_CANTOPEN') {
      throw new UsageError(`no database at ${printable(target.sqlite)}: run "ppoc-prep run" (or "npm start") first`);
    }
    throw error;
  });
  try {
    return await use(warehouse);
  } finally {
    await warehouse.close();
  }
}
