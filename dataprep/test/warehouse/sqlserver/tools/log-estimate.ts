/**
 * How much transaction log one night's refresh writes on SQL Server, from the statements it
 * sends: a demo extract of N children runs through the real pipeline into the recording
 * connection, and every row it bulk-loads (and copies into the kept history and the issues) is
 * sized as SQL Server stores it, in the clustered index and in each nonclustered index. Under
 * FULL recovery each of those rows is a log record (about 100 bytes of header besides the row;
 * the swap itself is metadata). docs/sqlserver.md quotes the figures.
 * Run: npx tsx dataprep/test/warehouse/sqlserver/tools/log-estimate.ts [children …]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IsoDate } from '../../../../../core/src/index';
import { writeDemoExtract } from '../../../../src/demo/index';
import { TABLES, type TableDef } from '../../../../src/model/tables';
import { silentLogger } from '../../../../src/pipeline/logger';
import { runRefresh } from '../../../../src/pipeline/run-refresh';
import type { SqlType, SqlValue } from '../../../../src/warehouse/sqlserver/connector';
import { createSqlServerWarehouse } from '../../../../src/warehouse/sqlserver/index';
import { parseSqlServerSettings } from '../../../../src/warehouse/sqlserver/settings';
import { RecordingConnector } from '../recording-connector';

const AS_AT = '2024-06-30' as IsoDate;
/** Header, column count, NULL bitmap and variable-column offsets of a data row (approximate). */
const ROW_OVERHEAD = 11;
/** A log record besides the row image it carries (LOP_INSERT_ROWS). */
const LOG_RECORD = 100;

function valueBytes(type: SqlType, value: SqlValue): number {
  switch (type.kind) {
    case 'nvarchar':
      return value === null ? 0 : 2 + 2 * String(value).length;
    case 'int':
      return 4;
    case 'bit':
      return 0.125;
    case 'date':
      return 3;
    case 'datetime2':
      return 7;
    case 'decimal':
      return 5;
  }
}

interface Sized {
  rows: number;
  dataBytes: number;
  logBytes: number;
}

/** One row in its clustered index and in each nonclustered index (key columns plus the clustering key). */
function sizeRow(table: TableDef, types: readonly SqlType[], row: readonly SqlValue[]): { data: number; log: number } {
  const at = (name: string) => table.columns.findIndex((c) => c.name === name);
  const bytes = (names: readonly string[]) => names.reduce((n, name) => n + valueBytes(types[at(name)], row[at(name)]), ROW_OVERHEAD);
  const data = row.reduce<number>((n, value, i) => n + valueBytes(types[i], value), ROW_OVERHEAD);
  const clustered = table.primaryKey.length ? table.primaryKey : (table.indexes[0] ?? []);
  const secondary = table.indexes.filter((cols) => cols !== clustered).map((cols) => bytes([...cols, ...clustered]));
  return { data, log: data + LOG_RECORD + secondary.reduce((n, b) => n + b + LOG_RECORD, 0) };
}

async function estimate(children: number): Promise<{ children: number; loaded: Sized; copied: Sized }> {
  const dir = mkdtempSync(join(tmpdir(), 'ppoc-log-'));
  try {
    await writeDemoExtract(dir, { children, seed: 1, asAt: AS_AT });
    const rec = new RecordingConnector();
    const settings = parseSqlServerSettings('Server=db01;Database=ppoc;User Id=u;Password=p', {});
    const warehouse = createSqlServerWarehouse(settings, rec);
    await runRefresh({ sourceDir: dir, asAt: AS_AT, windowMonths: 3, lookbackDays: 90, logger: silentLogger, warehouse });
    await warehouse.close();
    const loaded: Sized = { rows: 0, dataBytes: 0, logBytes: 0 };
    const copied: Sized = { rows: 0, dataBytes: 0, logBytes: 0 };
    for (const bulk of rec.bulks()) {
      const name = bulk.target.split('.')[1] as keyof typeof TABLES;
      const table = TABLES[name];
      const types = bulk.columns.map((c) => c.type);
      // The history and the issues are copied from staging into their live tables, and the rows they replace deleted.
      const twice = name === 'plan_status_history' || name === 'data_quality_issue';
      for (const row of bulk.rows) {
        const { data, log } = sizeRow(table, types, row);
        for (const sized of twice ? [loaded, copied] : [loaded]) {
          sized.rows += 1;
          sized.dataBytes += data;
          sized.logBytes += sized === copied ? 2 * log : log;
        }
      }
    }
    return { children, loaded, copied };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.log('| children | rows loaded into staging | their data | rows copied into the history and issues | log written (FULL recovery) | log to have free (with the rollback reserve) |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const children of sizes.length ? sizes : [1000, 10_000, 100_000]) {
    const { loaded, copied } = await estimate(children);
    const log = loaded.logBytes + copied.logBytes;
    console.log(`| ${children.toLocaleString('en-GB')} | ${loaded.rows.toLocaleString('en-GB')} | ${mb(loaded.dataBytes)} MB | ` +
      `${copied.rows.toLocaleString('en-GB')} | ${mb(log)} MB | ${mb(2 * log)} MB |`);
  }
}

await main();
