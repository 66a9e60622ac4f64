-- 005: the two database roles. Logins and users are created by the DBA (docs/sqlserver.md) and
-- added to these roles; nothing here names a person or a password.
--   ppoc_writer  the prep job: bulk-load staging, run the two AS OWNER procedures, write the
--                run log and data-quality issues, read ppoc for its own status commands.
--                No ALTER, no DDL, no access to other schemas.
--   ppoc_reader  the Power BI gateway: SELECT on the ppoc.vw_* views and nothing else.

IF DATABASE_PRINCIPAL_ID(N'ppoc_writer') IS NULL
    EXEC (N'CREATE ROLE ppoc_writer AUTHORIZATION dbo');
GO

IF DATABASE_PRINCIPAL_ID(N'ppoc_reader') IS NULL
    EXEC (N'CREATE ROLE ppoc_reader AUTHORIZATION dbo');
GO

-- Bulk copy into staging needs SELECT and INSERT (constraints are checked during the load, so
-- no ALTER). Emptying staging and swapping go through the procedures.
GRANT SELECT, INSERT ON OBJECT::ppoc_staging.planned_assessment TO ppoc_writer;
GRANT SELECT, INSERT ON OBJECT::ppoc_staging.cic_cohort TO ppoc_writer;
GRANT SELECT, INSERT ON OBJECT::ppoc_staging.care_exit TO ppoc_writer;
GRANT SELECT, INSERT ON OBJECT::ppoc_staging.locality_summary TO ppoc_writer;
GRANT SELECT, INSERT ON OBJECT::ppoc_staging.target_progress TO ppoc_writer;
GRANT SELECT, INSERT ON OBJECT::ppoc_staging.plan_explanation TO ppoc_writer;
GRANT SELECT, INSERT ON OBJECT::ppoc_staging.user_access TO ppoc_writer;
GRANT SELECT, INSERT ON OBJECT::ppoc_staging.data_quality_issue TO ppoc_writer;
GRANT EXECUTE ON OBJECT::ppoc_staging.clear_staging TO ppoc_writer;
GRANT EXECUTE ON OBJECT::ppoc_staging.swap_into_live TO ppoc_writer;
GO

-- The run log and the issues are written directly, inside the job's transactions.
GRANT SELECT, INSERT, UPDATE ON OBJECT::ppoc.refresh_log TO ppoc_writer;
GRANT SELECT, INSERT, DELETE ON OBJECT::ppoc.data_quality_issue TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.schema_version TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_planned_assessment TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_cic_cohort TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_care_exit TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_locality_summary TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_target_progress TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_plan_explanation TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_user_access TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_refresh_log TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_data_quality_issue TO ppoc_writer;
GO

-- The gateway reads the views only; ownership chaining (all dbo-owned) lets them read the tables.
GRANT SELECT ON OBJECT::ppoc.vw_planned_assessment TO ppoc_reader;
GRANT SELECT ON OBJECT::ppoc.vw_cic_cohort TO ppoc_reader;
GRANT SELECT ON OBJECT::ppoc.vw_care_exit TO ppoc_reader;
GRANT SELECT ON OBJECT::ppoc.vw_locality_summary TO ppoc_reader;
GRANT SELECT ON OBJECT::ppoc.vw_target_progress TO ppoc_reader;
GRANT SELECT ON OBJECT::ppoc.vw_plan_explanation TO ppoc_reader;
GRANT SELECT ON OBJECT::ppoc.vw_user_access TO ppoc_reader;
GRANT SELECT ON OBJECT::ppoc.vw_refresh_log TO ppoc_reader;
GRANT SELECT ON OBJECT::ppoc.vw_data_quality_issue TO ppoc_reader;
GO

-- Verify, then record: a batch that failed (sqlcmd without -b, SSMS) leaves the file unrecorded.
IF DATABASE_PRINCIPAL_ID(N'ppoc_writer') IS NULL
    THROW 50000, N'005_roles: role ppoc_writer is missing', 1;
