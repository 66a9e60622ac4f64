/** What a refresh sends to SQL Server when it publishes: the sequence, the statements verbatim, the types, the chunks. */
import assert from 'node:assert/strict';
import { CURATED_TABLES, TABLES } from '../../../src/model/tables';
import type { IsoDate } from '../../../../core/src/index';
import { DELETE_REPLACED_HISTORY } from '../../../src/warehouse/sqlserver/statements';
import { historyRow, runInfo, runOutcome, sampleRefreshSet } from '../../helpers/refresh-set-fixture';
import { issue, setup } from './warehouse-fixture';

describe('SQL Server warehouse through the recording connection: publishing', () => {
  it('sends lock → log running → clear staging → bulk loads → swap → log succeeded → commit, all on the lock\'s transaction', async () => {
    const { rec, w } = setup();
    const run = runInfo();
    await w.startRun(run);
    await w.publish(run, sampleRefreshSet('a'), runOutcome({ issues: [issue(1), issue(2)] }));
    assert.deepEqual(rec.labels(), [
      'tx1 begin',
      'tx1 query XACT_ABORT_ON',
      'tx1 query GET_LOCK',
      'pool query MARK_ABANDONED_RUNS',
      'pool query INSERT_RUN',
      'tx1 query CLEAR_STAGING',
      'tx1 bulk ppoc_staging.planned_assessment 2',
      'tx1 bulk ppoc_staging.cic_cohort 1',
      'tx1 bulk ppoc_staging.care_exit 1',
      'tx1 bulk ppoc_staging.locality_summary 1',
      'tx1 bulk ppoc_staging.target_progress 1',
      'tx1 bulk ppoc_staging.plan_explanation 1',
      'tx1 bulk ppoc_staging.user_access 1',
      'tx1 bulk ppoc_staging.assessment_workflow 1',
      'tx1 bulk ppoc_staging.timeliness_by_month 1',
      'tx1 bulk ppoc_staging.locality_team 1',
      'tx1 bulk ppoc_staging.plan_status_history 2',
      'tx1 bulk ppoc_staging.data_quality_issue 2',
      'tx1 query DELETE_REPLACED_HISTORY',
      'tx1 query COPY_STAGED_HISTORY',
      'tx1 query DELETE_SUPERSEDED_ISSUES',
      'tx1 query COPY_STAGED_ISSUES',
      'tx1 query FINISH_RUN',
      'tx1 query SWAP_INTO_LIVE', // last: the live tables' schema locks are held only until the commit
      'tx1 commit',
      'tx2 begin', // after the commit, holding the lock again: the retired twins are emptied
      'tx2 query XACT_ABORT_ON',
      'tx2 query GET_LOCK',
      'tx2 query CLEAR_RETIRED',
      'tx2 commit',
      'pool query UPDATE_LIVE_STATISTICS',
    ]);
    assert.equal(rec.live.get('planned_assessment')?.length, 2);
    assert.equal(rec.live.get('user_access')?.length, 1);
    assert.deepEqual([...rec.retired.values()].flat(), [], 'yesterday\'s rows left the retired twins after the commit');
    assert.equal(rec.lockOwner, null, 'the commit freed the lock');
  });

  it('marks runs left `running` by a process or connection that ended as failed, once it holds the lock', async () => {
    const { rec, w } = setup();
    const run = runInfo({ startedAtUtc: '2022-06-01T06:30:00.000Z' });
    await w.startRun(run);
    const mark = rec.queries()[2];
    assert.equal(rec.labels()[3], 'pool query MARK_ABANDONED_RUNS', 'after GET_LOCK granted');
    assert.equal(mark.sql, "UPDATE ppoc.refresh_log\nSET status = N'failed', finished_at_utc = @finished_at_utc, message = @message\nWHERE status = N'running';");
    assert.deepEqual(mark.params.map((p) => [p.name, p.value instanceof Date ? p.value.toISOString() : p.value]), [
      ['finished_at_utc', '2022-06-01T06:30:00.000Z'], ['message', 'abandoned (process ended without finishing)'],
    ]);
  });

  it('sends these statements verbatim (what a DBA reviews)', async () => {
    const { rec, w } = setup();
    const run = runInfo();
    await w.startRun(run);
    await w.publish(run, sampleRefreshSet('a'), runOutcome({ issues: [issue(1)] }));
    const sql = rec.queries().map((q) => q.sql);
    assert.equal(sql.shift(), 'SET XACT_ABORT ON;');
    assert.equal(sql[0], [
      'DECLARE @result INT;',
      "IF DATABASE_PRINCIPAL_ID(N'ppoc_writer') IS NULL",
      "    EXEC @result = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 0, @DbPrincipal = N'public';",
      'ELSE',
      "    EXEC @result = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 0, @DbPrincipal = N'ppoc_writer';",
      'SELECT @result AS result;',
    ].join('\n'), 'the lock is the job role\'s, not public\'s (public only before 005 made the role)');
    sql.splice(1, 1); // MARK_ABANDONED_RUNS: its own test
    assert.equal(sql[1], 'INSERT INTO ppoc.refresh_log ([run_id], [started_at_utc], [finished_at_utc], [status], [as_at_date], [source], ' +
      '[rows_read], [rows_rejected], [rows_written], [message], [window_months])\nVALUES (@run_id, @started_at_utc, @finished_at_utc, ' +
      '@status, @as_at_date, @source, @rows_read, @rows_rejected, @rows_written, @message, @window_months);');
    const history = TABLES.plan_status_history.columns.map((c) => `[${c.name}]`).join(', ');
    assert.deepEqual(sql.slice(2), [
      'EXEC ppoc_staging.clear_staging;',
      'DELETE FROM ppoc.plan_status_history\nWHERE as_at_date = @as_at_date OR as_at_date < @keep_from;',
      `INSERT INTO ppoc.plan_status_history (${history})\nSELECT ${history} FROM ppoc_staging.plan_status_history;`,
      "DELETE FROM ppoc.data_quality_issue\nWHERE run_id NOT IN (SELECT run_id FROM ppoc.refresh_log WHERE status = N'failed');",
      'INSERT INTO ppoc.data_quality_issue ([run_id], [severity], [source_file], [line], [column_name], [person_id], [rule], [message])\n' +
        'SELECT [run_id], [severity], [source_file], [line], [column_name], [person_id], [rule], [message] ' +
        'FROM ppoc_staging.data_quality_issue WHERE run_id = @run_id;',
      sql[7],
      'EXEC ppoc_staging.swap_into_live @wait_seconds = @wait_seconds;',
      'SET XACT_ABORT ON;',
      sql[0],
      'EXEC ppoc_staging.clear_retired;',
      'EXEC ppoc_staging.update_live_statistics;',
    ]);
    assert.match(sql[7], /^UPDATE ppoc\.refresh_log\nSET status = @status, finished_at_utc = @finished_at_utc, .*\nWHERE run_id = @run_id;/s);
    const swap = rec.queries().find((q) => q.sql.startsWith('EXEC ppoc_staging.swap_into_live'));
    assert.deepEqual(swap?.params, [{ name: 'wait_seconds', type: { kind: 'int' }, value: 60 }], 'PPOC_SWAP_WAIT_SECONDS, typed');
  });

  it('writes source_file rows (a log, never swapped) in the run\'s final transaction, succeeded or failed', async () => {
    const files = [
      { file: 'episodes.csv' as const, rowsRead: 9, rowsRejected: 1,
        fingerprint: { sizeBytes: 812, modifiedAtUtc: '2022-05-31T05:10:00.000Z', sha256: 'a'.repeat(64) } },
      { file: 'teams.csv' as const, rowsRead: 2, rowsRejected: 0 }, // read without a fingerprint: not a source_file row
    ];
    const { rec, w } = setup();
    const run = runInfo();
    await w.startRun(run);
    await w.publish(run, sampleRefreshSet('a'), runOutcome({ files }));
    const labels = rec.labels();
    const insert = labels.indexOf('tx1 query INSERT INTO [ppoc].[source_file] ([run_id], [file_name], [size_bytes], [modified_at_utc], [sha256], [rows_read], [rows_rejected])');
    assert.ok(insert < labels.indexOf('tx1 query FINISH_RUN') && insert < labels.indexOf('tx1 query SWAP_INTO_LIVE'), labels.join('\n'));
    const params = rec.queries().find((q) => q.sql.startsWith('INSERT INTO [ppoc].[source_file]'))?.params ?? [];
    assert.deepEqual(params.map((p) => [p.name, p.type.kind]), [
      ['r0_c0', 'nvarchar'], ['r0_c1', 'nvarchar'], ['r0_c2', 'int'], ['r0_c3', 'datetime2'], ['r0_c4', 'nvarchar'], ['r0_c5', 'int'], ['r0_c6', 'int'],
    ]);
    assert.deepEqual(params.map((p) => (p.value instanceof Date ? p.value.toISOString() : p.value)),
      [run.runId, 'episodes.csv', 812, '2022-05-31T05:10:00.000Z', 'a'.repeat(64), 9, 1]);
    assert.ok(!rec.bulks().some((b) => b.target.endsWith('source_file')), 'never staged or swapped');

    const failed = runInfo();
    await w.startRun(failed);
    await w.failRun(failed, runOutcome({ files, message: 'episodes.csv: the extract is stale' }));
    assert.deepEqual(rec.labels().slice(-6).map((l) => l.split(' (')[0]), [
      'tx4 begin', 'tx4 query XACT_ABORT_ON', 'tx4 query INSERT INTO [ppoc].[source_file]', 'tx4 query FINISH_RUN', 'tx4 commit', 'tx3 rollback',
    ]);
  });

  it('types every parameter explicitly: the lock, the running row and the finished row', async () => {
    const { rec, w } = setup();
    const run = runInfo({ startedAtUtc: '2022-03-27T00:30:00.000Z', asAtDate: '2022-03-27' as never, windowMonths: 4 });
    await w.startRun(run);
    await w.publish(run, sampleRefreshSet('a'), runOutcome({ finishedAtUtc: '2022-03-27T01:15:00.000Z', message: 'done' }));
    const [, lock, , running] = rec.queries();
    assert.deepEqual(lock.params, [{ name: 'resource', type: { kind: 'nvarchar', length: 255 }, value: 'ppoc-refresh' }]);
    assert.deepEqual(running.params.map((p) => p.name), TABLES.refresh_log.columns.map((c) => c.name));
    const byName = Object.fromEntries(running.params.map((p) => [p.name, p]));
    assert.deepEqual(byName.run_id.type, { kind: 'nvarchar', length: 40 });
    assert.deepEqual(byName.started_at_utc.type, { kind: 'datetime2', scale: 3 });
    assert.equal((byName.started_at_utc.value as Date).toISOString(), '2022-03-27T00:30:00.000Z');
    assert.deepEqual(byName.as_at_date.type, { kind: 'date' });
    assert.equal((byName.as_at_date.value as Date).toISOString(), '2022-03-27T00:00:00.000Z');
    assert.equal(byName.status.value, 'running');
    assert.deepEqual(byName.window_months, { name: 'window_months', type: { kind: 'int' }, value: 4 });
    const finish = rec.queries().find((q) => rec.labels()[rec.events.indexOf(q)].endsWith('FINISH_RUN'));
    const fin = Object.fromEntries((finish?.params ?? []).map((p) => [p.name, p.value]));
    assert.equal(fin.status, 'succeeded');
    assert.equal(fin.message, 'done');
    assert.equal((fin.finished_at_utc as Date).toISOString(), '2022-03-27T01:15:00.000Z');
    assert.deepEqual([fin.rows_read, fin.rows_rejected, fin.rows_written], [10, 1, 8]);
  });

  it('bulk-loads with the catalog column names, types and nullability, Yes/No as BIT and dates as UTC midnight', async () => {
    const { rec, w } = setup();
    const run = runInfo();
    await w.startRun(run);
    await w.publish(run, sampleRefreshSet('a'), runOutcome());
    for (const name of CURATED_TABLES) {
      const load = rec.bulks().find((b) => b.target === `ppoc_staging.${name}`);
      assert.deepEqual(load?.columns.map((c) => c.name), TABLES[name].columns.map((c) => c.name), name);
      assert.deepEqual(load?.columns.map((c) => c.nullable), TABLES[name].columns.map((c) => c.nullable), name);
    }
    const planned = rec.bulks()[0];
    const col = (n: string) => planned.columns.findIndex((c) => c.name === n);
    assert.deepEqual(planned.columns[col('person_id')].type, { kind: 'nvarchar', length: 50 });
    assert.deepEqual(planned.columns[col('full_care_order')].type, { kind: 'bit' });
    assert.deepEqual(planned.columns[col('predicted_start_date')].type, { kind: 'date' });
    assert.deepEqual(planned.columns[col('days_late')].type, { kind: 'int' });
    const row = planned.rows[0];
    assert.equal(row[col('full_care_order')], true);
    assert.equal(row[col('in_next_window')], false);
    assert.equal((row[col('predicted_start_date')] as Date).toISOString(), '2022-05-04T00:00:00.000Z');
    assert.equal(row[col('ceased_date')], null);
  });

  it('keeps the history across swaps: a run replaces only its as-at date\'s rows, retention trims inside the swap', async () => {
    const { rec, w } = setup();
    const publishAt = async (asAt: string, keepFrom: string | null, tag: string) => {
      const set = sampleRefreshSet(tag, asAt as IsoDate);
      set.history = { rows: [historyRow(`${tag}1`, asAt as IsoDate), historyRow(`${tag}2`, asAt as IsoDate)], keepFrom: keepFrom as IsoDate | null };
      const run = runInfo({ asAtDate: asAt as IsoDate });
      await w.startRun(run);
      await w.publish(run, set, runOutcome());
    };
    const history = () => (rec.live.get('plan_status_history') ?? [])
      .map((r) => `${(r[0] as Date).toISOString().slice(0, 10)} ${String(r[1])}`).sort();
    await publishAt('2022-03-31', null, 'a');
    await publishAt('2022-04-30', null, 'b');
    assert.deepEqual(history(), ['2022-03-31 a1', '2022-03-31 a2', '2022-04-30 b1', '2022-04-30 b2']);
    assert.equal(rec.live.get('planned_assessment')?.length, 2, 'curated tables are replaced, not kept');
    await publishAt('2022-04-30', null, 'c'); // a rerun for the same date
    assert.deepEqual(history(), ['2022-03-31 a1', '2022-03-31 a2', '2022-04-30 c1', '2022-04-30 c2']);
    await publishAt('2022-05-31', '2022-04-01', 'd');
    assert.deepEqual(history(), ['2022-04-30 c1', '2022-04-30 c2', '2022-05-31 d1', '2022-05-31 d2']);
    const [asAt, keepFrom] = rec.queries().filter((q) => q.sql === DELETE_REPLACED_HISTORY).at(-1)!.params;
    assert.deepEqual([asAt.name, asAt.type, (asAt.value as Date).toISOString()], ['as_at_date', { kind: 'date' }, '2022-05-31T00:00:00.000Z']);
    assert.deepEqual([keepFrom.name, keepFrom.type, (keepFrom.value as Date).toISOString()], ['keep_from', { kind: 'date' }, '2022-04-01T00:00:00.000Z']);
    const first = rec.queries().find((q) => q.sql === DELETE_REPLACED_HISTORY)!;
    assert.equal(first.params[1].value, null, 'no retention: keep_from is NULL, which deletes nothing');
  });

  it('bulk-loads in chunks of the configured size', async () => {
    const { rec, w } = setup({ bulkChunkRows: 1000 });
    const set = sampleRefreshSet('a');
    const template = set.tables.planned_assessment[0];
    set.tables.planned_assessment = Array.from({ length: 2001 }, (_, i) => ({ ...template, person_id: `P${i}` }));
    const run = runInfo();
    await w.startRun(run);
    await w.publish(run, set, runOutcome());
    const planned = rec.bulks().filter((b) => b.target === 'ppoc_staging.planned_assessment');
    assert.deepEqual(planned.map((b) => b.rows.length), [1000, 1000, 1]);
    assert.equal(rec.live.get('planned_assessment')?.length, 2001);
  });

  it('writes the run\'s figures in its final transaction before `succeeded` (BIT for drop_accepted), and a failed run\'s too', async () => {
    const { rec, w } = setup();
    const run = runInfo();
    await w.startRun(run);
    const figures = { values: { 'table_rows:planned_assessment': 2, 'file_rows:allocations': 1 }, accepted: new Set(['file_rows:allocations']) };
    await w.publish(run, sampleRefreshSet('a'), runOutcome({ figures }));
    const labels = rec.labels();
    const insert = labels.indexOf('tx1 query INSERT INTO [ppoc].[run_figure] ([run_id], [figure], [figure_value], [drop_accepted])');
    assert.ok(insert > 0 && insert === labels.indexOf('tx1 query FINISH_RUN') - 1, labels.join('\n'));
    const params = rec.queries().find((q) => q.sql.includes('[run_figure]'))?.params ?? [];
    assert.deepEqual(params.map((p) => p.value), [run.runId, 'table_rows:planned_assessment', 2, false, run.runId, 'file_rows:allocations', 1, true]);
    assert.deepEqual(params[3].type, { kind: 'bit' });
    const failed = runInfo();
    await w.startRun(failed);
    await w.failRun(failed, runOutcome({ message: 'x', figures }));
    assert.equal(rec.queries().filter((q) => q.sql.includes('[run_figure]')).length, 2);
  });
});
