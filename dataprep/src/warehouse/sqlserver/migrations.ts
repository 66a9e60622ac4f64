/**
 * The numbered T-SQL files in `sql/`: read in numeric order, split into batches on `GO`
 * lines (as sqlcmd and SSMS do), and applied only when `ppoc.schema_version` lacks them,
 * each file in its own transaction (XACT_ABORT on) so a failure leaves nothing half-applied.
 * A login that cannot change the schema (the job's ppoc_writer) is told at once that the
 * database needs the DBA, instead of failing on the first DDL statement.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INT, type SqlConnector } from './connector';
import { beginWork } from './run-writer';
import { APPLIED_MIGRATIONS, CAN_MIGRATE, MIGRATION_RECORDED } from './statements';

/** The database's schema is not the one this release was built for, and this login cannot fix it. */
export class SchemaVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaVersionError';
  }
}

export interface Migration {
  version: number;
  /** File name without `.sql`, e.g. `003_staging_and_swap`. */
  name: string;
  batches: string[];
}

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../../../sql/', import.meta.url));

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;
const GO_LINE = /^[ \t]*GO[ \t]*(?:--.*)?$/i;

/** Batches of a script; a batch with nothing but comments and blank lines is dropped. */
export function splitBatches(script: string): string[] {
  const batches: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const text = current.join('\n').trim();
    const meaningful = current.some((line) => line.trim() !== '' && !line.trim().startsWith('--'));
    if (meaningful) batches.push(text);
    current = [];
  };
  for (const line of script.replace(/\r\n/g, '\n').split('\n')) {
    if (GO_LINE.test(line)) flush();
    else current.push(line);
  }
  flush();
  return batches;
}

export function loadMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`sql/${file}: migration files are named NNN_name.sql`);
      return { version: Number(match[1]), name: file.slice(0, -4), batches: splitBatches(readFileSync(join(dir, file), 'utf8')) };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`sql/: expected migration ${String(i + 1).padStart(3, '0')}, found ${m.name}`);
  });
  return migrations;
}

/** Highest version recorded in `ppoc.schema_version` (0 for an empty database), and this release's. */
export function schemaVersions(applied: ReadonlySet<number>, migrations: readonly Migration[]): { database: number; release: number } {
  return { database: Math.max(0, ...applied), release: Math.max(0, ...migrations.map((m) => m.version)) };
}

/** Applies the missing migrations in order; returns the names applied. */
export async function applyMigrations(connector: SqlConnector, migrations: readonly Migration[]): Promise<string[]> {
  const rows = await connector.query(APPLIED_MIGRATIONS);
  const applied = new Set(rows.map((r) => Number(r.version)));
  const versions = schemaVersions(applied, migrations);
  if (versions.database > versions.release) {
    throw new SchemaVersionError(`schema version ${versions.database} is newer than this release's ${versions.release}: upgrade ppoc-prep`);
  }
  const pending = migrations.filter((m) => !applied.has(m.version));
  if (pending.length === 0) return [];
  const [login] = await connector.query(CAN_MIGRATE);
  if (Number(login?.can_migrate) !== 1) {
    throw new SchemaVersionError(
      `schema version ${versions.database} is older than this release's ${versions.release}: ask the DBA to run \`ppoc-prep migrate\` ` +
        '(with a db_owner login; this login cannot change the schema)',
    );
  }
  for (const migration of pending) await applyOne(connector, migration);
  return pending.map((m) => m.name);
}

async function applyOne(connector: SqlConnector, migration: Migration): Promise<void> {
  const tx = await beginWork(connector);
  let batchNumber = 0;
  try {
    for (const batch of migration.batches) {
      batchNumber += 1;
      await tx.query(batch);
    }
    batchNumber = 0;
    const [recorded] = await tx.query(MIGRATION_RECORDED, [{ name: 'version', type: INT, value: migration.version }]);
    if (Number(recorded?.n) !== 1) throw new Error('the file did not record itself in ppoc.schema_version');
    await tx.commit();
  } catch (error) {
    await tx.rollback();
    const where = batchNumber > 0 ? `batch ${batchNumber} of ${migration.batches.length}` : 'check';
    throw new Error(`migration ${migration.name} failed (${where}); nothing of it was applied: ${(error as Error).message}`);
  }
}
