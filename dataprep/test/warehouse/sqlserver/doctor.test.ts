/**
 * `doctor` for SQL Server without a server: the real TCP and SQL Browser steps against local
 * sockets, the database checks over the recording connection answering like a healthy
 * database that each test spoils in one way.
 */
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { CURATED_TABLES } from '../../../src/model/tables';
import { formatCheck, type CheckResult } from '../../../src/warehouse/checks';
import { SqlServerConnectionError, SqlServerRequestError } from '../../../src/warehouse/sqlserver/connection-errors';
import type { SqlConnector } from '../../../src/warehouse/sqlserver/connector';
import type { IsoDate } from '../../../../core/src/index';
import { sqlServerDoctor } from '../../../src/warehouse/sqlserver/doctor/index';
import { jobReads, READS_BEGIN, READS_END } from '../../../src/warehouse/sqlserver/doctor/job-reads';
import { lookupInstancePort, portFromBrowserAnswer } from '../../../src/warehouse/sqlserver/doctor/network';
import { DOCTOR_SECRET, healthyFacts, healthyWorld, listeningPort, runDoctor } from './doctor-fixture';
import { startLoginRefusingServer } from './fake-tds-server';

const lines = (results: CheckResult[]) => results.map(formatCheck);
const statusOf = (results: CheckResult[]) => results.map((r) => `${r.status} ${r.check}`);

