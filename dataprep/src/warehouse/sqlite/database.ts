/**
 * The one door to SQLite: Node's built-in `node:sqlite` (Node 22.13+ and 24), so installing the
 * job compiles nothing and downloads no binary (docs/performance.md says why this binding).
 * Only what Node 22.13 already has is used (no `isOpen`, `isTransaction` or `setReturnArrays`).
 */
import { createRequire } from 'node:module';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export type Database = DatabaseSync;
export type Statement = StatementSync;
/** A value SQLite stores: the catalog's text, whole and decimal numbers, or NULL. */
export type SqlValue = string | number | bigint | null;

let sqlite: typeof import('node:sqlite') | undefined;

/**
 * Node (22 and 24) still prints "ExperimentalWarning: SQLite is an experimental feature" to
 * stderr when node:sqlite is first loaded. The API used here has been unchanged since 22.13 and
 * is tested on both lines in CI, so that warning only alarms the analyst reading the job's log:
 * this one warning, and nothing else, is dropped, only while the module loads.
 */
function loadSqlite(): typeof import('node:sqlite') {
  if (sqlite) return sqlite;
  const emitWarning = process.emitWarning;
  process.emitWarning = function filtered(this: NodeJS.Process, warning: string | Error, ...rest: unknown[]): void {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const text = typeof warning === 'string' ? warning : warning.message;
    if (type === 'ExperimentalWarning' && text.startsWith('SQLite is an experimental feature')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    sqlite = createRequire(import.meta.url)('node:sqlite') as typeof import('node:sqlite');
  } finally {
    process.emitWarning = emitWarning;
  }
  return sqlite;
}

/**
 * Opens (creating when absent, unless read-only) a SQLite file, or `:memory:`. Read-only
 * connections wait up to `busyTimeoutMs` for a writer's lock; `0` refuses at once.
 */
export function openDatabase(path: string, options: { readOnly?: boolean; busyTimeoutMs?: number } = {}): Database {
  const { DatabaseSync } = loadSqlite();
  const db = new DatabaseSync(path, { readOnly: options.readOnly ?? false });
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Closes a connection that may be closed already (node:sqlite throws on a second close). */
export function closeQuietly(db: Database): void {
  try {
    db.close();
  } catch {
    // already closed
  }
}

const PRIMARY_CODES: Record<number, string> = {
  5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED', 8: 'SQLITE_READONLY', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 19: 'SQLITE_CONSTRAINT', 23: 'SQLITE_AUTH', 26: 'SQLITE_NOTADB',
};

/**
 * SQLite's name for the error (`SQLITE_BUSY`, `SQLITE_CANTOPEN`…), or undefined for an error
 * that is not SQLite's. node:sqlite gives the numeric result code as `errcode`; its low byte is
 * the primary code.
 */
export function sqliteErrorName(error: unknown): string | undefined {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  if (typeof errcode !== 'number') return undefined;
  return PRIMARY_CODES[errcode & 0xff] ?? `SQLITE_ERROR_${errcode}`;
}

/** True when another connection holds the lock this one needs (busy, or locked in its own cache). */
export function isBusy(error: unknown): boolean {
  const name = sqliteErrorName(error);
  return name === 'SQLITE_BUSY' || name === 'SQLITE_LOCKED';
}

/**
 * Runs `work` inside one transaction: committed when it returns, rolled back when it throws.
 * `IMMEDIATE` takes the write lock at the start, so a refresh never fails half-way for a lock.
 */
export function inTransaction<T>(db: Database, work: () => T, mode: 'DEFERRED' | 'IMMEDIATE' = 'DEFERRED'): T {
  db.exec(`BEGIN ${mode}`);
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // SQLite already rolled back (e.g. after SQLITE_FULL): the first error is the one to report.
    }
    throw error;
  }
}

/** A pragma's single value (`PRAGMA synchronous` → 1). */
export function pragmaValue(db: Database, name: string): SqlValue {
  const row = db.prepare(`PRAGMA ${name}`).get() as Record<string, SqlValue> | undefined;
  return row ? Object.values(row)[0] : null;
}

/** The first column of every row. */
export function column<T extends SqlValue>(statement: Statement, ...params: SqlValue[]): T[] {
  return statement.all(...params).map((row) => Object.values(row as Record<string, T>)[0]);
}
