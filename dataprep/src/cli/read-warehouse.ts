import { printable } from '../files/printable';
import { DatabaseUnavailableError } from '../warehouse/sqlite/database-file';
import { openWarehouse, type FullWarehouse } from './open-warehouse';
import { resolveTarget } from './settings';
import { UsageError } from '../settings/env';

/**
 * The SQLite file a read command was given holds no database of the job: missing, empty, not a
 * regular file, not SQLite, or without the job's tables. One line (exit 2; `status
 * --max-age-hours` words it for a monitor, exit 1).
 */
export class NoDatabaseError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'NoDatabaseError';
  }
}

/** Opens the target read-only for a query command (summary, explain, status, issues, export) and closes it after. */
export async function withReader<T>(values: { sqlite?: string; sqlserver?: string; 'sqlserver-ca-file'?: string }, use: (w: FullWarehouse) => Promise<T>): Promise<T> {
  const target = resolveTarget(values, process.env);
  const warehouse = await openWarehouse(target, { readonly: true }).catch((error: unknown) => {
    if (error instanceof DatabaseUnavailableError) throw new NoDatabaseError(error.message);
    throw error;
  });
  try {
    return await use(warehouse);
  } catch (error) {
    // A SQLite database that is not the job's (or an empty one from elsewhere): no refresh_log to read.
    if (!target.sqlserver && /^no such table: refresh_log\b/.test((error as Error | null)?.message ?? '')) {
      throw new NoDatabaseError(`${printable(target.sqlite)} holds none of the job's tables: run "ppoc-prep run" (or "npm start") first`);
    }
    throw error;
  } finally {
    await warehouse.close();
  }
}
