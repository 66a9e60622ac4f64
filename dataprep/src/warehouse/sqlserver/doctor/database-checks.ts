/**
 * The checks `doctor` runs once logged in, in order: server version, schema version, database
 * owner, roles, the login's permissions (HAS_PERMS_BY_NAME for every object the job touches),
 * the job's own reads run as this login, staging/retired/live twins, the refresh lock and the
 * last run. Each says `ok`, `FAIL` with the exact fix (the GRANT to run), or `skip` when this
 * login cannot see what it needs.
 */
import { todayInTimeZone } from '../../../../../core/src/index';
import { CURATED_TABLES } from '../../../model/tables';
import { failed, lastRunCheck, ok, skipped, type CheckResult } from '../../checks';
import type { SqlConnector, SqlRow } from '../connector';
import { loadMigrations, schemaVersions, type Migration } from '../migrations';
import { SqlServerReader } from '../reader';
import { APPLIED_MIGRATIONS, LOCK_PRINCIPAL } from '../statements';
import { runJobReads } from './job-reads';
import { JOB_PERMISSIONS, LOCK_IS_FREE, MISSING_PERMISSIONS, OWNER_LOGIN, ROLES, SERVER_FACTS, TWIN_CHECKS, TWIN_COLUMNS, TWIN_INDEXES } from './queries';
import { TWIN_SCHEMAS, twinDifferences } from './twins';

/** Azure SQL Database (5) and Managed Instance (8) are always current, whatever ProductVersion says. */
const AZURE_ENGINES = [5, 8];

export type Facts = SqlRow & { product_version: string; engine_edition: number; login_name: string; user_name: string; is_db_owner: number };

