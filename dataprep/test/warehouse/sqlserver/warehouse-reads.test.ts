/** What the warehouse reads back: a table for export, the as-at dates refreshed, the prior history, the shrink guards' base. */
import assert from 'node:assert/strict';
import type { IsoDate } from '../../../../core/src/index';
import {
  SELECT_HISTORY_LATEST_BY_PLAN, SELECT_HISTORY_MONTH_ENDS, SELECT_HISTORY_PLACES, SELECT_SUCCEEDED_AS_AT_DATES,
} from '../../../src/warehouse/sqlserver/statements';
import { historyRow } from '../../helpers/refresh-set-fixture';
import { setup } from './warehouse-fixture';

describe('SQL Server warehouse through the recording connection: reads', () => {
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
