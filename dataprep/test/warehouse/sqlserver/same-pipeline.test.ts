/**
 * One pipeline, two targets: the same runRefresh over the brief's example extract, once into
 * SQLite and once into the SQL Server warehouse (recording connection). Every curated table the
 * SQL Server swap publishes must hold exactly the rows SQLite holds, after undoing only the
 * storage encoding (BIT → Yes/No, DATE → ISO text).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IsoDate } from '../../../../core/src/index';
import { runRefresh } from '../../../src/pipeline/run-refresh';
import { silentLogger } from '../../../src/pipeline/logger';
import { CURATED_TABLES, TABLES, type CuratedTableName } from '../../../src/model/tables';
import { openDatabase } from '../../../src/warehouse/sqlite/database';
import { createSqliteWarehouse } from '../../../src/warehouse/sqlite/index';
import { createSqlServerWarehouse } from '../../../src/warehouse/sqlserver/index';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import type { SqlValue } from '../../../src/warehouse/sqlserver/connector';
import { EXAMPLE_EXTRACT } from '../../helpers/cli';
import { RecordingConnector } from './recording-connector';

const OPTIONS = { sourceDir: EXAMPLE_EXTRACT, asAt: '2022-05-31' as IsoDate, windowMonths: 3, lookbackDays: 90, logger: silentLogger };
const FIXED_NOW = () => new Date('2022-05-31T06:00:00.000Z');

function decode(name: CuratedTableName | 'plan_status_history', rows: SqlValue[][]): string[] {
  const columns = TABLES[name].columns;
  return rows
    .map((row) => JSON.stringify(row.map((value, i) => {
      if (columns[i].type === 'yesno') return value ? 'Yes' : 'No';
      if (columns[i].type === 'date' && value instanceof Date) return value.toISOString().slice(0, 10);
      return value;
    })))
    .sort();
}

function sqliteRows(file: string, name: CuratedTableName | 'plan_status_history'): string[] {
  const db = openDatabase(file, { readOnly: true });
  try {
    const list = TABLES[name].columns.map((c) => `"${c.name}"`).join(', ');
    return db.prepare(`SELECT ${list} FROM "${name}"`).all().map((r) => JSON.stringify(Object.values(r))).sort();
  } finally {
    db.close();
  }
}

describe('one pipeline, both targets', () => {
  it('publishes to SQL Server exactly the curated rows it publishes to SQLite', async function () {
    this.timeout(60_000);
    const file = join(mkdtempSync(join(tmpdir(), 'ppoc-both-')), 'ppoc.sqlite');
    const sqlite = createSqliteWarehouse(file);
    await sqlite.migrate();
    const lite = await runRefresh({ ...OPTIONS, warehouse: sqlite, now: FIXED_NOW });
    await sqlite.close();

    const rec = new RecordingConnector();
    const sqlserver = createSqlServerWarehouse(parseSqlServerSettings('Server=db01;Database=ppoc;User Id=u;Password=p', {}), rec);
    const server = await runRefresh({ ...OPTIONS, warehouse: sqlserver, now: FIXED_NOW });
    await sqlserver.close();

    assert.equal(lite.status, 'succeeded');
    assert.equal(server.status, 'succeeded', server.message);
    assert.deepEqual(server.tables, lite.tables);
    assert.ok(lite.rowsWritten > 0);
    for (const name of [...CURATED_TABLES, 'plan_status_history' as const]) {
      const rows = (table: string[]) => table.map((row) => row.replace(/"\d{8}T\d{6}Z-[0-9a-f]{6}"/, '"run"')); // each target's own run id
      assert.deepEqual(rows(decode(name, rec.live.get(name) ?? [])), rows(sqliteRows(file, name)), name);
      assert.ok(name === 'care_exit' || sqliteRows(file, name).length > 0, `${name} has rows to compare`);
    }
    const issues = rec.bulks().filter((b) => b.target === 'ppoc_staging.data_quality_issue').flatMap((b) => b.rows);
    assert.equal(issues.length, lite.issueCounts.reduce((n, c) => n + c.count, 0));
  });
});
