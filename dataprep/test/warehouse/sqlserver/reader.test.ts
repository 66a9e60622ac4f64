import assert from 'node:assert/strict';
import { createSqlServerWarehouse } from '../../../src/warehouse/sqlserver/index';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import {
  SELECT_ISSUES, SELECT_LATEST_SUCCESS, SELECT_PLANNED_ASSESSMENTS, SELECT_RECENT_RUNS,
} from '../../../src/warehouse/sqlserver/statements';
import {
  SELECT_LATEST_FINISHED, SELECT_LOCALITIES, SELECT_PERSON_KNOWN, SELECT_SOURCE_FILES, SELECT_TEAMS,
} from '../../../src/warehouse/sqlserver/operations-statements';
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

  it('read a run\'s source files with UTC instants, the latest finished run, and the typo checks of explain and summary', async () => {
    const rec = new RecordingConnector();
    rec.respond = (sql, params) => {
      if (sql === SELECT_SOURCE_FILES) {
        return [{ run_id: 'r1', file_name: 'episodes.csv', size_bytes: 812, modified_at_utc: new Date('2022-05-31T05:10:00Z'),
          sha256: 'ab', rows_read: 9, rows_rejected: 1 }];
      }
      if (sql === SELECT_LATEST_FINISHED) return [{ ...LOG_ROW, status: 'failed' }];
      if (sql === SELECT_PERSON_KNOWN) return [{ known: params[0].value === 'P1' ? 1 : 0 }];
      if (sql === SELECT_LOCALITIES) return [{ value: 'Chesterfield' }, { value: 'High Peak & North Dales' }];
      if (sql === SELECT_TEAMS) return [{ value: 'CS Chesterfield CIC Team' }];
      return [];
    };
    const w = createSqlServerWarehouse(SETTINGS, rec);
    assert.deepEqual(await w.sourceFiles('r1'), [{
      run_id: 'r1', file_name: 'episodes.csv', size_bytes: 812, modified_at_utc: '2022-05-31T05:10:00.000Z', sha256: 'ab', rows_read: 9,
      rows_rejected: 1,
    }]);
    assert.equal((await w.latestFinishedRun())?.status, 'failed');
    assert.equal(await w.personKnown('P1', 'r1'), true);
    assert.equal(await w.personKnown('999999', 'r1'), false);
    const known = rec.queries().find((q) => q.sql === SELECT_PERSON_KNOWN);
    assert.deepEqual(known?.params.map((p) => [p.name, p.type, p.value]), [
      ['person_id', { kind: 'nvarchar', length: 50 }, 'P1'], ['run_id', { kind: 'nvarchar', length: 40 }, 'r1'],
    ]);
    assert.match(SELECT_PERSON_KNOWN, /vw_assessment_workflow[\s\S]*vw_data_quality_issue WHERE person_id = @person_id AND run_id = @run_id/);
    assert.deepEqual(await w.distinctValues('locality'), ['Chesterfield', 'High Peak & North Dales']);
    assert.deepEqual(await w.distinctValues('team'), ['CS Chesterfield CIC Team']);
  });
});
