/**
 * Every statement the job sends to SQL Server, captured through the recording connection by
 * driving each code path that talks to the server (migrate, a published run, a failed run
 * with issues and figures, the shrink guards' figures of earlier runs, the read commands, the history reads and the export,
 * doctor), for the sqlfluff parse. `exportedStatements` lists
 * the statement constants, so a new one that no path sends is noticed.
 */
import type { IsoDate } from '../../../../core/src/index';
import { createSqlServerWarehouse } from '../../../src/warehouse/sqlserver/index';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import * as doctorQueries from '../../../src/warehouse/sqlserver/doctor/queries';
import * as jobReads from '../../../src/warehouse/sqlserver/doctor/job-reads';
import * as statements from '../../../src/warehouse/sqlserver/statements';
import { healthyWorld, runDoctor } from './doctor-fixture';
import { runInfo, runOutcome, sampleRefreshSet } from '../../helpers/refresh-set-fixture';
import { RecordingConnector } from './recording-connector';

const SETTINGS = parseSqlServerSettings('Server=db01;Database=ppoc;User Id=u;Password=unused-here', {});

const issue = { severity: 'warning' as const, sourceFile: 'episodes.csv', line: 2, column: 'PLACE', personId: 'P1', rule: 'r', message: 'm' };

async function drive(rec: RecordingConnector): Promise<void> {
  const w = createSqlServerWarehouse(SETTINGS, rec);
  await w.migrate();
  const good = runInfo();
  await w.startRun(good);
  const figures = { values: { 'table_rows:planned_assessment': 2, 'file_rows:allocations': 1 }, accepted: new Set(['file_rows:allocations']) };
  await w.publish(good, sampleRefreshSet('a'), runOutcome({ issues: [issue], figures }));
  const bad = runInfo();
  await w.startRun(bad);
  await w.failRun(bad, runOutcome({ message: 'failed', issues: [issue, issue] }));
  await w.acceptedRunFigures({ asAt: '2022-05-31' as IsoDate, runs: 7 });
  await w.latestSuccessfulRun();
  await w.recentRuns(5);
  await w.plannedAssessments({ locality: 'North' });
  await w.planExplanations('P1');
  await w.dataQualityIssues({ runId: good.runId });
  await w.priorHistory({ before: '2022-05-31' as IsoDate, from: '2022-04-01' as IsoDate });
  await w.succeededAsAtDates();
  for (const table of ['locality_team', 'plan_status_history'] as const) await w.eachRow(table, () => undefined);
  await w.close();
}

/** Distinct SQL texts sent, in first-sent order. */
export async function capturedStatements(): Promise<string[]> {
  const rec = new RecordingConnector();
  await drive(rec);
  const { rec: doctor } = await runDoctor(healthyWorld());
  return [...new Set([...rec.queries(), ...doctor.queries()].map((q) => q.sql))];
}

/** The statements spelt out in statements.ts (constants, and the swap as sent by default). */
export function exportedStatements(): string[] {
  const constants = [...Object.values(statements), ...Object.values(doctorQueries), ...Object.values(jobReads)]
    .filter((v): v is string => typeof v === 'string' && /\s/.test(v));
  return constants;
}
