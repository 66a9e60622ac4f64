-- 008: release 2 (issue 10), trends and report data. Re-runnable; nothing is dropped but the two
-- page-2 primary keys, which are rebuilt with full_care_order in them.
--   new curated tables  ppoc.timeliness_by_month, ppoc.locality_team (replaced by every swap, like
--                       the others, through their ppoc_staging twins)
--   kept history        ppoc.plan_status_history: NOT swapped; the job bulk-loads the run's rows into
--                       ppoc_staging.plan_status_history and, inside the swap transaction, replaces
--                       that as-at date's rows and deletes rows older than PPOC_HISTORY_DAYS
--   new column          full_care_order (Yes/No/All) on locality_summary and target_progress, live
--                       and staging; rows already there become the All rows (DEFAULT N'All')
--   views, the two procedures with the new tables, grants.

IF OBJECT_ID(N'ppoc.timeliness_by_month', N'U') IS NULL
    CREATE TABLE ppoc.timeliness_by_month (
        month                        NVARCHAR(7)    NOT NULL,
        locality                     NVARCHAR(200)  NOT NULL,
        team                         NVARCHAR(200)  NOT NULL,
        assessment_type              NVARCHAR(20)   NOT NULL,
        started                      INT            NOT NULL,
        started_on_time              INT            NOT NULL,
        started_late                 INT            NOT NULL,
        pct_on_time                  DECIMAL(4,1)   NULL,
        median_days_late             DECIMAL(7,1)   NULL,
        not_yet_started_at_month_end INT            NULL,
        target_pct_on_time           DECIMAL(4,1)   NULL,
        CONSTRAINT PK_timeliness_by_month PRIMARY KEY CLUSTERED (month, locality, team, assessment_type)
    );
GO

IF OBJECT_ID(N'ppoc.locality_team', N'U') IS NULL
    CREATE TABLE ppoc.locality_team (
        locality   NVARCHAR(200)  NOT NULL,
        team       NVARCHAR(200)  NOT NULL,
        sort_order INT            NOT NULL,
        CONSTRAINT PK_locality_team PRIMARY KEY CLUSTERED (locality, team)
    );
GO

