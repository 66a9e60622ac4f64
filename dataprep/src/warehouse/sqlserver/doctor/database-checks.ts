/**
 * The checks `doctor` runs once logged in, in order: server version and compatibility level,
 * schema version, database owner, roles, the login's permissions, staging/live twins, the
 * refresh lock and the last run. Each says `ok`, `FAIL` with the exact fix, or `skip` when
 * this login cannot see what it needs.
 */
import { CURATED_TABLES } from '../../../model/tables';
import { failed, lastRunCheck, ok, skipped, type CheckResult } from '../../checks';
import type { SqlConnector, SqlRow } from '../connector';
import { loadMigrations, schemaVersions, type Migration } from '../migrations';
import { SqlServerReader } from '../reader';
import { APPLIED_MIGRATIONS } from '../statements';
import { JOB_PERMISSIONS, LOCK_IS_FREE, MISSING_PERMISSIONS, ROLES, SERVER_FACTS, TWIN_CHECKS, TWIN_COLUMNS, TWIN_INDEXES } from './queries';
import { twinDifferences } from './twins';

/** Azure SQL Database (5) and Managed Instance (8) are always current, whatever ProductVersion says. */
const AZURE_ENGINES = [5, 8];
const MIN_COMPATIBILITY = 130;

export type Facts = SqlRow & { product_version: string; engine_edition: number; compatibility_level: number; owner_login: string | null; login_name: string; user_name: string; is_db_owner: number };

function versionCheck(f: Facts): CheckResult {
  const check = 'server version';
  const [major, , build] = String(f.product_version).split('.').map(Number);
  const what = `${f.product_version} (${String(f.edition ?? '').trim()})`;
  if (AZURE_ENGINES.includes(Number(f.engine_edition))) return ok(check, `${what}: Azure SQL, kept current by Microsoft`);
  if (major > 13 || (major === 13 && build >= 4001)) return ok(check, what);
  return failed(check, `${what} is older than SQL Server 2016 SP1 (13.0.4001), which CREATE OR ALTER in sql/ needs`, 'use SQL Server 2016 SP1 or later');
}

function compatibilityCheck(f: Facts, database: string): CheckResult {
  const level = Number(f.compatibility_level);
  if (level >= MIN_COMPATIBILITY) return ok('compatibility level', String(level));
  return failed('compatibility level', `${level} is below ${MIN_COMPATIBILITY} (SQL Server 2016), which sql/ is written for`,
    `ALTER DATABASE [${database}] SET COMPATIBILITY_LEVEL = ${MIN_COMPATIBILITY}; (after the DBA has checked the database's other users)`);
}

function schemaCheck(rows: readonly SqlRow[], migrations: readonly Migration[]): CheckResult {
  const check = 'schema version';
  const applied = new Set(rows.map((r) => Number(r.version)));
  const { database, release } = schemaVersions(applied, migrations);
  const missing = migrations.filter((m) => !applied.has(m.version)).map((m) => m.name);
  if (database > release) return failed(check, `${database} is newer than this release's ${release}`, 'upgrade ppoc-prep on this machine');
  if (missing.length === 0) return ok(check, `${database}, this release's`);
  return failed(check, `schema version ${database} is older than this release's ${release} (missing ${missing.join(', ')})`,
    'ask the DBA to run `ppoc-prep migrate` with a db_owner login, or the missing sql/ files with sqlcmd -b -I -i');
}

function ownerCheck(f: Facts, database: string): CheckResult {
  const check = 'database owner';
  if (AZURE_ENGINES.includes(Number(f.engine_edition))) return skipped(check, 'Azure SQL: the server admin owns the database; not visible from inside it');
  if (f.owner_login) return ok(check, `${f.owner_login}: a login this server knows, so the AS OWNER procedures can run`);
  return failed(check, 'the database owner is not a login this server knows (orphaned, e.g. after a restore from another server): ' +
    'the swap procedures run WITH EXECUTE AS OWNER and would fail', `ALTER AUTHORIZATION ON DATABASE::[${database}] TO [sa]; (or another login the DBA chooses)`);
}

