import assert from 'node:assert/strict';
import { createSqlServerWarehouse } from '../../../src/warehouse/sqlserver/index';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import {
  SELECT_ISSUES, SELECT_LATEST_SUCCESS, SELECT_PLANNED_ASSESSMENTS, SELECT_RECENT_RUNS,
} from '../../../src/warehouse/sqlserver/statements';
import { RecordingConnector } from './recording-connector';

const SETTINGS = parseSqlServerSettings('Server=db01;Database=ppoc;User Id=ppoc_job;Password=unused-here');

const LOG_ROW = {
  run_id: 'r1', started_at_utc: new Date('2022-03-27T00:30:00.000Z'), finished_at_utc: null, status: 'running',
  as_at_date: '2022-03-27', source: '/x', rows_read: 0, rows_rejected: 0, rows_written: 0, message: null, window_months: 3,
};

describe('SQL Server warehouse reads', () => {
  it('read the planned-assessment view with typed, optional filters and dates as ISO text', async () => {
    const rec = new RecordingConnector();
    const w = createSqlServerWarehouse(SETTINGS, rec);
    await w.plannedAssessments({ locality: 'Chesterfield', fullCareOrder: 'Yes' });
    const [q] = rec.queries();
    assert.equal(q.sql, SELECT_PLANNED_ASSESSMENTS);
    assert.match(q.sql, /FROM ppoc\.vw_planned_assessment/);
    assert.match(q.sql, /CONVERT\(CHAR\(10\), \[predicted_start_date\], 23\) AS \[predicted_start_date\]/);
    assert.deepEqual(q.params, [
      { name: 'locality', type: { kind: 'nvarchar', length: 200 }, value: 'Chesterfield' },
      { name: 'team', type: { kind: 'nvarchar', length: 200 }, value: null },
      { name: 'assessment_type', type: { kind: 'nvarchar', length: 20 }, value: null },
      { name: 'full_care_order', type: { kind: 'nvarchar', length: 3 }, value: 'Yes' },
    ]);
  });

  it('map refresh_log rows to entries with UTC instants and ISO dates', async () => {
    const rec = new RecordingConnector();
    rec.respond = (sql) => (sql === SELECT_RECENT_RUNS || sql === SELECT_LATEST_SUCCESS ? [LOG_ROW] : []);
    const w = createSqlServerWarehouse(SETTINGS, rec);
    const [entry] = await w.recentRuns(5);
    assert.deepEqual(entry, { ...LOG_ROW, started_at_utc: '2022-03-27T00:30:00.000Z' });
    assert.deepEqual(rec.queries()[0].params, [{ name: 'limit', type: { kind: 'int' }, value: 5 }]);
    assert.equal((await w.latestSuccessfulRun())?.run_id, 'r1');
    rec.respond = () => [];
    assert.equal(await w.latestSuccessfulRun(), null);
  });

  it('map data-quality rows back to issues, filtered by run and person', async () => {
    const rec = new RecordingConnector();
    rec.respond = (sql) => (sql === SELECT_ISSUES
      ? [{ run_id: 'r1', severity: 'error', source_file: 'episodes.csv', line: 7, column_name: 'DECOM', person_id: 'P1', rule: 'invalid_date', message: 'bad date' }]
      : []);
    const w = createSqlServerWarehouse(SETTINGS, rec);
    const issues = await w.dataQualityIssues({ personId: 'P1' });
    assert.deepEqual(issues, [{
      severity: 'error', sourceFile: 'episodes.csv', line: 7, column: 'DECOM', personId: 'P1', rule: 'invalid_date', message: 'bad date',
    }]);
    assert.deepEqual(rec.queries()[0].params.map((p) => [p.name, p.value]), [['run_id', null], ['person_id', 'P1']]);
  });
});