IF OBJECT_ID(N'ppoc.plan_status_history', N'U') IS NULL
    CREATE TABLE ppoc.plan_status_history (
        as_at_date           DATE           NOT NULL,
        person_id            NVARCHAR(50)   NOT NULL,
        assessment_type      NVARCHAR(20)   NOT NULL,
        status               NVARCHAR(60)   NOT NULL,
        status_order         INT            NOT NULL,
        predicted_start_date DATE           NOT NULL,
        actual_start_date    DATE           NULL,
        days_late            INT            NOT NULL,
        locality             NVARCHAR(200)  NULL,
        team                 NVARCHAR(200)  NULL,
        full_care_order      BIT            NOT NULL,
        run_id               NVARCHAR(40)   NOT NULL,
        CONSTRAINT PK_plan_status_history PRIMARY KEY CLUSTERED (as_at_date, person_id, assessment_type)
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_plan_status_history_person_id_assessment_type_as_at_date' AND object_id = OBJECT_ID(N'ppoc.plan_status_history'))
    CREATE NONCLUSTERED INDEX IX_plan_status_history_person_id_assessment_type_as_at_date ON ppoc.plan_status_history (person_id, assessment_type, as_at_date);
GO

IF OBJECT_ID(N'ppoc_staging.timeliness_by_month', N'U') IS NULL
    CREATE TABLE ppoc_staging.timeliness_by_month (
        month                        NVARCHAR(7)    NOT NULL,
        locality                     NVARCHAR(200)  NOT NULL,
        team                         NVARCHAR(200)  NOT NULL,
        assessment_type              NVARCHAR(20)   NOT NULL,
        started                      INT            NOT NULL,
        started_on_time              INT            NOT NULL,
        started_late                 INT            NOT NULL,
        pct_on_time                  DECIMAL(4,1)   NULL,
        median_days_late             DECIMAL(7,1)   NULL,
        not_yet_started_at_month_end INT            NULL,
        target_pct_on_time           DECIMAL(4,1)   NULL,
        CONSTRAINT PK_timeliness_by_month PRIMARY KEY CLUSTERED (month, locality, team, assessment_type)
    );
GO

IF OBJECT_ID(N'ppoc_staging.locality_team', N'U') IS NULL
    CREATE TABLE ppoc_staging.locality_team (
        locality   NVARCHAR(200)  NOT NULL,
        team       NVARCHAR(200)  NOT NULL,
        sort_order INT            NOT NULL,
        CONSTRAINT PK_locality_team PRIMARY KEY CLUSTERED (locality, team)
    );
GO

IF OBJECT_ID(N'ppoc_staging.plan_status_history', N'U') IS NULL
    CREATE TABLE ppoc_staging.plan_status_history (
        as_at_date           DATE           NOT NULL,
        person_id            NVARCHAR(50)   NOT NULL,
        assessment_type      NVARCHAR(20)   NOT NULL,
        status               NVARCHAR(60)   NOT NULL,
        status_order         INT            NOT NULL,
        predicted_start_date DATE           NOT NULL,
        actual_start_date    DATE           NULL,
        days_late            INT            NOT NULL,
        locality             NVARCHAR(200)  NULL,
        team                 NVARCHAR(200)  NULL,
        full_care_order      BIT            NOT NULL,
        run_id               NVARCHAR(40)   NOT NULL,
        CONSTRAINT PK_plan_status_history PRIMARY KEY CLUSTERED (as_at_date, person_id, assessment_type)
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_plan_status_history_person_id_assessment_type_as_at_date' AND object_id = OBJECT_ID(N'ppoc_staging.plan_status_history'))
    CREATE NONCLUSTERED INDEX IX_plan_status_history_person_id_assessment_type_as_at_date ON ppoc_staging.plan_status_history (person_id, assessment_type, as_at_date);
GO

-- full_care_order on the page-2 tables: added to the live table and its staging twin alike (SWITCH
-- needs identical columns), then into the primary key of both.
IF COL_LENGTH(N'ppoc.locality_summary', N'full_care_order') IS NULL
    ALTER TABLE ppoc.locality_summary ADD full_care_order NVARCHAR(3) NOT NULL DEFAULT N'All';
GO
IF COL_LENGTH(N'ppoc_staging.locality_summary', N'full_care_order') IS NULL
    ALTER TABLE ppoc_staging.locality_summary ADD full_care_order NVARCHAR(3) NOT NULL DEFAULT N'All';
GO
IF COL_LENGTH(N'ppoc.target_progress', N'full_care_order') IS NULL
    ALTER TABLE ppoc.target_progress ADD full_care_order NVARCHAR(3) NOT NULL DEFAULT N'All';
GO
IF COL_LENGTH(N'ppoc_staging.target_progress', N'full_care_order') IS NULL
    ALTER TABLE ppoc_staging.target_progress ADD full_care_order NVARCHAR(3) NOT NULL DEFAULT N'All';
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes AS i
    JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
    JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
    WHERE i.object_id = OBJECT_ID(N'ppoc.locality_summary') AND i.is_primary_key = 1 AND c.name = N'full_care_order')
BEGIN
    ALTER TABLE ppoc.locality_summary DROP CONSTRAINT PK_locality_summary;
    ALTER TABLE ppoc.locality_summary ADD CONSTRAINT PK_locality_summary PRIMARY KEY CLUSTERED (locality, team, full_care_order);
END;
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes AS i
    JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
    JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
    WHERE i.object_id = OBJECT_ID(N'ppoc_staging.locality_summary') AND i.is_primary_key = 1 AND c.name = N'full_care_order')
BEGIN
    ALTER TABLE ppoc_staging.locality_summary DROP CONSTRAINT PK_locality_summary;
    ALTER TABLE ppoc_staging.locality_summary ADD CONSTRAINT PK_locality_summary PRIMARY KEY CLUSTERED (locality, team, full_care_order);
END;
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes AS i
    JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
    JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
    WHERE i.object_id = OBJECT_ID(N'ppoc.target_progress') AND i.is_primary_key = 1 AND c.name = N'full_care_order')
