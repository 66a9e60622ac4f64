import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { IsoDate } from '../../../core/src/index';
import type { PlanStatusHistoryRow, RefreshSet } from '../../src/model/refresh-set';
import { TABLES } from '../../src/model/tables';
import { createSqliteWarehouse, type SqliteWarehouse } from '../../src/warehouse/sqlite/index';
import { openDatabase } from '../../src/warehouse/sqlite/database';
import { query, tempDir } from '../helpers/cli';
import { freshSqliteEachTest, publishSet } from '../helpers/sqlite';
import { historyRow, runInfo, runOutcome, sampleRefreshSet } from '../helpers/refresh-set-fixture';

const d = (text: string) => text as IsoDate;

function tempDb(): string {
  return join(tempDir('history'), 'ppoc.sqlite');
}

/** A set as at `asAt` whose history holds the given rows (default: two plans of that date). */
function setAt(asAt: string, rows?: PlanStatusHistoryRow[], keepFrom: string | null = null): RefreshSet {
  const set = sampleRefreshSet(asAt.slice(5, 7), d(asAt));
  set.history = { rows: rows ?? [historyRow('p1', d(asAt)), historyRow('p2', d(asAt))], keepFrom: keepFrom as IsoDate | null };
  return set;
}

const publish = publishSet;

const historyDates = (file: string) =>
  query<{ as_at_date: string; n: number }>(file, 'SELECT as_at_date, count(*) n FROM plan_status_history GROUP BY 1 ORDER BY 1')
    .map((r) => `${r.as_at_date}×${r.n}`);

describe('SQLite warehouse: plan_status_history', () => {
  const fresh = freshSqliteEachTest();
  let file: string;
  let warehouse: SqliteWarehouse;
  beforeEach(() => {
    ({ file, warehouse } = fresh);
  });

  it('keeps other dates across refreshes and replaces a rerun date\'s rows (never duplicates)', async () => {
    await publish(warehouse, setAt('2022-03-31'));
    await publish(warehouse, setAt('2022-04-30'));
    await publish(warehouse, setAt('2022-04-30', [historyRow('p9', d('2022-04-30'))]));
    assert.deepEqual(historyDates(file), ['2022-03-31×2', '2022-04-30×1']);
    assert.equal(query(file, 'SELECT * FROM planned_assessment').length, 2, 'the curated tables are replaced');
  });

  it('trims rows dated before the retention cut-off in the same refresh', async () => {
    await publish(warehouse, setAt('2022-03-31'));
    await publish(warehouse, setAt('2022-04-30'));
    await publish(warehouse, setAt('2022-05-31', undefined, '2022-04-30'));
    assert.deepEqual(historyDates(file), ['2022-04-30×2', '2022-05-31×2'], 'a row on the cut-off day is kept');
  });

  it('changes no history when the refresh fails half-way', async () => {
    await publish(warehouse, setAt('2022-03-31'));
    const broken = setAt('2022-03-31', [historyRow('p3', d('2022-03-31'))], '2022-03-31');
    (broken.tables.locality_team[0] as { team: string | null }).team = null; // NOT NULL, written before the history
    const run = runInfo();
    await warehouse.startRun(run);
    await assert.rejects(warehouse.publish(run, broken, runOutcome()), /NOT NULL/);
    await warehouse.failRun(run, runOutcome());
    assert.deepEqual(query(file, 'SELECT person_id FROM plan_status_history ORDER BY 1'), [{ person_id: 'p1' }, { person_id: 'p2' }]);
  });

  it('gives the prior history: month-end rows, each plan\'s latest row and the places, before A and within retention', async () => {
    const row = (person: string, asAt: string, extra: Partial<PlanStatusHistoryRow> = {}) => historyRow(person, d(asAt), extra);
    await publish(warehouse, setAt('2022-02-28', [row('p1', '2022-02-28', { team: 'Old Team' })]));
    await publish(warehouse, setAt('2022-03-15', [row('p1', '2022-03-15'), row('p2', '2022-03-15')]));
    await publish(warehouse, setAt('2022-03-31', [row('p1', '2022-03-31')]));
    await publish(warehouse, setAt('2022-05-31', [row('p1', '2022-05-31', { locality: 'Today' })]));
    const prior = await warehouse.priorHistory({ before: d('2022-05-31'), from: d('2022-03-01') });
    assert.deepEqual(prior.monthEnds.map((r) => `${r.as_at_date} ${r.person_id}`), ['2022-03-31 p1']);
    assert.deepEqual(prior.latestByPlan.map((r) => `${r.as_at_date} ${r.person_id}`), ['2022-03-31 p1', '2022-03-15 p2']);
    assert.deepEqual(prior.places.map((place) => ({ ...place })), [{ locality: 'High Peak & North Dales', team: 'CS HPND Children In Care Team' }],
      'February is before the cut-off, and A\'s own rows are about to be replaced');
    const all = await warehouse.priorHistory({ before: d('2022-05-31'), from: null });
    assert.deepEqual(all.monthEnds.map((r) => `${r.as_at_date} ${r.person_id}`), ['2022-02-28 p1', '2022-03-31 p1']);
    assert.equal(all.places.length, 2);
    assert.deepEqual(Object.keys(all.monthEnds[0]), TABLES.plan_status_history.columns.map((c) => c.name));
  });

  it('streams any table in key order for export', async () => {
    await publish(warehouse, setAt('2022-05-31', [historyRow('p2', d('2022-05-31')), historyRow('p1', d('2022-05-31'))]));
    const rows: Record<string, unknown>[] = [];
    assert.equal(await warehouse.eachRow('plan_status_history', (r) => rows.push(r)), 2);
    assert.deepEqual(rows.map((r) => r.person_id), ['p1', 'p2']);
    assert.deepEqual(Object.keys(rows[0]), TABLES.plan_status_history.columns.map((c) => c.name));
    const timeliness: Record<string, unknown>[] = [];
    await warehouse.eachRow('timeliness_by_month', (r) => timeliness.push(r));
    assert.equal(timeliness[0].pct_on_time, 66.7, 'decimals come back as the numbers written');
  });
});

