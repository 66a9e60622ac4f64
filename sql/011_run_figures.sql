-- 011 (issue 20): the figures each run's shrink guards compare, kept with the run.
--   run_figure     one row per run and figure (dataprep/src/model/run-figures.ts): the rows of
--                  planned_assessment and cic_cohort, the plans with a social worker or team, the
--                  actual starts in the 12 months to the as-at date, the data rows of each required
--                  file; drop_accepted when --allow-shrink accepted a fall of that figure. A log kept
--                  forever like refresh_log and source_file, written in the run's final transaction
--                  (failed runs too). The guards compare a run with the largest figure of the last
--                  7 successful runs as at its date or before, read here and in refresh_log: never
--                  the live tables (ppoc_writer reads those only through their views).
--   seed           the run whose tables are live gets the figures it published, counted from those
--                  tables as the job counts them, so the first run after this migration is guarded
--                  too (once: only while no successful run has figures).
-- Re-runnable; the last batch checks every object and grant before it records the file.

IF OBJECT_ID(N'ppoc.run_figure', N'U') IS NULL
    CREATE TABLE ppoc.run_figure (
        run_id        NVARCHAR(40)   NOT NULL,
        figure        NVARCHAR(60)   NOT NULL,
        figure_value  INT            NOT NULL,
        drop_accepted BIT            NOT NULL,
        CONSTRAINT PK_run_figure PRIMARY KEY CLUSTERED (run_id, figure)
    );
GO

CREATE OR ALTER VIEW ppoc.vw_run_figure
AS
SELECT
    run_id,
    figure,
    figure_value,
    CAST(CASE drop_accepted WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS drop_accepted
FROM ppoc.run_figure;
GO

-- The seed: the same counts as dataprep/src/model/run-figures.ts (DATEADD clamps to the month's
-- last day as the job does: 2024-02-29 less 12 months is 2023-02-28).
IF NOT EXISTS (SELECT 1 FROM ppoc.run_figure AS f JOIN ppoc.refresh_log AS r ON r.run_id = f.run_id WHERE r.status = N'succeeded')
BEGIN
    DECLARE @run_id NVARCHAR(40);
    DECLARE @as_at_date DATE;
    SELECT TOP (1) @run_id = run_id, @as_at_date = as_at_date
    FROM ppoc.refresh_log
    WHERE status = N'succeeded' AND as_at_date IS NOT NULL
    ORDER BY finished_at_utc DESC, started_at_utc DESC;
    IF @run_id IS NOT NULL
        INSERT INTO ppoc.run_figure (run_id, figure, figure_value, drop_accepted)
        SELECT @run_id, N'table_rows:planned_assessment', COUNT(*), 0 FROM ppoc.planned_assessment
        UNION ALL
        SELECT @run_id, N'table_rows:cic_cohort', COUNT(*), 0 FROM ppoc.cic_cohort
        UNION ALL
        SELECT @run_id, N'plans_with_worker_or_team', COUNT(*), 0 FROM ppoc.planned_assessment
        WHERE social_worker IS NOT NULL OR team IS NOT NULL
        UNION ALL
        SELECT @run_id, N'actual_starts_12_months', COUNT(*), 0 FROM ppoc.assessment_workflow
        WHERE qualifies = 1 AND start_date BETWEEN DATEADD(MONTH, -12, @as_at_date) AND @as_at_date
        UNION ALL
        SELECT @run_id, N'file_rows:' + LEFT(file_name, CHARINDEX(N'.', file_name) - 1), rows_read, 0 FROM ppoc.source_file
        WHERE run_id = @run_id AND file_name IN (N'episodes.csv', N'allocations.csv', N'assessments.csv', N'predictions.csv', N'predictions.xlsx');
END;
GO

-- The job writes run_figure directly in its final transaction, as it does source_file.
GRANT SELECT, INSERT ON OBJECT::ppoc.run_figure TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_run_figure TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_run_figure TO ppoc_reader;
GO

-- Verify, then record: a batch that failed (sqlcmd without -b, SSMS) leaves the file unrecorded.
IF OBJECT_ID(N'ppoc.run_figure', N'U') IS NULL
    THROW 50000, N'011_run_figures: table ppoc.run_figure is missing', 1;
IF OBJECT_ID(N'ppoc.vw_run_figure', N'V') IS NULL
    THROW 50000, N'011_run_figures: view ppoc.vw_run_figure is missing', 1;
IF EXISTS (
    SELECT 1
    FROM (VALUES
        (N'ppoc_writer', N'ppoc.run_figure', N'SELECT'),
        (N'ppoc_writer', N'ppoc.run_figure', N'INSERT'),
        (N'ppoc_writer', N'ppoc.vw_run_figure', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_run_figure', N'SELECT')
    ) AS g (role_name, object_name, permission_name)
    WHERE NOT EXISTS (
        SELECT 1
        FROM sys.database_permissions AS p
        WHERE p.class = 1
          AND p.grantee_principal_id = DATABASE_PRINCIPAL_ID(g.role_name)
          AND p.major_id = OBJECT_ID(g.object_name)
          AND p.permission_name = g.permission_name
          AND p.state IN ('G', 'W')
    )
)
    THROW 50000, N'011_run_figures: a grant of this file is missing; not recorded', 1;
IF NOT EXISTS (SELECT 1 FROM ppoc.schema_version WHERE version = 11)
    INSERT INTO ppoc.schema_version (version, name, applied_at_utc) VALUES (11, N'011_run_figures', SYSUTCDATETIME());
GO