BEGIN
    ALTER TABLE ppoc.target_progress DROP CONSTRAINT PK_target_progress;
    ALTER TABLE ppoc.target_progress ADD CONSTRAINT PK_target_progress PRIMARY KEY CLUSTERED (locality, measure, period_start, period_end, full_care_order);
END;
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes AS i
    JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
    JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
    WHERE i.object_id = OBJECT_ID(N'ppoc_staging.target_progress') AND i.is_primary_key = 1 AND c.name = N'full_care_order')
BEGIN
    ALTER TABLE ppoc_staging.target_progress DROP CONSTRAINT PK_target_progress;
    ALTER TABLE ppoc_staging.target_progress ADD CONSTRAINT PK_target_progress PRIMARY KEY CLUSTERED (locality, measure, period_start, period_end, full_care_order);
END;
GO

CREATE OR ALTER VIEW ppoc.vw_locality_summary
AS
SELECT
    locality,
    team,
    children_in_care,
    fco_children,
    plans,
    started_on_time_last_window,
    started_late_last_window,
    not_yet_started,
    upcoming_next_window,
    sgo_exits_last_12_months,
    reunification_exits_last_12_months,
    as_at_date,
    full_care_order
FROM ppoc.locality_summary;
GO

CREATE OR ALTER VIEW ppoc.vw_target_progress
AS
SELECT
    locality,
    measure,
    period_start,
    period_end,
    target,
    actual,
    as_at_date,
    full_care_order
FROM ppoc.target_progress;
GO

CREATE OR ALTER VIEW ppoc.vw_timeliness_by_month
AS
SELECT
    month,
    locality,
    team,
    assessment_type,
    started,
    started_on_time,
    started_late,
    pct_on_time,
    median_days_late,
    not_yet_started_at_month_end,
    target_pct_on_time
FROM ppoc.timeliness_by_month;
GO

CREATE OR ALTER VIEW ppoc.vw_locality_team
AS
SELECT
    locality,
    team,
    sort_order
FROM ppoc.locality_team;
GO