IF DATABASE_PRINCIPAL_ID(N'ppoc_reader') IS NULL
    THROW 50000, N'005_roles: role ppoc_reader is missing', 1;
IF EXISTS (
    SELECT 1
    FROM (VALUES
        (N'ppoc_writer', N'ppoc_staging.planned_assessment', N'SELECT'),
        (N'ppoc_writer', N'ppoc_staging.planned_assessment', N'INSERT'),
        (N'ppoc_writer', N'ppoc_staging.cic_cohort', N'SELECT'),
        (N'ppoc_writer', N'ppoc_staging.cic_cohort', N'INSERT'),
        (N'ppoc_writer', N'ppoc_staging.care_exit', N'SELECT'),
        (N'ppoc_writer', N'ppoc_staging.care_exit', N'INSERT'),
        (N'ppoc_writer', N'ppoc_staging.locality_summary', N'SELECT'),
        (N'ppoc_writer', N'ppoc_staging.locality_summary', N'INSERT'),
        (N'ppoc_writer', N'ppoc_staging.target_progress', N'SELECT'),
        (N'ppoc_writer', N'ppoc_staging.target_progress', N'INSERT'),
        (N'ppoc_writer', N'ppoc_staging.plan_explanation', N'SELECT'),
        (N'ppoc_writer', N'ppoc_staging.plan_explanation', N'INSERT'),
        (N'ppoc_writer', N'ppoc_staging.user_access', N'SELECT'),
        (N'ppoc_writer', N'ppoc_staging.user_access', N'INSERT'),
        (N'ppoc_writer', N'ppoc_staging.data_quality_issue', N'SELECT'),
        (N'ppoc_writer', N'ppoc_staging.data_quality_issue', N'INSERT'),
        (N'ppoc_writer', N'ppoc_staging.clear_staging', N'EXECUTE'),
        (N'ppoc_writer', N'ppoc_staging.swap_into_live', N'EXECUTE'),
        (N'ppoc_writer', N'ppoc.refresh_log', N'SELECT'),
        (N'ppoc_writer', N'ppoc.refresh_log', N'INSERT'),
        (N'ppoc_writer', N'ppoc.refresh_log', N'UPDATE'),
        (N'ppoc_writer', N'ppoc.data_quality_issue', N'SELECT'),
        (N'ppoc_writer', N'ppoc.data_quality_issue', N'INSERT'),
        (N'ppoc_writer', N'ppoc.data_quality_issue', N'DELETE'),
        (N'ppoc_writer', N'ppoc.schema_version', N'SELECT'),
        (N'ppoc_writer', N'ppoc.vw_planned_assessment', N'SELECT'),
        (N'ppoc_writer', N'ppoc.vw_cic_cohort', N'SELECT'),
        (N'ppoc_writer', N'ppoc.vw_care_exit', N'SELECT'),
        (N'ppoc_writer', N'ppoc.vw_locality_summary', N'SELECT'),
        (N'ppoc_writer', N'ppoc.vw_target_progress', N'SELECT'),
        (N'ppoc_writer', N'ppoc.vw_plan_explanation', N'SELECT'),
        (N'ppoc_writer', N'ppoc.vw_user_access', N'SELECT'),
        (N'ppoc_writer', N'ppoc.vw_refresh_log', N'SELECT'),
        (N'ppoc_writer', N'ppoc.vw_data_quality_issue', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_planned_assessment', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_cic_cohort', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_care_exit', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_locality_summary', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_target_progress', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_plan_explanation', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_user_access', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_refresh_log', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_data_quality_issue', N'SELECT')
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
    THROW 50000, N'005_roles: a grant of this file is missing (compare sys.database_permissions with the GRANTs above)', 1;
IF NOT EXISTS (SELECT 1 FROM ppoc.schema_version WHERE version = 5)
    INSERT INTO ppoc.schema_version (version, name, applied_at_utc) VALUES (5, N'005_roles', SYSUTCDATETIME());
GO
