import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { CURATED_TABLES, TABLES } from '../../src/model/tables';
import { createSqliteWarehouse, type SqliteWarehouse } from '../../src/warehouse/sqlite/index';
import { column, openDatabase } from '../../src/warehouse/sqlite/database';
import { RefreshLockedError, type RunOutcome } from '../../src/warehouse/warehouse';
import type { IsoDate } from '../../../core/src/index';
import { snapshotCurated as snapshot } from '../helpers/cli';
import { runInfo, runOutcome, sampleRefreshSet } from '../helpers/refresh-set-fixture';
import { freshSqliteEachTest, publishSet } from '../helpers/sqlite';

const publish = publishSet;

describe('SQLite warehouse', () => {
  const fresh = freshSqliteEachTest();
  let file: string;
  let warehouse: SqliteWarehouse;
  beforeEach(() => {
    ({ file, warehouse } = fresh);
  });

  it('creates every catalog table with exactly the catalog column names, idempotently', async () => {
    await warehouse.migrate();
    const db = openDatabase(file, { readOnly: true });
    for (const table of Object.values(TABLES)) {
      const columns = (db.prepare(`PRAGMA table_info("${table.name}")`).all() as { name: string }[]).map((c) => c.name);
      assert.deepEqual(columns, table.columns.map((c) => c.name), table.name);
    }
    db.close();
  });

  it('publishes every curated table and logs the run as succeeded', async () => {
    const run = await publish(warehouse, sampleRefreshSet());
    const tables = snapshot(file);
    assert.equal(tables.planned_assessment.length, 2);
    assert.equal((tables.planned_assessment[0] as { predicted_start_date: string }).predicted_start_date, '2022-05-04');
    for (const t of CURATED_TABLES) assert.ok(tables[t].length >= 1, t);
    const [log] = await warehouse.recentRuns(1);
    assert.equal(log.run_id, run.runId);
    assert.equal(log.status, 'succeeded');
    assert.equal(log.rows_written, 8);
    assert.equal(log.window_months, 3);
  });

  it('has every catalog index after publishes', async () => {
    await publish(warehouse, sampleRefreshSet('a'));
    await publish(warehouse, sampleRefreshSet('b'));
    const db = openDatabase(file, { readOnly: true });
    const indexes = column(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'`));
    db.close();
    const catalog = Object.values(TABLES).flatMap((t) => t.indexes.map((cols) => `ix_${t.name}_${cols.join('_')}`));
    assert.deepEqual([...indexes].sort(), [...catalog].sort());
  });

  it('replaces yesterday\'s rows instead of appending', async () => {
    await publish(warehouse, sampleRefreshSet('a'));
    await publish(warehouse, sampleRefreshSet('b'));
    const ids = (snapshot(file).planned_assessment as { person_id: string }[]).map((r) => r.person_id).sort();
    assert.deepEqual(ids, ['b1', 'b2']);
  });

  it('leaves the previous tables exactly as they were when a write fails half-way', async () => {
    await publish(warehouse, sampleRefreshSet('a'));
    const before = snapshot(file);
    const broken = sampleRefreshSet('b');
    // plan_explanation is written after planned_assessment, cic_cohort, …: a NOT NULL violation there.
    (broken.tables.plan_explanation[0] as { reason: string | null }).reason = null;
    const run = runInfo();
    await warehouse.startRun(run);
    await assert.rejects(warehouse.publish(run, broken, runOutcome()), /NOT NULL/);
    assert.deepEqual(snapshot(file), before);
    await warehouse.failRun(run, runOutcome({ message: 'write failed' }));
    const [log] = await warehouse.recentRuns(1);
    assert.equal(log.status, 'failed');
  });

  it('keeps a failed run\'s issues and replaces the previous successful run\'s', async () => {
    const issue = (rule: string) => ({ severity: 'error' as const, sourceFile: 'episodes.csv', line: 3, column: 'DECOM', personId: '1', rule, message: rule });
    const first = await publish(warehouse, sampleRefreshSet('a'), [issue('first_success')]);
    const failed = runInfo();
    await warehouse.startRun(failed);
    await warehouse.failRun(failed, runOutcome({ issues: [issue('failed_run')], message: 'episodes.csv: missing column DECOM' }));
    const second = await publish(warehouse, sampleRefreshSet('b'), [issue('second_success')]);
    const all = await warehouse.dataQualityIssues({});
    assert.deepEqual(all.map((i) => i.rule).sort(), ['failed_run', 'second_success']);
    assert.equal((await warehouse.dataQualityIssues({ runId: first.runId })).length, 0);
    assert.equal((await warehouse.dataQualityIssues({ runId: second.runId }))[0].column, 'DECOM');
    assert.equal((await warehouse.latestSuccessfulRun())?.run_id, second.runId);
  });

  it('holds the run lock from opening for writing until close: a second writer is refused at once', async () => {
    assert.throws(() => createSqliteWarehouse(file), (e: unknown) => e instanceof RefreshLockedError && /another refresh is running/.test(e.message));
    const reader = createSqliteWarehouse(file, { readonly: true }); // readers never wait for the lock
    assert.deepEqual(await reader.recentRuns(1), []);
    await reader.close();
    const run = runInfo();
    await warehouse.startRun(run);
    await warehouse.publish(run, sampleRefreshSet(), runOutcome());
    assert.throws(() => createSqliteWarehouse(file), RefreshLockedError, 'still held after publishing: held until close');
    await warehouse.close();
    const other = createSqliteWarehouse(file); // free once the first writer closed
    await other.close();
    warehouse = createSqliteWarehouse(file);
  });

  it('ignores and removes a lock file of the old format, even one naming a live pid', async () => {
    await warehouse.close();
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 1, runId: 'left-in-a-container' }));
    warehouse = createSqliteWarehouse(file);
    const run = runInfo();
    await warehouse.startRun(run);
    await warehouse.failRun(run, runOutcome());
    assert.equal(existsSync(`${file}.lock`), false);
  });

  it('marks a run left `running` by a dead process as abandoned when the next run starts', async () => {
    const dead = runInfo();
    await warehouse.startRun(dead); // and never finished: as if the process had been killed
    const next = runInfo();
    await warehouse.startRun(next);
    const runs = await warehouse.recentRuns(5);
    const abandoned = runs.find((r) => r.run_id === dead.runId);
    assert.equal(abandoned?.status, 'failed');
    assert.equal(abandoned?.message, 'abandoned (process ended without finishing)');
    assert.ok(abandoned?.finished_at_utc);
    assert.equal(runs.find((r) => r.run_id === next.runId)?.status, 'running');
    await warehouse.failRun(next, runOutcome());
  });

  it('gives the shrink guards the figures of the last successful runs as at the date or before, newest date first', async () => {
    const figures = (n: number, accepted: string[] = []) => ({ values: { 'file_rows:allocations': n, 'table_rows:cic_cohort': 9 }, accepted: new Set(accepted) });
    const run = async (asAt: string, outcome: Partial<RunOutcome>, status: 'publish' | 'fail' = 'publish') => {
      const info = runInfo({ asAtDate: asAt as IsoDate });
      await warehouse.startRun(info);
      const set = { ...sampleRefreshSet(info.runId.slice(-2)), asAtDate: asAt as IsoDate };
      if (status === 'publish') await warehouse.publish(info, set, runOutcome(outcome));
      else await warehouse.failRun(info, runOutcome(outcome));
      return info.runId;
    };
    assert.deepEqual(await warehouse.acceptedRunFigures({ asAt: '2022-05-31' as IsoDate, runs: 7 }), [], 'a first run has no base');
    const older = await run('2022-05-29', { figures: figures(70) });
    const accepted = await run('2022-05-30', { figures: figures(80, ['file_rows:allocations']) });
    await run('2022-05-30', {}); // no figures (a run before the upgrade): not counted
    await run('2022-05-31', { figures: figures(1) }, 'fail'); // failed: never a base
    await run('2022-06-30', { figures: figures(90) }); // after the as-at date (a backfill of an older date)
    const past = await warehouse.acceptedRunFigures({ asAt: '2022-05-31' as IsoDate, runs: 7 });
    assert.deepEqual(past, [
      { runId: accepted, asAtDate: '2022-05-30', values: { 'file_rows:allocations': 80, 'table_rows:cic_cohort': 9 }, accepted: new Set(['file_rows:allocations']) },
      { runId: older, asAtDate: '2022-05-29', values: { 'file_rows:allocations': 70, 'table_rows:cic_cohort': 9 }, accepted: new Set() },
    ]);
    assert.deepEqual((await warehouse.acceptedRunFigures({ asAt: '2022-05-31' as IsoDate, runs: 1 })).map((r) => r.runId), [accepted]);
    const stored = openDatabase(file, { readOnly: true });
    assert.equal((stored.prepare(`SELECT COUNT(*) AS n FROM run_figure WHERE figure_value = 1`).get() as { n: number }).n, 1, 'the failed run keeps its figures');
    stored.close();
  });

  it('filters planned assessments case-insensitively for the summary command', async () => {
    await publish(warehouse, sampleRefreshSet('a'));
    assert.equal((await warehouse.plannedAssessments({ locality: 'chesterfield' })).length, 1);
    assert.equal((await warehouse.plannedAssessments({ assessmentType: 'SGO', fullCareOrder: 'No' })).length, 1);
    assert.equal((await warehouse.plannedAssessments({ team: 'No Such Team' })).length, 0);
    assert.equal((await warehouse.planExplanations('a1'))[0].listed, 'Yes');
  });

  it('rejects a non-ISO date or a flag that is not Yes/No (CHECK constraints)', async () => {
    const bad = sampleRefreshSet('c');
    (bad.tables.care_exit[0] as { ceased_date: string }).ceased_date = '01/04/2022';
    const run = runInfo();
    await warehouse.startRun(run);
    await assert.rejects(warehouse.publish(run, bad, runOutcome()), /CHECK/);
    await warehouse.failRun(run, runOutcome());
  });
});