describe('ppoc-prep doctor for SQL Server (no server: local sockets and the recording connection)', () => {
  it('passes every check on a healthy database, in the documented order, as the writer login', async () => {
    const { results, rec } = await runDoctor(healthyWorld());
    assert.deepEqual(statusOf(results), [
      'ok settings', 'ok tcp connection', 'ok tls', 'ok login', 'ok database', 'ok server version', 'ok schema version',
      'ok database owner', 'ok roles', 'ok permissions', 'ok job reads', 'ok staging twins', 'ok refresh lock', 'ok last run',
    ]);
    assert.match(lines(results)[10], /^ok {3}job reads: the 10 reads a run makes \(the figures of earlier runs, the history, the run log\) ran as ppoc_job, in a transaction rolled back$/);
    assert.match(lines(results)[1], /^ok {3}tcp connection: 127\.0\.0\.1 port \d+ accepts connections$/);
    assert.match(lines(results).at(-1) ?? '', /r1 \(as at 2026-11-30\) succeeded 5 h ago/);
    assert.ok(!lines(results).join('\n').includes(DOCTOR_SECRET));
    const code = rec.queries().map((query) => query.sql.replace(/N'[^']*'/g, "N''"));
    assert.ok(code.every((sql) => !/\b(INSERT|UPDATE|DELETE|TRUNCATE|EXEC|MERGE|ALTER|CREATE|DROP)\b/.test(sql)), 'doctor only reads');
    const inTransaction = rec.events.filter((e) => e.on !== 'pool');
    assert.deepEqual([inTransaction[0].op, inTransaction.at(-1)?.op], ['begin', 'rollback'], 'the job\'s reads run in a transaction doctor rolls back');
    const sent = inTransaction.flatMap((e) => (e.op === 'query' ? [e.sql] : []));
    assert.deepEqual([sent[0], sent.at(-1)], [READS_BEGIN, READS_END]);
    assert.deepEqual(sent.slice(1, -1), jobReads('2026-11-30' as IsoDate).map((r) => r.sql));
  });

  it('runs each read the job makes as the configured login, and names the one GRANT for a read refused', async () => {
    const { results } = await runDoctor(healthyWorld(), (rec) => {
      rec.failWhen = (event) => (event.op === 'query' && /FROM ppoc\.vw_plan_status_history/.test(event.sql)
        ? new SqlServerRequestError("SQL Server error 229: The SELECT permission was denied on the object 'vw_plan_status_history', database 'PPOC', schema 'ppoc'.", 229)
        : undefined);
    });
    const reads = results.find((r) => r.check === 'job reads');
    assert.equal(reads?.status, 'FAIL');
    assert.match(reads?.detail ?? '', /^3 of 10 reads a run makes failed as ppoc_job: the history \(month ends\): SQL Server error 229: The SELECT permission was denied/);
    assert.equal(reads?.fix, 'as db_owner: GRANT SELECT ON OBJECT::ppoc.vw_plan_status_history TO ppoc_writer;');
    assert.equal(results.at(-1)?.check, 'last run', 'the checks after it still run');
  });

  it('names each difference between a live table and its staging or retired twin (type, index, compression)', async () => {
    const world = healthyWorld();
    const child = world.twins.columns.find((c) => c.schema_name === 'ppoc' && c.table_name === 'cic_cohort' && c.column_name === 'child_name');
    Object.assign(child ?? {}, { max_length: 500 });
    const index = world.twins.indexes.filter((i) => i.schema_name === 'ppoc_retired' && i.index_name === 'IX_care_exit_reason_group_ceased_date');
    index.forEach((i) => Object.assign(i, { data_compression_desc: 'PAGE' }));
    const { results } = await runDoctor(world);
    const twins = results.find((r) => r.check === 'staging twins');
    assert.equal(twins?.status, 'FAIL');
    assert.match(twins?.detail ?? '', /^3 difference\(s\), which make ALTER TABLE … SWITCH fail: /);
    assert.match(twins?.detail ?? '', /column child_name: ppoc\.cic_cohort #2 NVARCHAR\(250\) NULL COLLATE Latin1_General_100_CI_AS, ppoc_staging\.cic_cohort #2 NVARCHAR\(200\) NULL/);
    assert.match(twins?.detail ?? '', /column child_name: ppoc\.cic_cohort #2 NVARCHAR\(250\) NULL COLLATE Latin1_General_100_CI_AS, ppoc_retired\.cic_cohort #2 NVARCHAR\(200\) NULL/);
    assert.match(twins?.detail ?? '', /index IX_care_exit_reason_group_ceased_date: ppoc\.care_exit NONCLUSTERED ON PRIMARY \(reason_group, ceased_date\), partition 1 NONE, ppoc_retired\.care_exit .*partition 1 PAGE/);
  });

  it('skips the twins check, saying why, when the login cannot see the live tables', async () => {
    const world = healthyWorld();
    world.twins.columns = world.twins.columns.filter((c) => c.schema_name === 'ppoc_staging');
    const { results } = await runDoctor(world);
    assert.deepEqual(results.find((r) => r.check === 'staging twins'), {
      check: 'staging twins', status: 'skip', detail: `${CURATED_TABLES.length * 2} table(s) not visible to this login (e.g. ppoc.planned_assessment)`,
      fix: 'run doctor with a db_owner login to compare them',
    });
  });

  it('looks the owner up in sys.server_principals: orphaned (a login that sees every login finds none) fails with the ALTER AUTHORIZATION fix', async () => {
    const world = healthyWorld();
    world.owner = { owner_login: null, sees_all_logins: 1 };
    const { results } = await runDoctor(world);
    const owner = results.find((r) => r.check === 'database owner');
    assert.equal(owner?.status, 'FAIL');
    assert.match(owner?.detail ?? '', /orphaned.*WITH EXECUTE AS OWNER and would fail \(error 15517\)/);
    assert.equal(owner?.fix, 'ALTER AUTHORIZATION ON DATABASE::[PPOC] TO [sa]; (or another login the DBA chooses)');
  });

  it('skips the owner check, saying why, when this login cannot see other logins, and names the owner it does see', async () => {
    const world = healthyWorld();
    world.owner = { owner_login: null, sees_all_logins: 0 };
    const hidden = (await runDoctor(world)).results.find((r) => r.check === 'database owner');
    assert.equal(hidden?.status, 'skip');
    assert.match(hidden?.detail ?? '', /not visible to ppoc_job \(sys\.server_principals shows other logins only to VIEW ANY DEFINITION or ALTER ANY LOGIN\)/);
    const seen = (await runDoctor(healthyWorld())).results.find((r) => r.check === 'database owner');
    assert.equal(seen?.detail, 'sa: a login of this server (sys.server_principals), so the AS OWNER procedures can run');
  });

  it('fails missing permissions (with the GRANTs to run), an old server, a held lock and a failed last run; asks for no compatibility level', async () => {
    const world = healthyWorld();
    world.facts = healthyFacts({ product_version: '13.0.1601.5', compatibility_level: 100 });
    world.missingPermissions = [
      { object_name: 'ppoc_staging.swap_into_live', permission_name: 'EXECUTE' },
      { object_name: 'ppoc_staging.cic_cohort', permission_name: 'SELECT' }, { object_name: 'ppoc_staging.cic_cohort', permission_name: 'INSERT' },
    ];
    world.lockIsFree = 0;
    Object.assign(world.lastRun[0], { status: 'failed', message: 'episodes.csv line 4: missing column CIN' });
    const { results } = await runDoctor(world);
    const failedChecks = results.filter((r) => r.status === 'FAIL').map((r) => r.check);
    assert.deepEqual(failedChecks, ['server version', 'permissions', 'refresh lock', 'last run']);
    assert.ok(!results.some((r) => r.check === 'compatibility level'), 'nothing in sql/ needs one');
    assert.match(lines(results).find((l) => l.includes('permissions')) ?? '',
      /ppoc_job lacks 3 of them: EXECUTE on ppoc_staging\.swap_into_live, .*\. Fix: as db_owner, run `ppoc-prep migrate` \(sql\/ grants them\), or: GRANT EXECUTE ON OBJECT::ppoc_staging\.swap_into_live TO ppoc_writer; GRANT SELECT, INSERT ON OBJECT::ppoc_staging\.cic_cohort TO ppoc_writer;$/);
    world.roles = [];
    const outsider = (await runDoctor(world)).results.find((r) => r.check === 'permissions');
    assert.equal(outsider?.fix, 'ALTER ROLE ppoc_writer ADD MEMBER [ppoc_job]; (as db_owner: the role holds them)');
    assert.match(lines(results).find((l) => l.includes('last run')) ?? '', /failed 5 h ago: episodes\.csv line 4: missing column CIN/);
  });

  it('stops after the schema check when the database is behind this release, with the migrate fix', async () => {
    const { results: run } = await runDoctor(healthyWorld(), (rec) => rec.applied.delete(Math.max(...rec.applied)));
    assert.equal(run.at(-1)?.check, 'schema version');
    assert.equal(run.at(-1)?.status, 'FAIL');
    assert.match(run.at(-1)?.detail ?? '', /^schema version \d+ is older than this release's \d+ \(missing 0\d\d_\w+\)$/);
    assert.match(run.at(-1)?.fix ?? '', /ppoc-prep migrate` with a db_owner login/);
  });

  it('reports where the driver stopped: the steps it passed as ok, the failing one with its fix', async () => {
    const { port, server } = await listeningPort();
    const results: CheckResult[] = [];
    const failing: SqlConnector = {
      query: () => Promise.reject(new SqlServerConnectionError(`SQL Server: login failed for SQL Server 127.0.0.1:${port}: check the user`, 'ELOGIN', 'login', [18456])),
      bulk: () => Promise.reject(new Error('unused')), begin: () => Promise.reject(new Error('unused')), close: async () => undefined,
      each: () => Promise.reject(new Error('unused')),
    };
    await sqlServerDoctor(`Server=127.0.0.1,${port};Database=PPOC;User Id=u;Password=${DOCTOR_SECRET}`, { env: {}, report: (r) => results.push(r), connect: () => failing });
    server.close();
    assert.deepEqual(statusOf(results), ['ok settings', 'ok tcp connection', 'ok tls', 'FAIL login']);
    assert.match(results[3].fix ?? '', /PPOC_SQLSERVER_PASSWORD/);
  });

  it('names the login or the database step when the real driver is refused (errors 18456, 4060)', async () => {
    for (const [number, expected] of [[18456, 'FAIL login'], [4060, 'FAIL database']] as const) {
      const server = await startLoginRefusingServer(number);
      const results: CheckResult[] = [];
      await sqlServerDoctor(`Server=localhost,${server.port};Database=PPOC;User Id=u;Password=${DOCTOR_SECRET};Encrypt=false`, {
        env: { PPOC_SQLSERVER_RETRIES: '0' }, report: (r) => results.push(r),
      }).finally(() => server.close());
      assert.deepEqual(statusOf(results).slice(2), number === 18456 ? ['ok tls', expected] : ['ok tls', 'ok login', expected]);
      assert.equal(results[2].detail, 'not encrypted (Encrypt=false)');
      assert.ok(!lines(results).join('\n').includes(DOCTOR_SECRET));
    }
  });

  it('finds a named instance\'s port through SQL Browser (UDP), and says so when nobody answers', async () => {
    const browser = createSocket('udp4');
    browser.on('message', (request, from) => {
      const instance = request.subarray(1, request.length - 1).toString('latin1');
      const text = `ServerName;DB01;InstanceName;${instance};IsClustered;No;Version;16.0.1000.6;tcp;1533;;`;
      const answer = Buffer.concat([Buffer.from([0x05, text.length & 0xff, text.length >> 8]), Buffer.from(text, 'latin1')]);
      browser.send(answer, from.port, from.address);
    });
    await new Promise<void>((resolve) => browser.bind(0, '127.0.0.1', resolve));
    try {
      assert.equal(await lookupInstancePort('127.0.0.1', 'MI', { browserPort: browser.address().port }), 1533);
    } finally {
      browser.close();
    }
    assert.equal(portFromBrowserAnswer(Buffer.from('\u0005\u0000\u0000ServerName;X;InstanceName;Y;np;\\\\x\\pipe;;', 'latin1')), null);
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    const results: CheckResult[] = [];
    await sqlServerDoctor('Server=127.0.0.1\\MI;Database=PPOC;User Id=u;Password=p', {
      env: {}, report: (r) => results.push(r), browser: { port: silent.address().port, tries: 1, waitMs: 300 },
    }).finally(() => silent.close());
    assert.deepEqual(statusOf(results), ['ok settings', 'FAIL instance lookup']);
    assert.match(formatCheck(results[1]), /no answer from SQL Browser on 127\.0\.0\.1 UDP 1434 for instance MI .*Fix: give the port instead, Server=127\.0\.0\.1\\MI,PORT/);
  });
});
