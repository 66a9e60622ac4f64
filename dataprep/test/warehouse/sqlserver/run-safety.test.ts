/**
 * The field-readiness rules of a refresh on SQL Server, through the recording connection: one
 * transaction owns the lock and all staging work, the swap's wait for readers is bounded,
 * every transaction aborts whole on an error, and a login that cannot migrate is stopped
 * before any DDL when the schema is behind.
 */
import assert from 'node:assert/strict';
import type { IsoDate } from '../../../../core/src/index';
import { CURATED_TABLES } from '../../../src/model/tables';
import { silentLogger } from '../../../src/pipeline/logger';
import { runRefresh } from '../../../src/pipeline/run-refresh';
import { SqlServerRequestError } from '../../../src/warehouse/sqlserver/connection-errors';
import { createSqlServerWarehouse } from '../../../src/warehouse/sqlserver/index';
import { loadMigrations } from '../../../src/warehouse/sqlserver/migrations';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import { EXAMPLE_EXTRACT } from '../../helpers/cli';
import { runInfo, runOutcome, sampleRefreshSet } from '../../helpers/refresh-set-fixture';
import { RecordingConnector } from './recording-connector';

const settings = (env: NodeJS.ProcessEnv = {}) => parseSqlServerSettings('Server=db01;Database=ppoc;User Id=ppoc_job;Password=unused-here', env);

async function publishedOnce(rec: RecordingConnector, tag = 'a'): Promise<void> {
  const w = createSqlServerWarehouse(settings(), rec);
  const run = runInfo();
  await w.startRun(run);
  await w.publish(run, sampleRefreshSet(tag), runOutcome());
}

