/**
 * `doctor` for SQL Server without a server: the real TCP and SQL Browser steps against local
 * sockets, the database checks over the recording connection answering like a healthy
 * database that each test spoils in one way.
 */
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { CURATED_TABLES } from '../../../src/model/tables';
import { formatCheck, type CheckResult } from '../../../src/warehouse/checks';
import { SqlServerConnectionError } from '../../../src/warehouse/sqlserver/connection-errors';
import type { SqlConnector } from '../../../src/warehouse/sqlserver/connector';
import { sqlServerDoctor } from '../../../src/warehouse/sqlserver/doctor/index';
import { lookupInstancePort, portFromBrowserAnswer } from '../../../src/warehouse/sqlserver/doctor/network';
import { DOCTOR_SECRET, healthyFacts, healthyWorld, listeningPort, runDoctor } from './doctor-fixture';
import { startLoginRefusingServer } from './fake-tds-server';

const lines = (results: CheckResult[]) => results.map(formatCheck);
const statusOf = (results: CheckResult[]) => results.map((r) => `${r.status} ${r.check}`);

describe('ppoc-prep doctor for SQL Server (no server: local sockets and the recording connection)', () => {
  it('passes every check on a healthy database, in the documented order, as the writer login', async () => {
    const { results, rec } = await runDoctor(healthyWorld());
    assert.deepEqual(statusOf(results), [
      'ok settings', 'ok tcp connection', 'ok tls', 'ok login', 'ok database', 'ok server version', 'ok compatibility level',
      'ok schema version', 'ok database owner', 'ok roles', 'ok permissions', 'ok staging twins', 'ok refresh lock', 'ok last run',
    ]);
    assert.match(lines(results)[1], /^ok {3}tcp connection: 127\.0\.0\.1 port \d+ accepts connections$/);
    assert.match(lines(results).at(-1) ?? '', /r1 \(as at 2026-11-30\) succeeded 5 h ago/);
    assert.ok(!lines(results).join('\n').includes(DOCTOR_SECRET));
    const code = rec.queries().map((query) => query.sql.replace(/N'[^']*'/g, "N''"));
    assert.ok(code.every((sql) => !/\b(INSERT|UPDATE|DELETE|TRUNCATE|EXEC|MERGE|ALTER|CREATE|DROP)\b/.test(sql)), 'doctor only reads');
  });

  it('names each difference between a live table and its staging twin (type, index, compression)', async () => {
    const world = healthyWorld();
    const child = world.twins.columns.find((c) => c.schema_name === 'ppoc' && c.table_name === 'cic_cohort' && c.column_name === 'child_name');
    Object.assign(child ?? {}, { max_length: 500 });
    const index = world.twins.indexes.filter((i) => i.schema_name === 'ppoc_staging' && i.index_name === 'IX_care_exit_reason_group_ceased_date');
    index.forEach((i) => Object.assign(i, { data_compression_desc: 'PAGE' }));
    const { results } = await runDoctor(world);
    const twins = results.find((r) => r.check === 'staging twins');
    assert.equal(twins?.status, 'FAIL');
    assert.match(twins?.detail ?? '', /^2 difference\(s\), which make ALTER TABLE … SWITCH fail: /);
    assert.match(twins?.detail ?? '', /column child_name: ppoc\.cic_cohort #2 NVARCHAR\(250\) NULL COLLATE Latin1_General_CI_AS, ppoc_staging\.cic_cohort #2 NVARCHAR\(200\) NULL/);
    assert.match(twins?.detail ?? '', /index IX_care_exit_reason_group_ceased_date: ppoc\.care_exit NONCLUSTERED ON PRIMARY \(reason_group, ceased_date\), partition 1 NONE, ppoc_staging\.care_exit .*partition 1 PAGE/);
  });

  it('skips the twins check, saying why, when the login cannot see the live tables', async () => {
    const world = healthyWorld();
    world.twins.columns = world.twins.columns.filter((c) => c.schema_name === 'ppoc_staging');
    const { results } = await runDoctor(world);
    assert.deepEqual(results.find((r) => r.check === 'staging twins'), {
      check: 'staging twins', status: 'skip', detail: `${CURATED_TABLES.length} table(s) not visible to this login (e.g. ppoc.planned_assessment)`,
      fix: 'run doctor with a db_owner login to compare them',
    });
  });

  it('fails an orphaned database owner with the ALTER AUTHORIZATION fix', async () => {
    const world = healthyWorld();
    world.facts = healthyFacts({ owner_login: null });
    const { results } = await runDoctor(world);
    const owner = results.find((r) => r.check === 'database owner');
    assert.equal(owner?.status, 'FAIL');
    assert.match(owner?.detail ?? '', /orphaned.*WITH EXECUTE AS OWNER/);
    assert.equal(owner?.fix, 'ALTER AUTHORIZATION ON DATABASE::[PPOC] TO [sa]; (or another login the DBA chooses)');
  });

  it('fails missing permissions, an old server, a low compatibility level, a held lock and a failed last run', async () => {
    const world = healthyWorld();
    world.facts = healthyFacts({ product_version: '13.0.1601.5', compatibility_level: 120 });
    world.missingPermissions = [{ object_name: 'ppoc_staging.swap_into_live', permission_name: 'EXECUTE' }];
    world.lockIsFree = 0;
    Object.assign(world.lastRun[0], { status: 'failed', message: 'episodes.csv line 4: missing column CIN' });
    const { results } = await runDoctor(world);
    const failedChecks = results.filter((r) => r.status === 'FAIL').map((r) => r.check);
    assert.deepEqual(failedChecks, ['server version', 'compatibility level', 'permissions', 'refresh lock', 'last run']);
    assert.match(lines(results).find((l) => l.includes('permissions')) ?? '', /ppoc_job lacks 1 of them: EXECUTE on ppoc_staging\.swap_into_live\. Fix: ALTER ROLE ppoc_writer ADD MEMBER \[ppoc_job\]/);
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
        env: { PPOC_SQLSERVER_RETRY_SECONDS: '0' }, report: (r) => results.push(r),
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