CREATE OR ALTER VIEW ppoc.vw_plan_status_history
AS
SELECT
    as_at_date,
    person_id,
    assessment_type,
    status,
    status_order,
    predicted_start_date,
    actual_start_date,
    days_late,
    locality,
    team,
    CAST(CASE full_care_order WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS full_care_order,
    run_id
FROM ppoc.plan_status_history;
GO

-- 007's procedures (the lock-owner check, XACT_ABORT) with this file's tables added. Clearing
-- staging empties the history's staging table too.
CREATE OR ALTER PROCEDURE ppoc_staging.clear_staging
WITH EXECUTE AS OWNER
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    IF ISNULL(APPLOCK_MODE(N'public', N'ppoc-refresh', N'Transaction'), N'NoLock') <> N'Exclusive'
        THROW 50002, N'ppoc_staging.clear_staging: the calling transaction does not hold the ppoc-refresh lock; nothing was cleared', 1;
    TRUNCATE TABLE ppoc_staging.planned_assessment;
    TRUNCATE TABLE ppoc_staging.cic_cohort;
    TRUNCATE TABLE ppoc_staging.care_exit;
    TRUNCATE TABLE ppoc_staging.locality_summary;
    TRUNCATE TABLE ppoc_staging.target_progress;
    TRUNCATE TABLE ppoc_staging.plan_explanation;
    TRUNCATE TABLE ppoc_staging.user_access;
    TRUNCATE TABLE ppoc_staging.assessment_workflow;
    TRUNCATE TABLE ppoc_staging.timeliness_by_month;
    TRUNCATE TABLE ppoc_staging.locality_team;
    TRUNCATE TABLE ppoc_staging.data_quality_issue;
    TRUNCATE TABLE ppoc_staging.plan_status_history;
END;
GO

-- Every curated table is replaced, or none is. The history is not switched: the job replaces its
-- as-at date's rows in the same transaction (statements.ts).
CREATE OR ALTER PROCEDURE ppoc_staging.swap_into_live
WITH EXECUTE AS OWNER
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    IF @@TRANCOUNT = 0
        THROW 50001, N'ppoc_staging.swap_into_live must run inside the refresh transaction', 1;
    IF ISNULL(APPLOCK_MODE(N'public', N'ppoc-refresh', N'Transaction'), N'NoLock') <> N'Exclusive'
        THROW 50002, N'ppoc_staging.swap_into_live: the calling transaction does not hold the ppoc-refresh lock; nothing was swapped', 1;
    TRUNCATE TABLE ppoc.planned_assessment;
    ALTER TABLE ppoc_staging.planned_assessment SWITCH TO ppoc.planned_assessment;
    TRUNCATE TABLE ppoc.cic_cohort;
    ALTER TABLE ppoc_staging.cic_cohort SWITCH TO ppoc.cic_cohort;
    TRUNCATE TABLE ppoc.care_exit;
    ALTER TABLE ppoc_staging.care_exit SWITCH TO ppoc.care_exit;
    TRUNCATE TABLE ppoc.locality_summary;
    ALTER TABLE ppoc_staging.locality_summary SWITCH TO ppoc.locality_summary;
    TRUNCATE TABLE ppoc.target_progress;
    ALTER TABLE ppoc_staging.target_progress SWITCH TO ppoc.target_progress;
    TRUNCATE TABLE ppoc.plan_explanation;
    ALTER TABLE ppoc_staging.plan_explanation SWITCH TO ppoc.plan_explanation;
    TRUNCATE TABLE ppoc.user_access;
    ALTER TABLE ppoc_staging.user_access SWITCH TO ppoc.user_access;
    TRUNCATE TABLE ppoc.assessment_workflow;
    ALTER TABLE ppoc_staging.assessment_workflow SWITCH TO ppoc.assessment_workflow;
    TRUNCATE TABLE ppoc.timeliness_by_month;
    ALTER TABLE ppoc_staging.timeliness_by_month SWITCH TO ppoc.timeliness_by_month;
    TRUNCATE TABLE ppoc.locality_team;
    ALTER TABLE ppoc_staging.locality_team SWITCH TO ppoc.locality_team;
END;
GO

-- The job loads the new staging tables and writes the kept history directly (DELETE needs SELECT);
-- the gateway reads the new views only.
GRANT SELECT, INSERT ON OBJECT::ppoc_staging.timeliness_by_month TO ppoc_writer;
GRANT SELECT, INSERT ON OBJECT::ppoc_staging.locality_team TO ppoc_writer;
GRANT SELECT, INSERT ON OBJECT::ppoc_staging.plan_status_history TO ppoc_writer;
GRANT SELECT, INSERT, DELETE ON OBJECT::ppoc.plan_status_history TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_timeliness_by_month TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_locality_team TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_plan_status_history TO ppoc_writer;
GO

GRANT SELECT ON OBJECT::ppoc.vw_timeliness_by_month TO ppoc_reader;
GRANT SELECT ON OBJECT::ppoc.vw_locality_team TO ppoc_reader;
GRANT SELECT ON OBJECT::ppoc.vw_plan_status_history TO ppoc_reader;
GO

-- Last: check that everything above exists, and only then record the file (a batch that failed
-- under sqlcmd without -b, or in SSMS, leaves the file unrecorded).
IF OBJECT_ID(N'ppoc.timeliness_by_month', N'U') IS NULL
    OR OBJECT_ID(N'ppoc.locality_team', N'U') IS NULL
    OR OBJECT_ID(N'ppoc.plan_status_history', N'U') IS NULL
    OR OBJECT_ID(N'ppoc_staging.timeliness_by_month', N'U') IS NULL
    OR OBJECT_ID(N'ppoc_staging.locality_team', N'U') IS NULL
    OR OBJECT_ID(N'ppoc_staging.plan_status_history', N'U') IS NULL
    OR OBJECT_ID(N'ppoc.vw_locality_summary', N'V') IS NULL
    OR OBJECT_ID(N'ppoc.vw_target_progress', N'V') IS NULL
    OR OBJECT_ID(N'ppoc.vw_timeliness_by_month', N'V') IS NULL
    OR OBJECT_ID(N'ppoc.vw_locality_team', N'V') IS NULL
    OR OBJECT_ID(N'ppoc.vw_plan_status_history', N'V') IS NULL
    THROW 50000, N'008_trends_and_report_data: a table or view this file creates is missing; not recorded', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc.plan_status_history'), N'IX_plan_status_history_person_id_assessment_type_as_at_date', 'IndexID') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.plan_status_history'), N'IX_plan_status_history_person_id_assessment_type_as_at_date', 'IndexID') IS NULL
    THROW 50000, N'008_trends_and_report_data: index IX_plan_status_history_person_id_assessment_type_as_at_date is missing; not recorded', 1;