describe('SQL Server refresh safety (recording connection)', () => {
  it('bounds the swap\'s wait for report queries by PPOC_SWAP_WAIT_SECONDS: an INT parameter of the procedure, which sets its own waits', async () => {
    for (const [seconds, expected] of [['5', 5], ['0', 0], ['61', 61]] as const) {
      const rec = new RecordingConnector();
      const w = createSqlServerWarehouse(settings({ PPOC_SWAP_WAIT_SECONDS: seconds }), rec);
      const run = runInfo();
      await w.startRun(run);
      await w.publish(run, sampleRefreshSet('a'), runOutcome());
      const swap = rec.queries().find((q) => q.sql.includes('swap_into_live'));
      assert.equal(swap?.sql, 'EXEC ppoc_staging.swap_into_live @wait_seconds = @wait_seconds;');
      assert.deepEqual(swap?.params, [{ name: 'wait_seconds', type: { kind: 'int' }, value: expected }]);
      assert.ok(!rec.queries().some((q) => /LOCK_TIMEOUT|DEADLOCK_PRIORITY/.test(q.sql)), 'the session\'s own settings are never changed: nothing to reset');
    }
  });

  it('on a lock timeout (error 1222) rolls the whole swap back, fails the run with a clear reason and keeps yesterday\'s tables', async () => {
    const rec = new RecordingConnector();
    await publishedOnce(rec);
    const before = structuredClone(Object.fromEntries(rec.live));
    rec.failWhen = (e) => (e.op === 'query' && e.sql.includes('swap_into_live')
      ? new SqlServerRequestError('SQL Server error 1222: Lock request time out period exceeded.', 1222)
      : undefined);
    const warehouse = createSqlServerWarehouse(settings({ PPOC_SWAP_WAIT_SECONDS: '60' }), rec);
    const summary = await runRefresh({
      sourceDir: EXAMPLE_EXTRACT, asAt: '2022-05-31' as IsoDate, windowMonths: 3, lookbackDays: 90, logger: silentLogger, warehouse,
    });
    assert.equal(summary.status, 'failed');
    assert.equal(summary.message, 'the swap waited 1 min at low priority (PPOC_SWAP_WAIT_SECONDS 60, rounded up to whole minutes) for report ' +
      'queries still reading the ppoc tables and gave up: nothing was published and yesterday\'s tables stay. Run again when the report is quiet, ' +
      'or raise PPOC_SWAP_WAIT_SECONDS');
    assert.deepEqual(Object.fromEntries(rec.live), before, 'live tables unchanged');
    const labels = rec.labels();
    const swapAt = labels.map((l) => l.endsWith('SWAP_INTO_LIVE')).lastIndexOf(true);
    assert.equal(labels[swapAt + 1], `${labels[swapAt].split(' ')[0]} rollback`, 'rolled back whole, straight after the swap');
    const finish = rec.queries().filter((q) => q.sql.startsWith('UPDATE ppoc.refresh_log')).at(-1);
    assert.deepEqual(finish?.params.filter((p) => ['status', 'message'].includes(p.name)).map((p) => p.value), ['failed', summary.message]);
    assert.equal(rec.lockOwner, null);
  });

  it('clears, loads and swaps only on the transaction that holds the lock', async () => {
    const rec = new RecordingConnector();
    await publishedOnce(rec);
    const lockTx = rec.queries().find((q) => q.sql.includes('sp_getapplock'))?.on;
    const staged = rec.events.filter((e) => e.op === 'bulk' || (e.op === 'query' && /clear_staging|swap_into_live/.test(e.sql)));
    assert.equal(staged.length, CURATED_TABLES.length + 3, 'clear, one load per curated table and the history\'s, swap');
    assert.deepEqual([...new Set(staged.map((e) => e.on))], [lockTx]);
  });

  it('when the lock\'s connection drops mid-load, nothing of that run stays in staging, so the next run publishes only its own rows', async () => {
    const rec = new RecordingConnector();
    const first = createSqlServerWarehouse(settings(), rec);
    const dropped = runInfo();
    await first.startRun(dropped);
    rec.failWhen = (e) => (e.op === 'bulk' && e.target === 'ppoc_staging.care_exit' ? new Error('Connection lost - read ECONNRESET') : undefined);
    await assert.rejects(first.publish(dropped, sampleRefreshSet('first'), runOutcome()), /ECONNRESET/);
    assert.equal(rec.lockOwner, null, 'the server freed the lock with the connection');
    assert.equal(rec.staging.get('planned_assessment'), undefined, 'the half-load went with it');

    rec.failWhen = () => undefined;
    await publishedOnce(rec, 'second');
    assert.deepEqual(rec.live.get('planned_assessment')?.map((row) => row[0]), ['second1', 'second2']);
    assert.deepEqual(rec.live.get('cic_cohort')?.map((row) => row[0]), ['second1']);
  });

  it('refuses, as the 007 procedures do, to clear staging from a transaction that does not hold the lock', async () => {
    const rec = new RecordingConnector();
    const tx = await rec.begin();
    await assert.rejects(tx.query('EXEC ppoc_staging.clear_staging;'), /does not hold the ppoc-refresh lock/);
  });

  it('starts every transaction it opens with SET XACT_ABORT ON: migrations, the run, a failed run\'s log', async () => {
    const rec = new RecordingConnector();
    const w = createSqlServerWarehouse(settings(), rec);
    await w.migrate();
    const ok = runInfo();
    await w.startRun(ok);
    await w.publish(ok, sampleRefreshSet('a'), runOutcome());
    const bad = runInfo();
    await w.startRun(bad);
    await w.failRun(bad, runOutcome({ message: 'x' }));
    const labels = rec.labels();
    const begins = labels.map((l, i) => [l, labels[i + 1]]).filter(([l]) => l.endsWith(' begin'));
    assert.ok(begins.length >= loadMigrations().length + 3);
    for (const [begin, next] of begins) assert.equal(next, `${begin.split(' ')[0]} query XACT_ABORT_ON`);
  });

  it('stops a login that cannot migrate at once when a migration is pending, before any DDL', async () => {
    const rec = new RecordingConnector();
    rec.canMigrate = false;
    const files = loadMigrations();
    files.slice(0, -1).forEach((m) => rec.applied.add(m.version));
    const latest = files.at(-1)?.version ?? 0;
    await assert.rejects(createSqlServerWarehouse(settings(), rec).migrate(), (e: Error) => {
      assert.equal(e.message, `schema version ${latest - 1} is older than this release's ${latest}: ask the DBA to run \`ppoc-prep migrate\` ` +
        '(with a db_owner login; this login cannot change the schema)');
      return true;
    });
    assert.deepEqual(rec.labels(), ['tx1 begin', 'tx1 query XACT_ABORT_ON', 'tx1 query GET_LOCK', 'pool query APPLIED_MIGRATIONS', 'pool query CAN_MIGRATE', 'tx1 rollback']);
  });

  it('lets that login run when the schema is current (no permission query), and refuses a schema newer than the release', async () => {
    const rec = new RecordingConnector();
    rec.canMigrate = false;
    loadMigrations().forEach((m) => rec.applied.add(m.version));
    assert.deepEqual(await createSqlServerWarehouse(settings(), rec).migrate(), { applied: [] });
    assert.ok(!rec.labels().includes('pool query CAN_MIGRATE'));
    rec.applied.add(99);
    await assert.rejects(createSqlServerWarehouse(settings(), rec).migrate(), /^SchemaVersionError: schema version 99 is newer than this release's \d+: upgrade ppoc-prep$/);
  });
});