function versionCheck(f: Facts): CheckResult {
  const check = 'server version';
  const [major, , build] = String(f.product_version).split('.').map(Number);
  const what = `${f.product_version} (${String(f.edition ?? '').trim()})`;
  if (AZURE_ENGINES.includes(Number(f.engine_edition))) return ok(check, `${what}: Azure SQL, kept current by Microsoft`);
  if (major > 13 || (major === 13 && build >= 4001)) return ok(check, what);
  return failed(check, `${what} is older than SQL Server 2016 SP1 (13.0.4001), which CREATE OR ALTER in sql/ needs`, 'use SQL Server 2016 SP1 or later');
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

async function ownerCheck(connector: SqlConnector, f: Facts, database: string): Promise<CheckResult> {
  const check = 'database owner';
  if (AZURE_ENGINES.includes(Number(f.engine_edition))) return skipped(check, 'Azure SQL: the server admin owns the database; not visible from inside it');
  const [owner] = await connector.query(OWNER_LOGIN);
  if (owner?.owner_login) return ok(check, `${String(owner.owner_login)}: a login of this server (sys.server_principals), so the AS OWNER procedures can run`);
  const fix = `ALTER AUTHORIZATION ON DATABASE::[${database}] TO [sa]; (or another login the DBA chooses)`;
  if (Number(owner?.sees_all_logins) !== 1) {
    return skipped(check, `the owner's login is not visible to ${f.login_name} (sys.server_principals shows other logins only to VIEW ANY DEFINITION or ALTER ANY LOGIN)`,
      'run doctor once with the DBA\'s login; the AS OWNER procedures fail with error 15517 if the owner has no login');
  }
  return failed(check, 'the database owner is not a login of this server (orphaned, e.g. after a restore from another server): ' +
    'the procedures that clear, swap and update statistics run WITH EXECUTE AS OWNER and would fail (error 15517)', fix);
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

/** `GRANT SELECT, INSERT ON OBJECT::x TO ppoc_writer;` for each object with missing permissions. */
export function grantsFor(rows: readonly SqlRow[]): string[] {
  const byObject = new Map<string, string[]>();
  for (const r of rows) byObject.set(String(r.object_name), [...(byObject.get(String(r.object_name)) ?? []), String(r.permission_name)]);
  return [...byObject].map(([object, permissions]) => `GRANT ${permissions.join(', ')} ON OBJECT::${object} TO ${LOCK_PRINCIPAL};`);
}

function permissionsCheck(rows: readonly SqlRow[], f: Facts, member: boolean): CheckResult {
  const check = 'permissions';
  if (rows.length === 0) return ok(check, `${f.user_name} has all ${JOB_PERMISSIONS.length} permissions the job needs (HAS_PERMS_BY_NAME)`);
  const missing = rows.map((r) => `${r.permission_name} on ${r.object_name}`);
  const detail = `${f.user_name} lacks ${missing.length} of them: ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', …' : ''}`;
  if (!member) return failed(check, detail, `ALTER ROLE ppoc_writer ADD MEMBER [${f.user_name}]; (as db_owner: the role holds them)`);
  return failed(check, detail, `as db_owner, run \`ppoc-prep migrate\` (sql/ grants them), or: ${grantsFor(rows).join(' ')}`);
}

async function jobReadsCheck(connector: SqlConnector, f: Facts, now: Date): Promise<CheckResult> {
  const check = 'job reads';
  const { ran, failures } = await runJobReads(connector, todayInTimeZone('Europe/London', now));
  if (failures.length === 0) {
    return ok(check, `the ${ran} reads a run makes (the figures of earlier runs, the history, the run log) ran as ${f.user_name}, in a transaction rolled back`);
  }
  const grants = [...new Set(failures.flatMap((x) => (x.grant ? [x.grant] : [])))];
  return failed(check, `${failures.length} of ${ran} reads a run makes failed as ${f.user_name}: ${failures.slice(0, 2).map((x) => `${x.read}: ${x.message}`).join('; ')}`,
    grants.length ? `as db_owner: ${grants.join(' ')}` : 'send this line to the DBA');
}

async function twinsCheck(connector: SqlConnector): Promise<CheckResult> {
  const check = 'staging twins';
  const [columns, indexes, checks] = [await connector.query(TWIN_COLUMNS), await connector.query(TWIN_INDEXES), await connector.query(TWIN_CHECKS)];
  const { invisible, differences } = twinDifferences(CURATED_TABLES, { columns, indexes, checks });
  if (differences.length) {
    return failed(check, `${differences.length} difference(s), which make ALTER TABLE … SWITCH fail: ${differences.slice(0, 3).join('; ')}${differences.length > 3 ? '; …' : ''}`,
      'make every side identical again (undo the change, or make the same change on the twins in a new sql/ migration)');
  }
  if (invisible.length) {
    return skipped(check, `${invisible.length} table(s) not visible to this login (e.g. ${invisible[0]})`, 'run doctor with a db_owner login to compare them');
  }
  return ok(check, `the ${CURATED_TABLES.length} curated tables match their ${TWIN_SCHEMAS.join(' and ')} twins (columns, types, collation, indexes, filegroup, compression, CHECKs)`);
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
  const schema = schemaCheck(await connector.query(APPLIED_MIGRATIONS), loadMigrations());
  report(schema);
  if (schema.status === 'FAIL') return;
  report(await ownerCheck(connector, facts, database));
  const roles = rolesCheck(await connector.query(ROLES), facts);
  report(roles);
  report(permissionsCheck(await connector.query(MISSING_PERMISSIONS), facts, roles.status === 'ok'));
  report(await jobReadsCheck(connector, facts, now));
  report(await twinsCheck(connector));
  const [lock] = await connector.query(LOCK_IS_FREE);
  const lockHeld = Number(lock?.lock_is_free) !== 1;
  report(lockHeld
    ? failed('refresh lock', 'held: a refresh is running now, or a session still holds ppoc-refresh', 'wait for the run to finish (ppoc-prep status); docs/sqlserver.md shows how to find the session')
    : ok('refresh lock', 'free'));
  const [latest] = await new SqlServerReader(connector).recentRuns(1);
  report(lastRunCheck(latest ?? null, lockHeld, now));
}
