import assert from 'node:assert/strict';
import type { IsoDate } from '../../../core/src/index';
import { silentLogger } from '../../src/pipeline/logger';
import { runRefresh } from '../../src/pipeline/run-refresh';
import { createSqliteWarehouse } from '../../src/warehouse/sqlite/index';
import { createSqlServerWarehouse } from '../../src/warehouse/sqlserver/index';
import { parseSqlServerSettings } from '../../src/warehouse/sqlserver/settings';
import { DELETE_REPLACED_HISTORY } from '../../src/warehouse/sqlserver/statements';
import type { Warehouse } from '../../src/warehouse/warehouse';
import { EXAMPLE_EXTRACT, query, tempDir } from '../helpers/cli';
import { RecordingConnector } from '../warehouse/sqlserver/recording-connector';

const DATES = ['2022-03-31', '2022-04-30', '2022-05-31'] as IsoDate[];

async function refreshEach(warehouse: Warehouse, historyDays: number | null) {
  for (const asAt of DATES) {
    const summary = await runRefresh({ sourceDir: EXAMPLE_EXTRACT, asAt, windowMonths: 3, lookbackDays: 90, historyDays, warehouse, logger: silentLogger });
    assert.equal(summary.status, 'succeeded', summary.message);
  }
}

describe('runRefresh with history (both targets)', () => {
  it('SQLite: reads the prior history into the trend and trims by PPOC_HISTORY_DAYS inside the refresh', async function () {
    this.timeout(60_000);
    const file = `${tempDir('pipeline-history')}/ppoc.sqlite`;
    const warehouse = createSqliteWarehouse(file);
    await warehouse.migrate();
    await refreshEach(warehouse, 31);
    await warehouse.close();
    // 2022-05-31 − 31 days = 2022-04-30: that date is kept, 2022-03-31 is gone.
    assert.deepEqual(query(file, 'SELECT DISTINCT as_at_date FROM plan_status_history ORDER BY 1').map((r) => r.as_at_date), ['2022-04-30', '2022-05-31']);
    const months = query<{ month: string; n: number | null }>(file,
      "SELECT month, not_yet_started_at_month_end n FROM timeliness_by_month WHERE locality = 'All' AND team = 'All' AND assessment_type = 'All' ORDER BY 1");
    assert.deepEqual(months, [{ month: '2022-03', n: null }, { month: '2022-04', n: 0 }, { month: '2022-05', n: 1 }],
      'March\'s history was trimmed before the last run read it; April\'s month end came from the history');
  });

  it('SQL Server (recording connection): the same runs keep each date\'s rows across swaps and send the cut-off', async function () {
    this.timeout(60_000);
    const rec = new RecordingConnector();
    const warehouse = createSqlServerWarehouse(parseSqlServerSettings('Server=db01;Database=ppoc;User Id=u;Password=p', {}), rec);
    await refreshEach(warehouse, 31);
    await warehouse.close();
    const dates = (rec.live.get('plan_status_history') ?? []).map((r) => (r[0] as Date).toISOString().slice(0, 10));
    assert.deepEqual([...new Set(dates)], ['2022-04-30', '2022-05-31']);
    assert.equal(dates.length, 18);
    const cutOffs = rec.queries().filter((q) => q.sql === DELETE_REPLACED_HISTORY).map((q) => (q.params[1].value as Date).toISOString().slice(0, 10));
    assert.deepEqual(cutOffs, ['2022-02-28', '2022-03-30', '2022-04-30']);
  });
});
