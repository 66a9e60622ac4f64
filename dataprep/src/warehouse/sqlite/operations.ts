import type { Database } from './database';
import type { AssessmentWorkflowRow } from '../../model/refresh-set';
import { TABLES } from '../../model/tables';
import type { RefreshLogEntry, SourceFileRow } from '../warehouse';
import { insertRows } from './insert-rows';

/**
 * Release 2, operations (issue 11) on SQLite: source_file rows written with the run log, and the
 * reads behind `status`, `explain` and `summary`'s typo checks. Kept apart from the refresh itself.
 */
export function insertSourceFiles(db: Database, rows: readonly SourceFileRow[]): void {
  insertRows(db, TABLES.source_file, rows);
}

export function sourceFiles(db: Database, runId: string): SourceFileRow[] {
  return db.prepare('SELECT * FROM source_file WHERE run_id = ? ORDER BY file_name').all(runId) as unknown as SourceFileRow[];
}

export function assessmentWorkflows(db: Database, personId: string): AssessmentWorkflowRow[] {
  return db
    .prepare(`SELECT * FROM assessment_workflow WHERE person_id = ? ORDER BY start_date IS NULL, start_date, workflow_id`)
    .all(personId) as unknown as AssessmentWorkflowRow[];
}

export function latestFinishedRun(db: Database): RefreshLogEntry | null {
  const row = db
    .prepare(`SELECT * FROM refresh_log WHERE status IN ('succeeded', 'failed') ORDER BY finished_at_utc DESC, started_at_utc DESC LIMIT 1`)
    .get() as RefreshLogEntry | undefined;
  return row ?? null;
}

/** Every table that holds a person the extract mentioned (docs/operations.md "Typos are errors"). */
export const PERSON_TABLES = ['planned_assessment', 'cic_cohort', 'care_exit', 'plan_explanation', 'assessment_workflow'] as const;

export function personKnown(db: Database, personId: string, runId: string): boolean {
  const inTables = PERSON_TABLES.map((t) => `EXISTS (SELECT 1 FROM "${t}" WHERE person_id = @personId)`);
  const inIssues = 'EXISTS (SELECT 1 FROM data_quality_issue WHERE person_id = @personId AND run_id = @runId)';
  const row = db.prepare(`SELECT ${[...inTables, inIssues].join(' OR ')} AS known`).get({ personId, runId }) as { known: number };
  return row.known === 1;
}

/** The values a summary filter can match (the synthetic `All` rows excluded). */
export function distinctValues(db: Database, column: 'locality' | 'team'): string[] {
  const rows = db
    .prepare(
      `SELECT "${column}" AS value FROM locality_summary WHERE "${column}" <> 'All'
       UNION SELECT "${column}" FROM planned_assessment WHERE "${column}" IS NOT NULL ORDER BY 1`,
    )
    .all() as { value: string }[];
  return rows.map((r) => r.value);
}
