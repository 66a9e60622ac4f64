import type { IsoDate } from '../../../../core/src/index';
import { FIGURE, fileFigure, startsFrom, type PastRun, type RunFigures } from '../../model/run-figures';
import { isRequiredFile } from '../../model/source-records';
import { TABLES } from '../../model/tables';
import { pastRunsOf, runFigureRows, type FiguresQuery, type RunFigureRow } from '../warehouse';
import type { Database } from './database';
import { insertRows } from './insert-rows';

/** run_figure on SQLite: each run's figures, written with its run log; the shrink guards' base. */
export function insertRunFigures(db: Database, runId: string, figures: RunFigures | undefined): void {
  insertRows(db, TABLES.run_figure, runFigureRows(runId, figures));
}

const ACCEPTED_RUN_FIGURES = `SELECT f.run_id, r.as_at_date, f.figure, f.figure_value, f.drop_accepted
FROM (
  SELECT run_id, as_at_date, finished_at_utc FROM refresh_log
  WHERE status = 'succeeded' AND as_at_date <= @asAt AND run_id IN (SELECT run_id FROM run_figure)
  ORDER BY as_at_date DESC, finished_at_utc DESC LIMIT @runs
) AS r
JOIN run_figure AS f ON f.run_id = r.run_id
ORDER BY r.as_at_date DESC, r.finished_at_utc DESC, f.figure`;

export function acceptedRunFigures(db: Database, query: FiguresQuery): PastRun[] {
  const rows = db.prepare(ACCEPTED_RUN_FIGURES).all({ asAt: query.asAt, runs: query.runs });
  return pastRunsOf(rows as unknown as (RunFigureRow & { as_at_date: IsoDate })[]);
}

/**
 * A file made before run_figure existed: the run whose tables are live gets the figures it
 * published (counted from those tables as run-figures.ts counts them, and its source_file rows),
 * so the first run after the upgrade is guarded too. Once: only while no successful run has figures.
 */
export function seedRunFigures(db: Database): string[] {
  const seeded = db.prepare(`SELECT 1 FROM run_figure AS f JOIN refresh_log AS r ON r.run_id = f.run_id WHERE r.status = 'succeeded' LIMIT 1`).get();
  const live = db.prepare(`SELECT run_id, as_at_date FROM refresh_log WHERE status = 'succeeded' AND as_at_date IS NOT NULL
    ORDER BY finished_at_utc DESC, started_at_utc DESC LIMIT 1`).get() as { run_id: string; as_at_date: IsoDate } | undefined;
  if (seeded || !live) return [];
  const count = (sql: string, ...params: string[]) => (db.prepare(`SELECT COUNT(*) AS n FROM ${sql}`).get(...params) as { n: number }).n;
  const values: Record<string, number> = {
    [FIGURE.plannedAssessmentRows]: count('planned_assessment'),
    [FIGURE.cicCohortRows]: count('cic_cohort'),
    [FIGURE.plansWithWorkerOrTeam]: count('planned_assessment WHERE social_worker IS NOT NULL OR team IS NOT NULL'),
    [FIGURE.actualStarts12Months]: count(`assessment_workflow WHERE qualifies = 'Yes' AND start_date BETWEEN ? AND ?`,
      startsFrom(live.as_at_date), live.as_at_date),
  };
  const files = db.prepare('SELECT file_name, rows_read FROM source_file WHERE run_id = ?').all(live.run_id) as { file_name: string; rows_read: number }[];
  for (const f of files) if (isRequiredFile(f.file_name)) values[fileFigure(f.file_name)] = f.rows_read;
  insertRunFigures(db, live.run_id, { values, accepted: new Set() });
  return [`run_figure: the figures of run ${live.run_id} (the live tables)`];
}