IF COL_LENGTH(N'ppoc.locality_summary', N'full_care_order') IS NULL
    OR COL_LENGTH(N'ppoc.target_progress', N'full_care_order') IS NULL
    OR COL_LENGTH(N'ppoc_staging.locality_summary', N'full_care_order') IS NULL
    OR COL_LENGTH(N'ppoc_staging.target_progress', N'full_care_order') IS NULL
    OR ISNULL(INDEX_COL(N'ppoc.locality_summary', 1, 3), N'') <> N'full_care_order'
    OR ISNULL(INDEX_COL(N'ppoc.target_progress', 1, 5), N'') <> N'full_care_order'
    OR ISNULL(INDEX_COL(N'ppoc_staging.locality_summary', 1, 3), N'') <> N'full_care_order'
    OR ISNULL(INDEX_COL(N'ppoc_staging.target_progress', 1, 5), N'') <> N'full_care_order'
    THROW 50000, N'008_trends_and_report_data: full_care_order is missing from a page-2 table or its key; not recorded', 1;
IF ISNULL(OBJECT_DEFINITION(OBJECT_ID(N'ppoc_staging.clear_staging')), N'') NOT LIKE N'%APPLOCK_MODE%'
    OR ISNULL(OBJECT_DEFINITION(OBJECT_ID(N'ppoc_staging.swap_into_live')), N'') NOT LIKE N'%APPLOCK_MODE%'
    OR ISNULL(OBJECT_DEFINITION(OBJECT_ID(N'ppoc_staging.clear_staging')), N'') NOT LIKE N'%ppoc_staging.locality_team%'
    OR ISNULL(OBJECT_DEFINITION(OBJECT_ID(N'ppoc_staging.swap_into_live')), N'') NOT LIKE N'%ppoc_staging.locality_team%'
    THROW 50000, N'008_trends_and_report_data: a procedure lacks the lock-owner check or a table of this file; not recorded', 1;
IF EXISTS (
    SELECT 1
    FROM (VALUES
        (N'ppoc_writer', N'ppoc_staging.timeliness_by_month', N'SELECT'),
        (N'ppoc_writer', N'ppoc_staging.timeliness_by_month', N'INSERT'),
        (N'ppoc_writer', N'ppoc_staging.locality_team', N'SELECT'),
        (N'ppoc_writer', N'ppoc_staging.locality_team', N'INSERT'),
        (N'ppoc_writer', N'ppoc_staging.plan_status_history', N'SELECT'),
        (N'ppoc_writer', N'ppoc_staging.plan_status_history', N'INSERT'),
        (N'ppoc_writer', N'ppoc.plan_status_history', N'SELECT'),
        (N'ppoc_writer', N'ppoc.plan_status_history', N'INSERT'),
        (N'ppoc_writer', N'ppoc.plan_status_history', N'DELETE'),
        (N'ppoc_writer', N'ppoc.vw_timeliness_by_month', N'SELECT'),
        (N'ppoc_writer', N'ppoc.vw_locality_team', N'SELECT'),
        (N'ppoc_writer', N'ppoc.vw_plan_status_history', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_timeliness_by_month', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_locality_team', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_plan_status_history', N'SELECT')
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
    THROW 50000, N'008_trends_and_report_data: a grant of this file is missing; not recorded', 1;
IF NOT EXISTS (SELECT 1 FROM ppoc.schema_version WHERE version = 8)
    INSERT INTO ppoc.schema_version (version, name, applied_at_utc) VALUES (8, N'008_trends_and_report_data', SYSUTCDATETIME());
GO
