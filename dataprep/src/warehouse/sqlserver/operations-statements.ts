/**
 * Release 2, operations (issue 11): the statements behind source_file, assessment_workflow and
 * the typo checks of `explain` and `summary`. Reads go through the ppoc.vw_* views, as the rest
 * of the read side does; values are typed parameters.
 */
import { TABLES } from '../../model/tables';
import { readColumns } from './statements';

export const SELECT_SOURCE_FILES = `SELECT ${readColumns(TABLES.source_file)}
FROM ppoc.vw_source_file
WHERE run_id = @run_id
ORDER BY file_name;`;

export const SELECT_ASSESSMENT_WORKFLOWS = `SELECT ${readColumns(TABLES.assessment_workflow)}
FROM ppoc.vw_assessment_workflow
WHERE person_id = @person_id
ORDER BY CASE WHEN start_date IS NULL THEN 1 ELSE 0 END, start_date, workflow_id;`;

export const SELECT_LATEST_FINISHED = `SELECT TOP (1) ${readColumns(TABLES.refresh_log)}
FROM ppoc.refresh_log
WHERE status IN (N'succeeded', N'failed')
ORDER BY finished_at_utc DESC, started_at_utc DESC;`;

/** Whether any published table, or the run's issues, mentions the person. */
export const SELECT_PERSON_KNOWN = `SELECT CASE WHEN
    EXISTS (SELECT 1 FROM ppoc.vw_planned_assessment WHERE person_id = @person_id)
    OR EXISTS (SELECT 1 FROM ppoc.vw_cic_cohort WHERE person_id = @person_id)
    OR EXISTS (SELECT 1 FROM ppoc.vw_care_exit WHERE person_id = @person_id)
    OR EXISTS (SELECT 1 FROM ppoc.vw_plan_explanation WHERE person_id = @person_id)
    OR EXISTS (SELECT 1 FROM ppoc.vw_assessment_workflow WHERE person_id = @person_id)
    OR EXISTS (SELECT 1 FROM ppoc.vw_data_quality_issue WHERE person_id = @person_id AND run_id = @run_id)
  THEN 1 ELSE 0 END AS known;`;

export const SELECT_LOCALITIES = `SELECT locality AS value FROM ppoc.vw_locality_summary WHERE locality <> N'All'
UNION SELECT locality FROM ppoc.vw_planned_assessment WHERE locality IS NOT NULL
ORDER BY value;`;

export const SELECT_TEAMS = `SELECT team AS value FROM ppoc.vw_locality_summary WHERE team <> N'All'
UNION SELECT team FROM ppoc.vw_planned_assessment WHERE team IS NOT NULL
ORDER BY value;`;