function rolesCheck(rows: readonly SqlRow[], f: Facts): CheckResult {
  const check = 'roles';
  const seen = new Map(rows.map((r) => [String(r.name), Number(r.is_member) === 1]));
  const dbOwner = Number(f.is_db_owner) === 1;
  const missing = ['ppoc_writer', 'ppoc_reader'].filter((r) => !seen.has(r));
  if (dbOwner && missing.length) return failed(check, `${missing.join(' and ')} missing`, 'run `ppoc-prep migrate` (sql/005_roles.sql) with a db_owner login');
  if (dbOwner) return ok(check, 'ppoc_writer and ppoc_reader exist');
  if (!seen.get('ppoc_writer')) {
    return failed(check, `${f.user_name} is not a member of ppoc_writer (or the role is missing)`, `ALTER ROLE ppoc_writer ADD MEMBER [${f.user_name}]; (as db_owner)`);
  }
  return ok(check, `ppoc_writer exists and ${f.user_name} is a member${seen.has('ppoc_reader') ? '; ppoc_reader exists' : '; ppoc_reader is visible to db_owner only'}`);
}

function permissionsCheck(rows: readonly SqlRow[], f: Facts): CheckResult {
  const check = 'permissions';
  if (rows.length === 0) return ok(check, `${f.user_name} has all ${JOB_PERMISSIONS.length} permissions the job needs (HAS_PERMS_BY_NAME)`);
  const missing = rows.map((r) => `${r.permission_name} on ${r.object_name}`);
  return failed(check, `${f.user_name} lacks ${missing.length} of them: ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', …' : ''}`,
    `ALTER ROLE ppoc_writer ADD MEMBER [${f.user_name}]; and run \`ppoc-prep migrate\` (sql/005_roles.sql grants them)`);
}

async function twinsCheck(connector: SqlConnector): Promise<CheckResult> {
  const check = 'staging twins';
  const [columns, indexes, checks] = [await connector.query(TWIN_COLUMNS), await connector.query(TWIN_INDEXES), await connector.query(TWIN_CHECKS)];
  const { invisible, differences } = twinDifferences(CURATED_TABLES, { columns, indexes, checks });
  if (differences.length) {
    return failed(check, `${differences.length} difference(s), which make ALTER TABLE … SWITCH fail: ${differences.slice(0, 3).join('; ')}${differences.length > 3 ? '; …' : ''}`,
      'make both sides identical again (undo the change, or make the same change on the twin in a new sql/ migration)');
  }
  if (invisible.length) {
    return skipped(check, `${invisible.length} table(s) not visible to this login (e.g. ${invisible[0]})`, 'run doctor with a db_owner login to compare them');
  }
  return ok(check, `the ${CURATED_TABLES.length} curated tables match their ppoc_staging twins (columns, types, collation, indexes, filegroup, compression, CHECKs)`);
}

/** Server, database and login facts: the first query, which also proves the connection. */
export async function serverFacts(connector: SqlConnector): Promise<Facts> {
  const [facts] = (await connector.query(SERVER_FACTS)) as Facts[];
  if (!facts) throw new Error('SQL Server returned no row for the server facts');
  return facts;
}

/** Runs the checks in order, stopping after a failed schema check (later checks need the schema). */
export async function databaseChecks(connector: SqlConnector, facts: Facts, database: string, report: (r: CheckResult) => void, now = new Date()): Promise<void> {
  report(versionCheck(facts));
  report(compatibilityCheck(facts, database));
  const schema = schemaCheck(await connector.query(APPLIED_MIGRATIONS), loadMigrations());
  report(schema);
  if (schema.status === 'FAIL') return;
  report(ownerCheck(facts, database));
  report(rolesCheck(await connector.query(ROLES), facts));
  report(permissionsCheck(await connector.query(MISSING_PERMISSIONS), facts));
  report(await twinsCheck(connector));
  const [lock] = await connector.query(LOCK_IS_FREE);
  const lockHeld = Number(lock?.lock_is_free) !== 1;
  report(lockHeld
    ? failed('refresh lock', 'held: a refresh is running now, or a session still holds ppoc-refresh', 'wait for the run to finish (ppoc-prep status); docs/sqlserver.md shows how to find the session')
    : ok('refresh lock', 'free'));
  const [latest] = await new SqlServerReader(connector).recentRuns(1);
  report(lastRunCheck(latest ?? null, lockHeld, now));
}
