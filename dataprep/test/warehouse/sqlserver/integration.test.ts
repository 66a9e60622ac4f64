/**
 * Against a real SQL Server, only when PPOC_TEST_SQLSERVER holds a connection string for a
 * login that may create databases and logins (sa in `npm run test:sqlserver`). It works in a
 * throwaway database `ppoc_it_<random>` with throwaway logins (a db_owner that is not sa, and
 * the job's ppoc_writer), all dropped at the end. Without the variable every test is pending.
 * [full SQL Server]: the setup (CREATE DATABASE, CREATE LOGIN) and the steps marked so need a
 * full SQL Server; the steps marked [any] use only what Azure SQL Database also has (with
 * contained users instead of logins, which this suite does not create).
 * TLS: with PPOC_TEST_SQLSERVER_CA_FILE (the CA of the server's certificate), one more test
 * connects without TrustServerCertificate.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IsoDate } from '../../../../core/src/index';
import { TABLES } from '../../../src/model/tables';
import type { CheckResult } from '../../../src/warehouse/checks';
import type { SqlConnector } from '../../../src/warehouse/sqlserver/connector';
import { sqlServerDoctor } from '../../../src/warehouse/sqlserver/doctor/index';
import { quoteIdent } from '../../../src/warehouse/sqlserver/identifiers';
import { createSqlServerWarehouse, type SqlServerWarehouse } from '../../../src/warehouse/sqlserver/index';
import { createMssqlConnector } from '../../../src/warehouse/sqlserver/mssql-connector';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, loadMigrations } from '../../../src/warehouse/sqlserver/migrations';
import { parseSqlServerSettings, type SqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import { RefreshLockedError } from '../../../src/warehouse/warehouse';
import { EXAMPLE_EXTRACT, runCli } from '../../helpers/cli';
import { historyRow, plannedRow, runInfo, runOutcome, sampleRefreshSet } from '../../helpers/refresh-set-fixture';

const CONNECTION = process.env.PPOC_TEST_SQLSERVER;
const CA_FILE = process.env.PPOC_TEST_SQLSERVER_CA_FILE;
const TITLE = CONNECTION
  ? 'SQL Server integration (live server from PPOC_TEST_SQLSERVER)'
  : 'SQL Server integration — SKIPPED: PPOC_TEST_SQLSERVER is not set (npm run test:sqlserver runs it with Docker; docs/sqlserver.md)';

const issue = (rule: string) => ({
  severity: 'warning' as const, sourceFile: 'episodes.csv', line: 2, column: 'PLACE', personId: 'P1', rule, message: 'm',
});

/** A set whose planned rows sit on the BST change-over days. */
function bstSet(tag: string) {
  const set = sampleRefreshSet(tag);
  set.tables.planned_assessment = [
    plannedRow({ person_id: `${tag}1`, predicted_start_date: '2022-03-27' as IsoDate, first_predicted_start_date: '2022-03-27' as IsoDate }),
    plannedRow({ person_id: `${tag}2`, predicted_start_date: '2022-10-30' as IsoDate, actual_start_date: '2022-06-15' as IsoDate }),
  ];
  return set;
}

/** Runs `statement` as `user` and returns the error number it raised (0: none). */
const probe = (user: string, statement: string) => `EXECUTE AS USER = N'${user}';
DECLARE @n INT, @error INT = 0;
BEGIN TRY ${statement} END TRY BEGIN CATCH SET @error = ERROR_NUMBER(); END CATCH;
REVERT;
SELECT @error AS error;`;

