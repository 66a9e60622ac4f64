/** The refresh lock refused, failed loads and swaps leaving the live tables as they were, and how a failed run is logged. */
import assert from 'node:assert/strict';
import { RefreshLockedError } from '../../../src/warehouse/warehouse';
import { SWAP_INTO_LIVE } from '../../../src/warehouse/sqlserver/statements';
import { runInfo, runOutcome, sampleRefreshSet } from '../../helpers/refresh-set-fixture';
import { issue, setup } from './warehouse-fixture';

describe('SQL Server warehouse through the recording connection: the lock and failures', () => {
  it('refuses a second run at once when another process holds the lock, and writes nothing', async () => {
    const { rec, w } = setup();
    rec.lockHeldElsewhere = true;
    await assert.rejects(w.startRun(runInfo()), (e: Error) => e instanceof RefreshLockedError && e.message === 'another refresh is running');
    assert.deepEqual(rec.labels(), ['tx1 begin', 'tx1 query XACT_ABORT_ON', 'tx1 query GET_LOCK', 'tx1 rollback']);
    const getLock = rec.queries()[1].sql;
    assert.match(getLock, /@LockTimeout = 0/);
    assert.match(getLock, /@LockMode = 'Exclusive'/);
  });

  it('treats any other sp_getapplock answer (or none) as an error, never as a granted lock', async () => {
    for (const answer of [-999, -3, undefined]) {
      const { rec, w } = setup();
      rec.lockResult = answer;
      await assert.rejects(w.startRun(runInfo()), (e: Error) => !(e instanceof RefreshLockedError) && /refresh lock not taken/.test(e.message));
      assert.deepEqual(rec.labels(), ['tx1 begin', 'tx1 query XACT_ABORT_ON', 'tx1 query GET_LOCK', 'tx1 rollback']);
    }
  });

  it('leaves the live tables untouched when a load fails between staging and swap', async () => {
    const { rec, w } = setup();
    const first = runInfo();
    await w.startRun(first);
    await w.publish(first, sampleRefreshSet('a'), runOutcome());
    const before = structuredClone(Object.fromEntries(rec.live));
    const eventsBefore = rec.events.length;

    rec.failWhen = (e) => (e.op === 'bulk' && e.target === 'ppoc_staging.care_exit' ? new Error('bulk load failed') : undefined);
    const second = runInfo();
    await w.startRun(second);
    await assert.rejects(w.publish(second, sampleRefreshSet('b'), runOutcome()), /bulk load failed/);
    assert.deepEqual(Object.fromEntries(rec.live), before, 'live tables unchanged');
    const after = rec.labels().slice(eventsBefore);
    assert.ok(!after.some((l) => l.includes('SWAP_INTO_LIVE')), 'never swapped');
    assert.ok(!after.some((l) => l.includes('bulk ppoc_staging.locality_summary')), 'stopped loading at the failure');
    assert.equal(after.at(-1), 'tx3 rollback', 'the staging work and the lock end together');
    assert.equal(rec.lockOwner, null);

    rec.failWhen = () => undefined;
    await w.failRun(second, runOutcome({ message: 'load failed', issues: [issue(1)] }));
    assert.deepEqual(rec.labels().slice(-5), [
      'tx4 begin', 'tx4 query XACT_ABORT_ON',
      'tx4 query INSERT INTO [ppoc].[data_quality_issue] ([run_id], [severity], [source_file], [line], [column_name], [person_id], [rule], [message])',
      'tx4 query FINISH_RUN', 'tx4 commit',
    ]);
    assert.deepEqual(Object.fromEntries(rec.live), before);
  });

  it('rolls the whole transaction back when the swap fails, so neither the tables, the history, the issues nor the log change', async () => {
    const { rec, w } = setup();
    const first = runInfo();
    await w.startRun(first);
    await w.publish(first, sampleRefreshSet('a'), runOutcome());
    const before = structuredClone(Object.fromEntries(rec.live));
    rec.failWhen = (e) => (e.op === 'query' && e.sql === SWAP_INTO_LIVE ? new Error('ALTER TABLE SWITCH statement failed') : undefined);
    const second = runInfo();
    await w.startRun(second);
    await assert.rejects(w.publish(second, sampleRefreshSet('b'), runOutcome()), /ALTER TABLE SWITCH statement failed/);
    assert.deepEqual(rec.labels().slice(-8), [
      'tx3 bulk ppoc_staging.plan_status_history 2', 'tx3 query DELETE_REPLACED_HISTORY', 'tx3 query COPY_STAGED_HISTORY',
      'tx3 query DELETE_SUPERSEDED_ISSUES', 'tx3 query COPY_STAGED_ISSUES', 'tx3 query FINISH_RUN', 'tx3 query SWAP_INTO_LIVE', 'tx3 rollback',
    ]);
    assert.deepEqual(Object.fromEntries(rec.live), before, 'curated tables and the kept history unchanged');
  });

  it('splits a failed run\'s issues at the 2100-parameter limit (262 rows of 8 columns per INSERT)', async () => {
    const { rec, w } = setup();
    const run = runInfo();
    await w.startRun(run);
    await w.failRun(run, runOutcome({ issues: Array.from({ length: 263 }, (_, i) => issue(i)) }));
    const inserts = rec.queries().filter((q) => q.sql.startsWith('INSERT INTO [ppoc].[data_quality_issue]'));
    assert.deepEqual(inserts.map((q) => q.params.length), [262 * 8, 8]);
    assert.ok(inserts.every((q) => q.params.length <= 2098));
    assert.equal((inserts[0].sql.match(/\(@r\d+_c0,/g) ?? []).length, 262);
    assert.deepEqual(inserts[1].params.slice(0, 4), [
      { name: 'r0_c0', type: { kind: 'nvarchar', length: 40 }, value: run.runId },
      { name: 'r0_c1', type: { kind: 'nvarchar', length: 10 }, value: 'warning' },
      { name: 'r0_c2', type: { kind: 'nvarchar', length: 60 }, value: 'episodes.csv' },
      { name: 'r0_c3', type: { kind: 'int' }, value: 263 },
    ]);
  });

  it('rejects a value longer than its column before anything is sent, naming table, column and row only', async () => {
    const { rec, w } = setup();
    const set = sampleRefreshSet('a');
    set.tables.planned_assessment[1].child_name = 'Verylongname '.repeat(20);
    const run = runInfo();
    await w.startRun(run);
    const sentBefore = rec.events.length;
    await assert.rejects(w.publish(run, set, runOutcome()), (e: Error) => {
      assert.equal(e.message, 'planned_assessment.child_name (row 2): 260 characters, longer than NVARCHAR(200)');
      return true;
    });
    assert.equal(rec.events.length, sentBefore, 'nothing sent, not even the clearing of staging');
  });

  it('will not publish without holding the lock', async () => {
    const { rec, w } = setup();
    await assert.rejects(w.publish(runInfo(), sampleRefreshSet('a'), runOutcome()), /does not hold the refresh lock/);
    assert.equal(rec.events.length, 0);
  });

  it('close() drops a lock still held (rollback) and closes the pool', async () => {
    const { rec, w } = setup();
    await w.startRun(runInfo());
    await w.close();
    assert.deepEqual(rec.labels().slice(-2), ['tx1 rollback', 'pool close']);
  });

  it('logs a run that failed before it was logged as running (update, else insert)', async () => {
    const { rec, w } = setup();
    await w.failRun(runInfo(), runOutcome({ message: 'x'.repeat(5000) }));
    const finish = rec.queries().at(-1);
    assert.match(finish?.sql ?? '', /IF @@ROWCOUNT = 0\s+INSERT INTO ppoc\.refresh_log/);
    const message = finish?.params.find((p) => p.name === 'message');
    assert.equal((message?.value as string).length, 4000);
    assert.deepEqual(message?.type, { kind: 'nvarchar', length: 4000 });
  });
});
