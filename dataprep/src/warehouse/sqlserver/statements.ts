/**
 * Every statement the SQL Server warehouse sends, in one place so a DBA can read them. Values
 * always travel as typed parameters; the only names put into text come from the catalog.
 */
import { TABLES, type TableDef } from '../../model/tables';
import { qualified, quoteIdent } from './identifiers';

export const LIVE_SCHEMA = 'ppoc';
export const STAGING_SCHEMA = 'ppoc_staging';
/** sp_getapplock resource: one refresh per database. */
export const LOCK_RESOURCE = 'ppoc-refresh';
/**
 * The database principal the lock is taken for: only its members (and db_owner) may take or test
 * it (sp_getapplock's @DbPrincipal), so no other login can hold ppoc-refresh to block the job.
 */
export const LOCK_PRINCIPAL = 'ppoc_writer';

const columnList = (table: TableDef): string => table.columns.map((c) => quoteIdent(c.name)).join(', ');

/**
 * First statement of every transaction the job opens: any error rolls the whole transaction
 * back on the server (the driver also sets it at login: abortTransactionOnError).
 */
export const XACT_ABORT_ON = 'SET XACT_ABORT ON;';

/**
 * Owned by the run's one transaction, which also clears staging, loads it and swaps: the lock
 * and the work end together (commit, rollback, or a dropped connection), so a second run can
 * never touch staging while the first still uses it. Taken for ppoc_writer; on a database that
 * has no such role yet (the first `migrate`, before 005 created it) for public, as nothing can
 * run there but the migration.
 */
export const GET_LOCK = `DECLARE @result INT;
IF DATABASE_PRINCIPAL_ID(N'${LOCK_PRINCIPAL}') IS NULL
    EXEC @result = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 0, @DbPrincipal = N'public';
ELSE
    EXEC @result = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 0, @DbPrincipal = N'${LOCK_PRINCIPAL}';
SELECT @result AS result;`;

export const APPLIED_MIGRATIONS = `IF OBJECT_ID(N'ppoc.schema_version', N'U') IS NULL
    SELECT CAST(NULL AS INT) AS version WHERE 1 = 0;
ELSE
    SELECT version FROM ppoc.schema_version ORDER BY version;`;

/** Only db_owner may apply migrations (CREATE SCHEMA/ROLE … AUTHORIZATION dbo, EXECUTE AS OWNER). */
export const CAN_MIGRATE = `SELECT CAST(ISNULL(IS_MEMBER(N'db_owner'), 0) AS INT) AS can_migrate;`;

export const MIGRATION_RECORDED = `SELECT COUNT(*) AS n FROM ppoc.schema_version WHERE version = @version;`;

const logValues = TABLES.refresh_log.columns.map((c) => `@${c.name}`).join(', ');

/** Every refresh_log column is a parameter (params.ts logParams), so an added column cannot be missed. */
export const INSERT_RUN = `INSERT INTO ppoc.refresh_log (${columnList(TABLES.refresh_log)})
VALUES (${logValues});`;

/**
 * A run the lock's holder finds still `running` belongs to a process or connection that ended
 * without finishing: nothing of it was published, and it is marked failed at the next start.
 */
export const MARK_ABANDONED_RUNS = `UPDATE ppoc.refresh_log
SET status = N'failed', finished_at_utc = @finished_at_utc, message = @message
WHERE status = N'running';`;

/** The procedures that clear and swap refuse to run unless the caller's transaction holds the lock (sql/009). */
export const CLEAR_STAGING = `EXEC ppoc_staging.clear_staging;`;

/**
 * The swap switches every live table out to its retired twin and its staging twin in, waiting at
 * low priority for report queries at most PPOC_SWAP_WAIT_SECONDS (rounded up to whole minutes,
 * 0: not at all), then error 1222 rolls the whole transaction back (XACT_ABORT). Its LOCK_TIMEOUT
 * and DEADLOCK_PRIORITY are set inside the procedure, so they end with it on every path.
 */
export const SWAP_INTO_LIVE = `EXEC ppoc_staging.swap_into_live @wait_seconds = @wait_seconds;`;

/** Error 1222: a lock wait ran out (the swap's low-priority wait, or LOCK_TIMEOUT 0). */
export const LOCK_TIMEOUT_ERROR = 1222;