describe(TITLE, function () {
  this.timeout(180_000);
  const database = `ppoc_it_${randomBytes(4).toString('hex')}`;
  const login = `${database}_writer`;
  const owner = `${database}_owner`;
  const gateway = `${database}_reader`;
  const password = `Wr1!${randomBytes(12).toString('base64url')}`;
  let server: SqlConnector | undefined;
  let dbAdmin: SqlConnector | undefined;
  let adminSettings: SqlServerSettings;
  let ownerSettings: SqlServerSettings;
  let writerSettings: SqlServerSettings;
  const open: { close(): Promise<void> }[] = [];
  const writer = (settings = writerSettings): SqlServerWarehouse => {
    const w = createSqlServerWarehouse(settings);
    open.push(w);
    return w;
  };
  /** The suite's connection string as `user` in the throwaway database (later keys win). */
  const connectionAs = (user: string) => `${CONNECTION};Database=${database};User Id=${user};Password={${password}}`;
  const doctor = async (user: string): Promise<CheckResult[]> => {
    const results: CheckResult[] = [];
    await sqlServerDoctor(connectionAs(user), { env: {}, report: (r) => results.push(r) });
    return results;
  };

  before(async function () {
    if (!CONNECTION) return this.skip();
    const base = parseSqlServerSettings(CONNECTION);
    server = createMssqlConnector(base);
    await server.query(`CREATE DATABASE ${quoteIdent(database)};`);
    for (const name of [login, owner, gateway]) await server.query(`CREATE LOGIN ${quoteIdent(name)} WITH PASSWORD = N'${password}', CHECK_POLICY = OFF;`);
    adminSettings = { ...base, database };
    ownerSettings = { ...adminSettings, authentication: { kind: 'sql', user: owner, password } };
    writerSettings = { ...adminSettings, authentication: { kind: 'sql', user: login, password } };
    dbAdmin = createMssqlConnector(adminSettings);
    await dbAdmin.query(`CREATE USER ${quoteIdent(owner)} FOR LOGIN ${quoteIdent(owner)}; ALTER ROLE db_owner ADD MEMBER ${quoteIdent(owner)};`);
  });

  after(async () => {
    for (const c of open) await c.close();
    await dbAdmin?.close();
    if (!server) return;
    await server.query(`ALTER DATABASE ${quoteIdent(database)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ${quoteIdent(database)};`);
    for (const name of [login, owner, gateway]) await server.query(`DROP LOGIN ${quoteIdent(name)};`);
    await server.close();
  });

  it('[full SQL Server] migrate by a db_owner login that is not sa applies every file, then nothing the second time', async () => {
    const migrator = writer(ownerSettings);
    assert.deepEqual((await migrator.migrate()).applied, loadMigrations().map((m) => m.name));
    assert.deepEqual(await migrator.migrate(), { applied: [] });
    const [views] = await dbAdmin!.query(`SELECT COUNT(*) AS n FROM sys.views WHERE SCHEMA_NAME(schema_id) = N'ppoc' AND name LIKE N'vw[_]%';`);
    assert.equal(views.n, Object.keys(TABLES).length);
    await dbAdmin!.query(`CREATE USER ${quoteIdent(login)} FOR LOGIN ${quoteIdent(login)}; ALTER ROLE ppoc_writer ADD MEMBER ${quoteIdent(login)};`);
    await dbAdmin!.query('CREATE USER it_reader WITHOUT LOGIN; ALTER ROLE ppoc_reader ADD MEMBER it_reader;');
    await dbAdmin!.query(`CREATE USER ${quoteIdent(gateway)} FOR LOGIN ${quoteIdent(gateway)}; ALTER ROLE ppoc_reader ADD MEMBER ${quoteIdent(gateway)};`);
  });

  it('[any] the whole `ppoc-prep run` as a login that has only ppoc_writer, then `ppoc-prep status`, then a read through ppoc_reader', async () => {
    const env = { PPOC_SQLSERVER: connectionAs(login), PPOC_SQLSERVER_CA_FILE: CA_FILE };
    const run = await runCli(['run', '--source', EXAMPLE_EXTRACT, '--as-at', '2022-05-31'], env, 120_000);
    assert.equal(run.code, 0, `${run.stderr}\n${run.stdout}`);
    assert.match(run.stdout, /SUCCEEDED/);
    const again = await runCli(['run', '--source', EXAMPLE_EXTRACT, '--as-at', '2022-05-31'], env, 120_000); // the shrink guards now read a published run's figures
    assert.equal(again.code, 0, again.stderr);
    const status = await runCli(['status', '--limit', '2'], env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /succeeded/);
    const reader = createMssqlConnector({ ...adminSettings, authentication: { kind: 'sql', user: gateway, password } });
    open.push(reader);
    const [row] = await reader.query('SELECT COUNT(*) AS n FROM ppoc.vw_planned_assessment;');
    assert.ok(Number(row.n) > 0, 'the gateway reads what the run published');
    await assert.rejects(reader.query('SELECT COUNT(*) AS n FROM ppoc.vw_user_access;'), /SQL Server error 229/);
    const [stats] = await dbAdmin!.query(`SELECT MAX(STATS_DATE(object_id, stats_id)) AS updated FROM sys.stats WHERE object_id = OBJECT_ID(N'ppoc.planned_assessment');`);
    assert.ok(stats.updated instanceof Date && Date.now() - stats.updated.getTime() < 10 * 60_000, 'statistics updated after the swap');
    const [retired] = await dbAdmin!.query('SELECT COUNT(*) AS n FROM ppoc_retired.planned_assessment;');
    assert.equal(retired.n, 0, 'the retired twins emptied after the commit');
  });

  it('[any] the shrink guards as ppoc_writer: a 1-row allocations.csv fails on the figures the runs stored, tables kept', async () => {
    const env = { PPOC_SQLSERVER: connectionAs(login), PPOC_SQLSERVER_CA_FILE: CA_FILE };
    const extract = mkdtempSync(join(tmpdir(), 'ppoc-it-one-allocation-'));
    cpSync(EXAMPLE_EXTRACT, extract, { recursive: true });
    writeFileSync(join(extract, 'allocations.csv'), 'person_id,child_name,social_worker,team,locality\n100001,Child 100001,SW 01,CS HPND Children In Care Team,High Peak & North Dales\n');
    const [before] = await dbAdmin!.query('SELECT COUNT(*) AS n FROM ppoc.planned_assessment WHERE social_worker IS NOT NULL;');
    const run = await runCli(['run', '--source', extract, '--as-at', '2022-05-31'], env, 120_000);
    assert.equal(run.code, 1, `${run.stderr}\n${run.stdout}`);
    assert.match(run.stdout, /the share of plans with a social worker or team would fall from 100% \(9 of 9\) to 11% \(1 of 9\)/);
    const [after] = await dbAdmin!.query('SELECT COUNT(*) AS n FROM ppoc.planned_assessment WHERE social_worker IS NOT NULL;');
    assert.equal(after.n, before.n, 'yesterday\'s workers stay');
  });

  it('[any] 011\'s seed counts the live tables exactly as the job counted the run that published them', async () => {
    const [live] = await dbAdmin!.query(`SELECT TOP (1) run_id FROM ppoc.refresh_log WHERE status = N'succeeded' ORDER BY finished_at_utc DESC, started_at_utc DESC;`);
    const figures = `SELECT figure, figure_value FROM ppoc.run_figure WHERE run_id = N'${String(live.run_id)}' ORDER BY figure;`;
    const stored = await dbAdmin!.query(figures);
    assert.equal(stored.length, 8);
    const seed = loadMigrations().find((m) => m.name === '011_run_figures')?.batches.find((b) => b.includes('\nBEGIN\n'));
    assert.ok(seed);
    const tx = await dbAdmin!.begin();
    try {
      await tx.query(`DELETE FROM ppoc.run_figure;`);
      await tx.query(seed);
      assert.deepEqual(await tx.query(figures), stored);
    } finally {
      await tx.rollback();
    }
  });

  it('[any] two refreshes by the ppoc_writer login replace every table, keep calendar dates exact and log both', async () => {
    const w = writer();
    const first = runInfo({ asAtDate: '2022-10-30' as IsoDate });
    await w.startRun(first);
    await w.publish(first, bstSet('a'), runOutcome({ issues: [issue('first_run_rule')] }));
    const a = await w.plannedAssessments();
    assert.deepEqual(a.map((r) => [r.person_id, r.predicted_start_date, r.actual_start_date, r.full_care_order]), [
      ['a1', '2022-03-27', '2022-05-12', 'Yes'],
      ['a2', '2022-10-30', '2022-06-15', 'Yes'],
    ].sort((x, y) => String(x[1]).localeCompare(String(y[1]))));
    const second = runInfo();
    await w.startRun(second);
    await w.publish(second, sampleRefreshSet('b'), runOutcome({ issues: [issue('second_run_rule')] }));
    assert.deepEqual((await w.plannedAssessments()).map((r) => r.person_id).sort(), ['b1', 'b2']);
    assert.deepEqual((await w.dataQualityIssues({})).map((i) => i.rule), ['second_run_rule']);
    const runs = await w.recentRuns(10);
    assert.deepEqual(runs.slice(0, 2).map((r) => [r.run_id, r.status]), [[second.runId, 'succeeded'], [first.runId, 'succeeded']]);
    assert.equal(runs[1].as_at_date, '2022-10-30');
  });

  it('[any] keeps plan_status_history across swaps (a rerun replaces its date), reads it back as prior history, streams it', async () => {
    const w = writer();
    const tags = new Set(['h', 'i', 'j', 'k', 'm']);
    const publishAt = async (asAt: string, tag: string, keepFrom: string | null = null) => {
      const set = sampleRefreshSet(tag, asAt as IsoDate);
      set.history = { rows: [historyRow(`${tag}1`, asAt as IsoDate), historyRow(`${tag}2`, asAt as IsoDate)], keepFrom: keepFrom as IsoDate | null };
      const run = runInfo({ asAtDate: asAt as IsoDate });
      await w.startRun(run);
      await w.publish(run, set, runOutcome());
    };
    const mine = (rows: Record<string, unknown>[]) => rows.filter((r) => tags.has(String(r.person_id)[0]));
    await publishAt('2022-03-31', 'h');
    await publishAt('2022-04-29', 'i');
    await publishAt('2022-04-30', 'j');
    await publishAt('2022-04-30', 'k'); // rerun of the date
    const rows: Record<string, unknown>[] = [];
    await w.eachRow('plan_status_history', (r) => rows.push(r));
    assert.deepEqual(mine(rows).map((r) => `${r.as_at_date} ${r.person_id} ${r.full_care_order}`), [
      '2022-03-31 h1 Yes', '2022-03-31 h2 Yes', '2022-04-29 i1 Yes', '2022-04-29 i2 Yes', '2022-04-30 k1 Yes', '2022-04-30 k2 Yes',
    ]);
    const prior = await w.priorHistory({ before: '2022-05-01' as IsoDate, from: '2022-04-01' as IsoDate });
    assert.deepEqual(prior.monthEnds.map((r) => `${r.as_at_date} ${r.person_id}`), ['2022-04-30 k1', '2022-04-30 k2']);
    assert.deepEqual(prior.latestByPlan.map((r) => r.person_id), ['i1', 'i2', 'k1', 'k2']);
    assert.deepEqual(prior.places, [{ locality: 'High Peak & North Dales', team: 'CS HPND Children In Care Team' }]);
    await publishAt('2022-05-31', 'm', '2022-04-30'); // retention trims inside the swap
    const after: Record<string, unknown>[] = [];
    await w.eachRow('plan_status_history', (r) => after.push(r));
    assert.deepEqual(mine(after).map((r) => `${r.as_at_date} ${r.person_id}`), ['2022-04-30 k1', '2022-04-30 k2', '2022-05-31 m1', '2022-05-31 m2']);
    const timeliness: Record<string, unknown>[] = [];
    await w.eachRow('timeliness_by_month', (r) => timeliness.push(r));
    assert.deepEqual(timeliness.map((r) => [r.month, r.pct_on_time, r.median_days_late]), [['2022-05', 66.7, 8]]);
    const dates = await w.succeededAsAtDates();
    for (const date of ['2022-03-31', '2022-04-29', '2022-04-30', '2022-05-31']) assert.ok(dates.includes(date as IsoDate), date);
  });

  it('[any] refuses a concurrent run at once while another holds the lock, and lets it run afterwards', async () => {
    const holder = writer();
    const other = writer();
    const held = runInfo();
    await holder.startRun(held);
    const started = Date.now();
    await assert.rejects(other.startRun(runInfo()), (e: Error) => e instanceof RefreshLockedError);
    assert.ok(Date.now() - started < 5000, 'refused without waiting');
    await holder.failRun(held, runOutcome({ message: 'test: released', issues: [issue('failed_run_rule')] }));
    const next = runInfo();
    await other.startRun(next);
    await other.failRun(next, runOutcome({ message: 'test: second' }));
    assert.deepEqual((await other.recentRuns(2)).map((r) => r.status), ['failed', 'failed']);
  });

  it('[any] a SWITCH refused inside the swap (a column added to one staging table as dbo) leaves every live table as it was and the run failed', async () => {
    const w = writer();
    const before = { planned: await w.plannedAssessments(), latest: (await w.latestSuccessfulRun())?.run_id };
    await dbAdmin!.query('ALTER TABLE ppoc_staging.care_exit ADD injected_by_test INT NULL;');
    try {
      const twins = (await doctor(owner)).find((r) => r.check === 'staging twins');
      assert.equal(twins?.status, 'FAIL');
      assert.match(twins?.detail ?? '', /column injected_by_test: ppoc\.care_exit missing, ppoc_staging\.care_exit #\d+ INT NULL/);
      const run = runInfo();
      await w.startRun(run);
      const error = await w.publish(run, sampleRefreshSet('c'), runOutcome()).then(() => null, (e: Error) => e);
      assert.ok(error, 'the swap must fail');
      await w.failRun(run, runOutcome({ message: error.message }));
      assert.deepEqual(await w.plannedAssessments(), before.planned);
      assert.equal((await w.latestSuccessfulRun())?.run_id, before.latest);
      const [last] = await w.recentRuns(1);
      assert.deepEqual([last.run_id, last.status], [run.runId, 'failed']);
      assert.match(last.message ?? '', /ALTER TABLE SWITCH statement failed/);
    } finally {
      await dbAdmin!.query('ALTER TABLE ppoc_staging.care_exit DROP COLUMN injected_by_test;');
    }
  });

  it('[any] a report query holding its lock makes the swap give up (PPOC_SWAP_WAIT_SECONDS=0: at once), live tables unchanged', async () => {
    const patient = writer({ ...writerSettings, swapWaitMs: 0 });
    const before = await patient.plannedAssessments();
    const reader = await dbAdmin!.begin();
    await reader.query('SELECT COUNT(*) AS n FROM ppoc.planned_assessment WITH (TABLOCK, HOLDLOCK);');
    try {
      const run = runInfo();
      await patient.startRun(run);
      await assert.rejects(patient.publish(run, sampleRefreshSet('d'), runOutcome()), /the swap does not wait \(PPOC_SWAP_WAIT_SECONDS is 0\)/);
      await patient.failRun(run, runOutcome({ message: 'swap wait' }));
    } finally {
      await reader.rollback();
    }
    assert.deepEqual(await patient.plannedAssessments(), before);
  });

  it('[any] while the swap waits at low priority, later report queries are not queued behind it; after 1 minute it gives up', async function () {
    this.timeout(240_000);
    const patient = writer({ ...writerSettings, swapWaitMs: 60_000 });
    const before = await patient.plannedAssessments();
    const holder = await dbAdmin!.begin();
    await holder.query('SELECT COUNT(*) AS n FROM ppoc.planned_assessment WITH (TABLOCK, HOLDLOCK);');
    const run = runInfo();
    await patient.startRun(run);
    const started = Date.now();
    const swap = patient.publish(run, sampleRefreshSet('w'), runOutcome()).then(() => null, (e: Error) => e);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5000)); // the swap is waiting for the holder by now
      const later = createMssqlConnector(adminSettings);
      open.push(later);
      const readAt = Date.now();
      await later.query('SELECT COUNT(*) AS n FROM ppoc.vw_planned_assessment;');
      assert.ok(Date.now() - readAt < 10_000, 'a later report query ran while the swap waited (a plain wait would have queued it)');
      const error = await swap;
      assert.match(error?.message ?? '', /the swap waited 1 min at low priority/);
      assert.ok(Date.now() - started >= 55_000, 'it waited its minute');
    } finally {
      await holder.rollback();
    }
    await patient.failRun(run, runOutcome({ message: 'low-priority swap gave up' }));
    assert.deepEqual(await patient.plannedAssessments(), before);
  });

  it('[any] the 007 procedures refuse a caller whose transaction does not hold the lock', async () => {
    const c = createMssqlConnector(writerSettings);
    open.push(c);
    const tx = await c.begin();
    await assert.rejects(tx.query('EXEC ppoc_staging.clear_staging;'), /does not hold the ppoc-refresh lock/);
    await tx.rollback();
  });

  it('[any] ppoc_reader reads the views only: denied ppoc_staging, the tables and the procedures; ppoc_writer cannot write live tables', async () => {
    const error = async (user: string, statement: string) => Number((await dbAdmin!.query(probe(user, statement)))[0].error);
    assert.equal(await error('it_reader', 'SELECT @n = COUNT(*) FROM ppoc.vw_planned_assessment;'), 0);
    for (const name of ['plan_status_history', 'timeliness_by_month', 'locality_team']) {
      assert.equal(await error('it_reader', `SELECT @n = COUNT(*) FROM ppoc.vw_${name};`), 0, `ppoc_reader reads ppoc.vw_${name}`);
    }
    assert.equal(await error('it_reader', 'SELECT @n = COUNT(*) FROM ppoc.plan_status_history;'), 229);
    assert.equal(await error('it_reader', 'SELECT @n = COUNT(*) FROM ppoc.planned_assessment;'), 229);
    assert.equal(await error('it_reader', 'SELECT @n = COUNT(*) FROM ppoc_staging.planned_assessment;'), 229);
    assert.equal(await error('it_reader', 'EXEC ppoc_staging.clear_staging;'), 229);
    assert.equal(await error('it_reader', 'EXEC ppoc_staging.swap_into_live @wait_seconds = 0;'), 229);
    assert.equal(await error('it_reader', 'EXEC ppoc_staging.clear_retired;'), 229);
    assert.equal(await error('it_reader', 'SELECT @n = COUNT(*) FROM ppoc.vw_user_access;'), 229, 'who sees what is not the gateway\'s');
    assert.equal(await error('it_reader', 'SELECT @n = COUNT(*) FROM ppoc.vw_data_quality_issue;'), 229);
    assert.equal(await error(login, 'SELECT @n = COUNT(*) FROM ppoc.planned_assessment;'), 229, 'no chaining for a plain query: the views only');
    assert.equal(await error(login, 'SELECT @n = COUNT(*) FROM ppoc.vw_planned_assessment;'), 0);
    assert.equal(await error(login, "INSERT INTO ppoc.user_access (user_principal_name, locality) VALUES (N'x', N'y');"), 229);
    assert.notEqual(await error(login, 'TRUNCATE TABLE ppoc.planned_assessment;'), 0);
    assert.notEqual(await error(login, 'ALTER TABLE ppoc_staging.user_access ADD x INT NULL;'), 0);
  });

  it('[any] doctor passes as the db_owner login, and as ppoc_writer with the twins skipped (not visible to it)', async () => {
    const w = writer();
    const run = runInfo();
    await w.startRun(run);
    await w.publish(run, sampleRefreshSet('e'), runOutcome());
    const asOwner = await doctor(owner);
    assert.deepEqual(asOwner.filter((r) => r.status !== 'ok'), [], JSON.stringify(asOwner));
    const asWriter = await doctor(login);
    assert.deepEqual(asWriter.filter((r) => r.status === 'FAIL'), [], JSON.stringify(asWriter));
  });

  it('[any] run by the writer login with a pending migration fails at once with the schema-version message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ppoc-sql-'));
    cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    const next = loadMigrations().length + 1;
    writeFileSync(join(dir, `${String(next).padStart(3, '0')}_test_only.sql`), 'CREATE TABLE ppoc.test_only (x INT);\nGO\n');
    const w = createSqlServerWarehouse(writerSettings, undefined, { migrationsDir: dir });
    open.push(w);
    await assert.rejects(w.migrate(), new RegExp(`^SchemaVersionError: schema version ${next - 1} is older than this release's ${next}: ask the DBA to run \`ppoc-prep migrate\``));
  });

  (CA_FILE ? it : it.skip)(
    `[TLS] connects with PPOC_SQLSERVER_CA_FILE and TrustServerCertificate=false${CA_FILE ? '' : ' — SKIPPED: PPOC_TEST_SQLSERVER_CA_FILE is not set'}`,
    async () => {
      const verified = parseSqlServerSettings(`${CONNECTION};TrustServerCertificate=false`, { PPOC_SQLSERVER_CA_FILE: CA_FILE });
      assert.equal(verified.trustServerCertificate, false);
      const c = createMssqlConnector(verified);
      open.push(c);
      assert.deepEqual(await c.query('SELECT 1 AS ok;'), [{ ok: 1 }]);
    },
  );
  it('[full SQL Server] the trends migration upgrades a release-1 database: yesterday\'s page-2 rows become the All rows', async () => {
    const r1 = `${database}_r1`;
    await server!.query(`CREATE DATABASE ${quoteIdent(r1)};`);
    const db = createMssqlConnector({ ...adminSettings, database: r1 });
    try {
      const migrations = loadMigrations();
      const release1 = migrations.filter((m) => m.version <= 5);
      assert.deepEqual(await applyMigrations(db, release1), release1.map((m) => m.name));
      await db.query(`INSERT INTO ppoc.locality_summary VALUES (N'All', N'All', 9, 9, 9, 2, 1, 1, 5, 0, 0, '2022-05-31');`);
      assert.deepEqual(await applyMigrations(db, migrations), migrations.filter((m) => m.version > 5).map((m) => m.name));
      assert.deepEqual(await db.query('SELECT locality, team, full_care_order, plans FROM ppoc.vw_locality_summary;'),
        [{ locality: 'All', team: 'All', full_care_order: 'All', plans: 9 }]);
      assert.deepEqual(await db.query(`SELECT INDEX_COL(N'ppoc.locality_summary', 1, 3) AS third, INDEX_COL(N'ppoc_staging.target_progress', 1, 5) AS fifth;`),
        [{ third: 'full_care_order', fifth: 'full_care_order' }]);
    } finally {
      await db.close();
      await server!.query(`ALTER DATABASE ${quoteIdent(r1)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ${quoteIdent(r1)};`);
    }
  });
});
