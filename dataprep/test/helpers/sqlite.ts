import { join } from 'node:path';
import type { DataQualityIssue } from '../../src/model/data-quality';
import type { RefreshSet } from '../../src/model/refresh-set';
import { createSqliteWarehouse, type SqliteWarehouse } from '../../src/warehouse/sqlite/index';
import type { RunInfo } from '../../src/warehouse/warehouse';
import { tempDir } from './cli';
import { runInfo, runOutcome } from './refresh-set-fixture';

/** A migrated SQLite warehouse in a fresh file for each test of the calling suite (closed after it). */
export function freshSqliteEachTest(): { file: string; warehouse: SqliteWarehouse } {
  const state = {} as { file: string; warehouse: SqliteWarehouse };
  beforeEach(async () => {
    state.file = join(tempDir('sqlite'), 'ppoc.sqlite');
    state.warehouse = createSqliteWarehouse(state.file);
    await state.warehouse.migrate();
  });
  afterEach(() => state.warehouse.close());
  return state;
}

/** One successful refresh of `set` (as at its date), as the pipeline would do it. */
export async function publishSet(w: SqliteWarehouse, set: RefreshSet, issues: DataQualityIssue[] = []): Promise<RunInfo> {
  const run = runInfo({ asAtDate: set.asAtDate });
  await w.startRun(run);
  await w.publish(run, set, runOutcome({ issues }));
  return run;
}