describe('SQLite warehouse: upgrading a release-1 file', () => {
  it('rebuilds the page-2 tables with full_care_order in the key, yesterday\'s rows becoming the All rows', async () => {
    const file = tempDb();
    const db = openDatabase(file);
    db.exec(`CREATE TABLE locality_summary (locality TEXT NOT NULL, team TEXT NOT NULL, children_in_care INTEGER NOT NULL,
      fco_children INTEGER NOT NULL, plans INTEGER NOT NULL, started_on_time_last_window INTEGER NOT NULL,
      started_late_last_window INTEGER NOT NULL, not_yet_started INTEGER NOT NULL, upcoming_next_window INTEGER NOT NULL,
      sgo_exits_last_12_months INTEGER NOT NULL, reunification_exits_last_12_months INTEGER NOT NULL, as_at_date TEXT NOT NULL,
      PRIMARY KEY (locality, team))`);
    db.exec(`INSERT INTO locality_summary VALUES ('All', 'All', 9, 9, 9, 2, 1, 1, 5, 0, 0, '2022-05-31')`);
    db.exec(`CREATE TABLE refresh_log (run_id TEXT NOT NULL PRIMARY KEY, started_at_utc TEXT NOT NULL, finished_at_utc TEXT, status TEXT NOT NULL,
      as_at_date TEXT, source TEXT, rows_read INTEGER, rows_rejected INTEGER, rows_written INTEGER, message TEXT)`);
    db.close();

    const warehouse = createSqliteWarehouse(file);
    const { applied } = await warehouse.migrate();
    assert.deepEqual(applied, [
      'sqlite schema v3', 'locality_summary: key (locality, team, full_care_order), added full_care_order', 'refresh_log.window_months',
    ]);
    assert.deepEqual(await warehouse.migrate(), { applied: [] }, 'idempotent');
    await warehouse.close();
    assert.deepEqual(query(file, 'SELECT locality, team, full_care_order, plans FROM locality_summary'), [
      { locality: 'All', team: 'All', full_care_order: 'All', plans: 9 },
    ]);
    const key = query<{ name: string; pk: number }>(file, 'PRAGMA table_info("locality_summary")').filter((c) => c.pk > 0);
    assert.deepEqual(key.sort((a, b) => a.pk - b.pk).map((c) => c.name), ['locality', 'team', 'full_care_order']);
    assert.equal(query(file, "SELECT name FROM sqlite_master WHERE name LIKE '%__rebuild'").length, 0);
  });
});
