import assert from 'node:assert/strict';
import type { DataQualityIssue } from '../../../src/model/data-quality';
import { CURATED_TABLES, TABLES } from '../../../src/model/tables';
import { createSqlServerWarehouse, type SqlServerWarehouse } from '../../../src/warehouse/sqlserver/index';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import { RefreshLockedError } from '../../../src/warehouse/warehouse';
import type { IsoDate } from '../../../../core/src/index';
import {
  DELETE_REPLACED_HISTORY, SELECT_HISTORY_LATEST_BY_PLAN, SELECT_HISTORY_MONTH_ENDS, SELECT_HISTORY_PLACES, SELECT_SUCCEEDED_AS_AT_DATES,
  SWAP_INTO_LIVE,
} from '../../../src/warehouse/sqlserver/statements';
import { historyRow, runInfo, runOutcome, sampleRefreshSet } from '../../helpers/refresh-set-fixture';
import { RecordingConnector } from './recording-connector';

const SETTINGS = parseSqlServerSettings('Server=db01;Database=ppoc;User Id=ppoc_job;Password=unused-here');

function issue(n: number): DataQualityIssue {
  return {
    severity: 'warning', sourceFile: 'episodes.csv', line: n + 1, column: 'PLACE', personId: `P${n}`,
    rule: 'unknown_placement_code', message: `unknown code on line ${n + 1}`,
  };
}

function setup(options: { bulkChunkRows?: number } = {}): { rec: RecordingConnector; w: SqlServerWarehouse } {
  const rec = new RecordingConnector();
  return { rec, w: createSqlServerWarehouse(SETTINGS, rec, options) };
}

describe('SQL Server warehouse through the recording connection', () => {
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

  it('streams a table for export from its view in key order, and lists the as-at dates already refreshed', async () => {
    const { rec, w } = setup();
    rec.respond = (sql) => (sql.includes('vw_locality_team') ? [{ locality: 'L', team: 'T', sort_order: 1 }] : sql === SELECT_SUCCEEDED_AS_AT_DATES ? [{ as_at_date: '2022-03-31' }] : []);
    const rows: unknown[] = [];
    assert.equal(await w.eachRow('locality_team', (row) => rows.push(row)), 1);
    assert.deepEqual(rows, [{ locality: 'L', team: 'T', sort_order: 1 }]);
    assert.equal(rec.queries()[0].sql, 'SELECT [locality], [team], [sort_order]\nFROM ppoc.vw_locality_team\nORDER BY [locality], [team];');
    await w.eachRow('user_access', () => undefined);
    assert.match(rec.queries()[1].sql, /FROM ppoc\.vw_user_access\nORDER BY \[user_principal_name\], \[locality\], \[team\];$/, 'no key: every column');
    await w.eachRow('plan_status_history', () => undefined);
    assert.match(rec.queries()[2].sql, /^SELECT CONVERT\(CHAR\(10\), \[as_at_date\], 23\) AS \[as_at_date\], .*FROM ppoc\.vw_plan_status_history\n/s);
    assert.deepEqual(await w.succeededAsAtDates(), ['2022-03-31']);
  });

  it('reads the prior history through the history view with typed date parameters, dates as ISO text', async () => {
    const { rec, w } = setup();
    rec.respond = (sql) => {
      if (sql === SELECT_HISTORY_MONTH_ENDS) return [{ ...historyRow('p1', '2022-04-30' as IsoDate) }];
      if (sql === SELECT_HISTORY_PLACES) return [{ locality: 'L', team: null }];
      return [];
    };
    const prior = await w.priorHistory({ before: '2022-05-31' as IsoDate, from: null });
    assert.deepEqual(prior.monthEnds.map((r) => [r.person_id, r.as_at_date]), [['p1', '2022-04-30']]);
    assert.deepEqual(prior.latestByPlan, []);
    assert.deepEqual(prior.places, [{ locality: 'L', team: null }]);
    const sent = rec.queries();
    assert.deepEqual(sent.map((q) => q.sql), [SELECT_HISTORY_MONTH_ENDS, SELECT_HISTORY_LATEST_BY_PLAN, SELECT_HISTORY_PLACES]);
    for (const q of sent) {
      assert.match(q.sql, /ppoc\.vw_plan_status_history/);
      assert.deepEqual(q.params.map((p) => [p.name, p.type.kind]), [['before', 'date'], ['from', 'date']]);
    }
    assert.match(SELECT_HISTORY_MONTH_ENDS, /CONVERT\(CHAR\(10\), h\.\[as_at_date\], 23\) AS \[as_at_date\]/);
    assert.match(SELECT_HISTORY_MONTH_ENDS, /GROUP BY YEAR\(as_at_date\), MONTH\(as_at_date\)/);
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

  it('reads the shrink guards\' base from the run log and the figures view (granted to ppoc_writer), never a live table', async () => {
    const { rec, w } = setup();
    rec.respond = () => [
      { run_id: 'r2', as_at_date: '2022-05-31', figure: 'file_rows:allocations', figure_value: 80, drop_accepted: 'No' },
      { run_id: 'r2', as_at_date: '2022-05-31', figure: 'table_rows:cic_cohort', figure_value: 9, drop_accepted: 'Yes' },
      { run_id: 'r1', as_at_date: '2022-05-30', figure: 'file_rows:allocations', figure_value: 81, drop_accepted: 'No' },
    ];
    const past = await w.acceptedRunFigures({ asAt: '2022-05-31' as IsoDate, runs: 7 });
    assert.deepEqual(past, [
      { runId: 'r2', asAtDate: '2022-05-31', values: { 'file_rows:allocations': 80, 'table_rows:cic_cohort': 9 }, accepted: new Set(['table_rows:cic_cohort']) },
      { runId: 'r1', asAtDate: '2022-05-30', values: { 'file_rows:allocations': 81 }, accepted: new Set() },
    ]);
    const [read] = rec.queries();
    assert.equal(read.on, 'pool');
    assert.deepEqual([...read.sql.matchAll(/(?:FROM|JOIN) (ppoc\.\w+)/g)].map((m) => m[1]), ['ppoc.refresh_log', 'ppoc.vw_run_figure', 'ppoc.vw_run_figure']);
    assert.deepEqual(read.params.map((p) => [p.name, p.type, p.value]), [
      ['as_at_date', { kind: 'date' }, new Date(Date.UTC(2022, 4, 31))], ['runs', { kind: 'int' }, 7],
    ]);
  });
});
