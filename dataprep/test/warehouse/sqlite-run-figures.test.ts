/**
 * Upgrading a release-2 SQLite file (schema v2, no run_figure): the run whose tables are live gets
 * the figures it published, counted from those tables, so the first run after the upgrade is
 * guarded. The seed must count exactly as model/run-figures.ts does: checked on a real run.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { IsoDate } from '../../../core/src/index';
import { createLogger } from '../../src/pipeline/logger';
import { runRefresh } from '../../src/pipeline/run-refresh';
import { openDatabase } from '../../src/warehouse/sqlite/database';
import { createSqliteWarehouse } from '../../src/warehouse/sqlite/index';
import { EXAMPLE_EXTRACT, query, tempDir } from '../helpers/cli';

const AS_AT = '2022-05-31' as IsoDate;
const options = { asAt: AS_AT, windowMonths: 3, lookbackDays: 90, logger: createLogger('error', () => undefined) };

interface Figure { run_id: string; figure: string; figure_value: number; drop_accepted: string }

describe('SQLite warehouse: upgrading a release-2 file to run_figure', () => {
  it('seeds the live run with the figures the job itself stored for it, once', async () => {
    const file = join(tempDir('seed'), 'ppoc.sqlite');
    const warehouse = createSqliteWarehouse(file);
    await warehouse.migrate();
    const summary = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse });
    await warehouse.close();
    assert.equal(summary.status, 'succeeded');
    const stored = query<Figure>(file, 'SELECT * FROM run_figure ORDER BY figure');
    assert.deepEqual(stored.map((f) => f.figure), [
      'actual_starts_12_months', 'file_rows:allocations', 'file_rows:assessments', 'file_rows:episodes', 'file_rows:predictions',
      'plans_with_worker_or_team', 'table_rows:cic_cohort', 'table_rows:planned_assessment',
    ]);
    assert.deepEqual(stored.map((f) => f.figure_value), [3, 9, 3, 9, 9, 9, 9, 9]);

    // As a release-2 file: no run_figure, schema v2.
    const db = openDatabase(file);
    db.exec('DROP TABLE run_figure; DELETE FROM schema_version WHERE version = 3');
    db.close();

    const upgraded = createSqliteWarehouse(file);
    const { applied } = await upgraded.migrate();
    assert.deepEqual(applied, ['sqlite schema v3', `run_figure: the figures of run ${summary.runId} (the live tables)`]);
    assert.deepEqual(await upgraded.migrate(), { applied: [] }, 'seeded once');
    await upgraded.close();
    assert.deepEqual(query<Figure>(file, 'SELECT * FROM run_figure ORDER BY figure'), stored);
  });

  it('seeds nothing in a file with no successful run', async () => {
    const file = join(tempDir('seed'), 'ppoc.sqlite');
    const warehouse = createSqliteWarehouse(file);
    assert.deepEqual((await warehouse.migrate()).applied, ['sqlite schema v3']);
    await warehouse.close();
    assert.deepEqual(query(file, 'SELECT * FROM run_figure'), []);
  });
});