/** After the commit, in a short transaction holding the lock again: yesterday's rows leave the retired twins. */
export const CLEAR_RETIRED = `EXEC ppoc_staging.clear_retired;`;

/** After the commit: the live tables' statistics describe today's rows (as owner: the login has no ALTER). */
export const UPDATE_LIVE_STATISTICS = `EXEC ppoc_staging.update_live_statistics;`;

/** Failed runs keep their issues; everything else (the previous successful run's) makes way. */
export const DELETE_SUPERSEDED_ISSUES = `DELETE FROM ppoc.data_quality_issue
WHERE run_id NOT IN (SELECT run_id FROM ppoc.refresh_log WHERE status = N'failed');`;

export const COPY_STAGED_ISSUES = `INSERT INTO ppoc.data_quality_issue (${columnList(TABLES.data_quality_issue)})
SELECT ${columnList(TABLES.data_quality_issue)} FROM ppoc_staging.data_quality_issue WHERE run_id = @run_id;`;

/**
 * The history is kept across swaps: inside the swap transaction the run's as-at date's rows
 * are replaced and rows older than the retention cut-off go (`as_at_date < NULL` deletes none).
 */
export const DELETE_REPLACED_HISTORY = `DELETE FROM ppoc.plan_status_history
WHERE as_at_date = @as_at_date OR as_at_date < @keep_from;`;

/** Staging was cleared at the start of this publish, under the run lock: it holds this run's rows only. */
export const COPY_STAGED_HISTORY = `INSERT INTO ppoc.plan_status_history (${columnList(TABLES.plan_status_history)})
SELECT ${columnList(TABLES.plan_status_history)} FROM ppoc_staging.plan_status_history;`;

/** Updates the run's row, or inserts it when the run never got as far as logging `running`. */
export const FINISH_RUN = `UPDATE ppoc.refresh_log
SET status = @status, finished_at_utc = @finished_at_utc, rows_read = @rows_read, rows_rejected = @rows_rejected,
    rows_written = @rows_written, message = @message
WHERE run_id = @run_id;
IF @@ROWCOUNT = 0
    INSERT INTO ppoc.refresh_log (${columnList(TABLES.refresh_log)})
    VALUES (${logValues});`;

/** `INSERT … VALUES (@r0_c0, …), (@r1_c0, …)` for `rowCount` rows of `table`. */
export function insertValues(table: TableDef, rowCount: number): string {
  const tuples = Array.from(
    { length: rowCount },
    (_, r) => `(${table.columns.map((_c, c) => `@r${r}_c${c}`).join(', ')})`,
  );
  return `INSERT INTO ${qualified(LIVE_SCHEMA, table.name)} (${columnList(table)})\nVALUES ${tuples.join(',\n       ')};`;
}

/** Select list that returns calendar dates as ISO text, so nothing converts them through `Date`. */
export function readColumns(table: TableDef): string {
  return table.columns
    .map((c) => (c.type === 'date' ? `CONVERT(CHAR(10), ${quoteIdent(c.name)}, 23) AS ${quoteIdent(c.name)}` : quoteIdent(c.name)))
    .join(', ');
}

export const SELECT_RECENT_RUNS = `SELECT TOP (@limit) ${readColumns(TABLES.refresh_log)}
FROM ppoc.refresh_log
ORDER BY started_at_utc DESC, run_id DESC;`;

export const SELECT_LATEST_SUCCESS = `SELECT TOP (1) ${readColumns(TABLES.refresh_log)}
FROM ppoc.refresh_log
WHERE status = N'succeeded'
ORDER BY finished_at_utc DESC, started_at_utc DESC;`;

export const SELECT_SUCCEEDED_AS_AT_DATES = `SELECT DISTINCT CONVERT(CHAR(10), as_at_date, 23) AS as_at_date
FROM ppoc.refresh_log
WHERE status = N'succeeded' AND as_at_date IS NOT NULL
ORDER BY as_at_date;`;

