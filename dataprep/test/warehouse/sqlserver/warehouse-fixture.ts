/**
 * The SQL Server warehouse over the recording connection, as the warehouse-*.test.ts files use
 * it: one login's settings, a data-quality issue by number, a fresh connection and warehouse.
 */
import type { DataQualityIssue } from '../../../src/model/data-quality';
import { createSqlServerWarehouse, type SqlServerWarehouse } from '../../../src/warehouse/sqlserver/index';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import { RecordingConnector } from './recording-connector';

const SETTINGS = parseSqlServerSettings('Server=db01;Database=ppoc;User Id=ppoc_job;Password=unused-here');

export function issue(n: number): DataQualityIssue {
  return {
    severity: 'warning', sourceFile: 'episodes.csv', line: n + 1, column: 'PLACE', personId: `P${n}`,
    rule: 'unknown_placement_code', message: `unknown code on line ${n + 1}`,
  };
}

export function setup(options: { bulkChunkRows?: number } = {}): { rec: RecordingConnector; w: SqlServerWarehouse } {
  const rec = new RecordingConnector();
  return { rec, w: createSqlServerWarehouse(SETTINGS, rec, options) };
}
