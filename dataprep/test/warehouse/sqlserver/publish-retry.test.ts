/**
 * The refresh transaction on SQL Server when things go wrong on the way (recording connection,
 * fake clock): a transient failure (deadlock victim, failover) runs the whole transaction again
 * under a new lock, at most PPOC_SQLSERVER_RETRIES times, never into another run's lock; the
 * tidying after the commit (retired twins, statistics) only ever warns.
 */
import assert from 'node:assert/strict';
import { createSqlServerWarehouse, type SqlServerWarehouse } from '../../../src/warehouse/sqlserver/index';
import { SqlServerRequestError } from '../../../src/warehouse/sqlserver/connection-errors';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import { SWAP_INTO_LIVE, UPDATE_LIVE_STATISTICS } from '../../../src/warehouse/sqlserver/statements';
import { RefreshLockedError } from '../../../src/warehouse/warehouse';
import { runInfo, runOutcome, sampleRefreshSet } from '../../helpers/refresh-set-fixture';
import { RecordingConnector } from './recording-connector';

const SETTINGS = parseSqlServerSettings('Server=db01;Database=ppoc;User Id=ppoc_job;Password=unused-here');

function setup(options: { retries?: number; warn?: (message: string) => void } = {}): {
  rec: RecordingConnector; w: SqlServerWarehouse; clock: { slept: number[]; now(): number; sleep(ms: number): Promise<void> };
} {
  const rec = new RecordingConnector();
  const slept: number[] = [];
  const clock = { slept, now: () => slept.reduce((a, b) => a + b, 0), sleep: async (ms: number) => void slept.push(ms) };
  const settings = options.retries === undefined ? SETTINGS : { ...SETTINGS, retries: options.retries };
  return { rec, w: createSqlServerWarehouse(settings, rec, { warn: options.warn, clock }), clock };
}

describe('SQL Server refresh transaction: retries after transient failures, warnings after the commit', () => {
  it('runs the whole refresh transaction again under a new lock after a transient failure (deadlock victim), at most PPOC_SQLSERVER_RETRIES times', async () => {
    const { rec, w, clock } = setup({ retries: 2 });
    let refusals = 1;
    rec.failWhen = (e) => (e.op === 'bulk' && e.target === 'ppoc_staging.care_exit' && refusals-- > 0
      ? new SqlServerRequestError('SQL Server error 1205: Transaction (Process ID 61) was deadlocked … chosen as the deadlock victim', 1205)
      : undefined);
    const run = runInfo();
    await w.startRun(run);
    await w.publish(run, sampleRefreshSet('a'), runOutcome());
    assert.deepEqual(clock.slept, [5000]);
    const labels = rec.labels();
    assert.ok(labels.includes('tx1 rollback') && labels.includes('tx2 query GET_LOCK') && labels.includes('tx2 query SWAP_INTO_LIVE'), labels.join('\n'));
    assert.equal(labels.filter((l) => l.endsWith('query CLEAR_STAGING')).length, 2, 'staging loaded again from the start');
    assert.equal(rec.live.get('planned_assessment')?.length, 2);

    const { rec: again, w: w2, clock: clock2 } = setup({ retries: 2 });
    again.failWhen = (e) => (e.op === 'query' && e.sql === SWAP_INTO_LIVE ? new SqlServerRequestError('SQL Server error 983: not accessible', 983) : undefined);
    const failing = runInfo();
    await w2.startRun(failing);
    await assert.rejects(w2.publish(failing, sampleRefreshSet('b'), runOutcome()), /error 983.*\(3 attempts over \d+ s; PPOC_SQLSERVER_RETRIES/);
    assert.deepEqual(clock2.slept, [5000, 10_000]);
    assert.deepEqual(again.live.get('planned_assessment'), undefined, 'nothing published');
  });

  it('does not retry into a lock another refresh took meanwhile, and fails the run plainly', async () => {
    const { rec, w } = setup({ retries: 1 });
    rec.failWhen = (e) => {
      if (e.op !== 'query' || e.sql !== SWAP_INTO_LIVE) return undefined;
      rec.lockHeldElsewhere = true; // the connection died; another run started and took the lock
      return new SqlServerRequestError('SQL Server error 10054: connection reset', 10054);
    };
    const run = runInfo();
    await w.startRun(run);
    await assert.rejects(w.publish(run, sampleRefreshSet('a'), runOutcome()),
      (e: Error) => !(e instanceof RefreshLockedError) && /another refresh took the lock while this one was trying again: nothing of this run was published/.test(e.message));
  });

  it('warns, and keeps the run published, when emptying the retired twins or the statistics fail after the commit', async () => {
    const warnings: string[] = [];
    const { rec, w } = setup({ warn: (m) => warnings.push(m) });
    rec.failWhen = (e) => (e.op === 'query' && e.sql === UPDATE_LIVE_STATISTICS
      ? new SqlServerRequestError('SQL Server error 15517: Cannot execute as the database principal because the principal "dbo" does not exist', 15517)
      : undefined);
    const run = runInfo();
    await w.startRun(run);
    await w.publish(run, sampleRefreshSet('a'), runOutcome());
    assert.equal(rec.live.get('planned_assessment')?.length, 2);
    assert.deepEqual(warnings, ['the run is published, but tidying after the swap failed: SQL Server error 15517: Cannot execute as the database principal because the principal "dbo" does not exist']);
  });
});
