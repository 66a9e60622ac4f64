/**
 * Against a real SQL Server, only when PPOC_TEST_SQLSERVER holds a connection string for a
 * login that may create databases and logins (sa in the Docker recipe, docs/sqlserver.md).
 * It works in a throwaway database `ppoc_it_<random>` and a throwaway `ppoc_writer` login,
 * both dropped at the end. Without the variable every test is reported pending, by name.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { IsoDate } from '../../../../core/src/index';
import type { SqlConnector } from '../../../src/warehouse/sqlserver/connector';
import { quoteIdent } from '../../../src/warehouse/sqlserver/identifiers';
import { createSqlServerWarehouse, type SqlServerWarehouse } from '../../../src/warehouse/sqlserver/index';
import { createMssqlConnector } from '../../../src/warehouse/sqlserver/mssql-connector';
import { parseSqlServerSettings, type SqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import { SWAP_PROCEDURE } from '../../../src/warehouse/sqlserver/statements';
import { RefreshLockedError } from '../../../src/warehouse/warehouse';
import { plannedRow, runInfo, runOutcome, sampleRefreshSet } from '../../helpers/refresh-set-fixture';

const CONNECTION = process.env.PPOC_TEST_SQLSERVER;
const TITLE = CONNECTION
  ? 'SQL Server integration (live server from PPOC_TEST_SQLSERVER)'
  : 'SQL Server integration — SKIPPED: PPOC_TEST_SQLSERVER is not set (see docs/sqlserver.md to run it with Docker)';

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

describe(TITLE, function () {
  this.timeout(180_000);
  const database = `ppoc_it_${randomBytes(4).toString('hex')}`;
  const login = `${database}_writer`;
  const password = `Wr1!${randomBytes(12).toString('base64url')}`;
  let server: SqlConnector | undefined;
  let dbAdmin: SqlConnector | undefined;
  let adminSettings: SqlServerSettings;
  let writerSettings: SqlServerSettings;
  const open: SqlServerWarehouse[] = [];
  const writer = () => {
    const w = createSqlServerWarehouse(writerSettings);
    open.push(w);
    return w;
  };

  before(async function () {
    if (!CONNECTION) return this.skip();
    const base = parseSqlServerSettings(CONNECTION);
    server = createMssqlConnector(base);
    await server.query(`CREATE DATABASE ${quoteIdent(database)};`);
    await server.query(`CREATE LOGIN ${quoteIdent(login)} WITH PASSWORD = N'${password}', CHECK_POLICY = OFF;`);
    adminSettings = { ...base, database };
    writerSettings = { ...adminSettings, authentication: { kind: 'sql', user: login, password } };
    dbAdmin = createMssqlConnector(adminSettings);
  });

  after(async () => {
    for (const w of open) await w.close();
    await dbAdmin?.close();
    if (!server) return;
    await server.query(`ALTER DATABASE ${quoteIdent(database)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ${quoteIdent(database)};`);
    await server.query(`DROP LOGIN ${quoteIdent(login)};`);
    await server.close();
  });

  it('migrate applies 001–005 to an empty database, then nothing the second time', async () => {
    const admin = createSqlServerWarehouse(adminSettings);
    open.push(admin);
    const first = await admin.migrate();
    assert.deepEqual(first.applied, ['001_schema', '002_tables', '003_staging_and_swap', '004_views', '005_roles']);
    assert.deepEqual(await admin.migrate(), { applied: [] });
    const [views] = await dbAdmin!.query(`SELECT COUNT(*) AS n FROM sys.views WHERE SCHEMA_NAME(schema_id) = N'ppoc' AND name LIKE N'vw[_]%';`);
    assert.equal(views.n, 9);
    await dbAdmin!.query(`CREATE USER ${quoteIdent(login)} FOR LOGIN ${quoteIdent(login)}; ALTER ROLE ppoc_writer ADD MEMBER ${quoteIdent(login)};`);
  });

  it('two refreshes by the ppoc_writer login replace every table, keep calendar dates exact and log both', async () => {
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
    assert.deepEqual((await w.planExplanations('b1')).map((r) => r.listed), ['Yes']);
    assert.deepEqual((await w.dataQualityIssues({})).map((i) => i.rule), ['second_run_rule']);
    const runs = await w.recentRuns(10);
    assert.deepEqual(runs.slice(0, 2).map((r) => [r.run_id, r.status]), [[second.runId, 'succeeded'], [first.runId, 'succeeded']]);
    assert.equal((await w.latestSuccessfulRun())?.run_id, second.runId);
    assert.equal(runs[1].as_at_date, '2022-10-30');
    assert.equal(runs[0].window_months, 3);
  });

  it('refuses a concurrent run at once while another holds the lock, and lets it run afterwards', async () => {
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
    const log = await other.recentRuns(2);
    assert.deepEqual(log.map((r) => r.status), ['failed', 'failed']);
    assert.ok((await other.dataQualityIssues({ runId: held.runId })).some((i) => i.rule === 'failed_run_rule'));
  });

  it('a failure between load and swap leaves the live tables exactly as they were', async () => {
    const real = createMssqlConnector(writerSettings);
    const failing: SqlConnector = {
      ...real,
      query: real.query.bind(real), bulk: real.bulk.bind(real), close: real.close.bind(real),
      begin: async () => {
        const tx = await real.begin();
        return { ...tx, query: (sql, params) => (sql.includes(SWAP_PROCEDURE) ? Promise.reject(new Error('injected')) : tx.query(sql, params)) };
      },
    };
    const w = createSqlServerWarehouse(writerSettings, failing);
    open.push(w);
    const before = await w.plannedAssessments();
    const run = runInfo();
    await w.startRun(run);
    await assert.rejects(w.publish(run, sampleRefreshSet('c'), runOutcome()), /injected/);
    await w.failRun(run, runOutcome({ message: 'injected' }));
    assert.deepEqual(await w.plannedAssessments(), before);
    assert.equal((await w.latestSuccessfulRun())?.status, 'succeeded');
  });

  it('ppoc_reader reads the views but not the tables; ppoc_writer cannot alter live tables', async () => {
    const probe = (user: string, statement: string) => `EXECUTE AS USER = N'${user}';
DECLARE @n INT, @error INT = 0;
BEGIN TRY ${statement} END TRY BEGIN CATCH SET @error = ERROR_NUMBER(); END CATCH;
REVERT;
SELECT @error AS error;`;
    await dbAdmin!.query(`CREATE USER it_reader WITHOUT LOGIN; ALTER ROLE ppoc_reader ADD MEMBER it_reader;`);
    const [view] = await dbAdmin!.query(probe('it_reader', 'SELECT @n = COUNT(*) FROM ppoc.vw_planned_assessment;'));
    const [table] = await dbAdmin!.query(probe('it_reader', 'SELECT @n = COUNT(*) FROM ppoc.planned_assessment;'));
    const [truncate] = await dbAdmin!.query(probe(login, 'TRUNCATE TABLE ppoc.planned_assessment;'));
    assert.equal(view.error, 0);
    assert.equal(table.error, 229); // SELECT permission denied
    assert.notEqual(truncate.error, 0);
  });
});