export const SELECT_PLANNED_ASSESSMENTS = `SELECT ${readColumns(TABLES.planned_assessment)}
FROM ppoc.vw_planned_assessment
WHERE (@locality IS NULL OR locality = @locality)
  AND (@team IS NULL OR team = @team)
  AND (@assessment_type IS NULL OR assessment_type = @assessment_type)
  AND (@full_care_order IS NULL OR full_care_order = @full_care_order)
ORDER BY status_order, predicted_start_date, person_id, assessment_type;`;

export const SELECT_PLAN_EXPLANATIONS = `SELECT ${readColumns(TABLES.plan_explanation)}
FROM ppoc.vw_plan_explanation
WHERE person_id = @person_id
ORDER BY assessment_type;`;

export const SELECT_ISSUES = `SELECT ${readColumns(TABLES.data_quality_issue)}
FROM ppoc.data_quality_issue
WHERE (@run_id IS NULL OR run_id = @run_id)
  AND (@person_id IS NULL OR person_id = @person_id)
ORDER BY source_file, line, run_id, [rule];`;

/**
 * The shrink guards' base (warehouse.ts acceptedRunFigures): the figures of the last @runs
 * successful runs as at @as_at_date or before that stored figures, newest as-at date first. From
 * the run log and the figures the runs stored: never the live tables (ppoc_writer reads those only
 * through their views, and a backfill may have rewound them).
 */
export const SELECT_ACCEPTED_RUN_FIGURES = `SELECT f.run_id, CONVERT(CHAR(10), r.as_at_date, 23) AS as_at_date, f.figure, f.figure_value, f.drop_accepted
FROM (
    SELECT TOP (@runs) run_id, as_at_date, finished_at_utc
    FROM ppoc.refresh_log
    WHERE status = N'succeeded' AND as_at_date <= @as_at_date AND run_id IN (SELECT run_id FROM ppoc.vw_run_figure)
    ORDER BY as_at_date DESC, finished_at_utc DESC
) AS r
JOIN ppoc.vw_run_figure AS f ON f.run_id = r.run_id
ORDER BY r.as_at_date DESC, r.finished_at_utc DESC, f.figure;`;

const historyColumns = TABLES.plan_status_history.columns
  .map((c) => (c.type === 'date' ? `CONVERT(CHAR(10), h.${quoteIdent(c.name)}, 23) AS ${quoteIdent(c.name)}` : `h.${quoteIdent(c.name)}`))
  .join(', ');
const KEPT_HISTORY = 'as_at_date < @before AND (@from IS NULL OR as_at_date >= @from)';

/** The rows of each calendar month's last as-at date before the run (model PriorHistory.monthEnds). */
export const SELECT_HISTORY_MONTH_ENDS = `SELECT ${historyColumns}
FROM ppoc.vw_plan_status_history AS h
WHERE h.as_at_date IN (
    SELECT MAX(as_at_date) FROM ppoc.vw_plan_status_history WHERE ${KEPT_HISTORY}
    GROUP BY YEAR(as_at_date), MONTH(as_at_date)
)
ORDER BY h.as_at_date, h.person_id, h.assessment_type;`;

/** Each plan's row on the last as-at date it was listed before the run (the key makes it one row). */
export const SELECT_HISTORY_LATEST_BY_PLAN = `SELECT ${historyColumns}
FROM ppoc.vw_plan_status_history AS h
JOIN (
    SELECT person_id, assessment_type, MAX(as_at_date) AS newest
    FROM ppoc.vw_plan_status_history WHERE ${KEPT_HISTORY}
    GROUP BY person_id, assessment_type
) AS m ON h.person_id = m.person_id AND h.assessment_type = m.assessment_type AND h.as_at_date = m.newest
ORDER BY h.person_id, h.assessment_type;`;

/** The places of every history row that stays after the run (its own date's rows are replaced). */
export const SELECT_HISTORY_PLACES = `SELECT DISTINCT locality, team
FROM ppoc.vw_plan_status_history
WHERE as_at_date <> @before AND (@from IS NULL OR as_at_date >= @from);`;

/** `export`: a whole table through its view, in key order (every column if it has no key). */
export function selectForExport(table: TableDef): string {
  const order = table.primaryKey.length ? table.primaryKey : table.columns.map((c) => c.name);
  return `SELECT ${readColumns(table)}\nFROM ppoc.vw_${table.name}\nORDER BY ${order.map(quoteIdent).join(', ')};`;
}
