-- 009 (issue 17): a swap that never stalls the report, and a lock only the job may take.
--   ppoc_retired   a third twin of every curated table. The swap switches each live table out to
--                  its retired twin and its staging twin in, both WITH (WAIT_AT_LOW_PRIORITY
--                  (MAX_DURATION = n MINUTES, ABORT_AFTER_WAIT = SELF)): while it waits for report
--                  queries still reading a table, later report queries are not queued behind it,
--                  and after n minutes it gives up (the whole refresh rolls back). 007's TRUNCATE of
--                  a live table could not wait at low priority; the retired twins are emptied after
--                  the commit instead (clear_retired), and at the start of the next load.
--   the app lock   taken by the job for the role ppoc_writer, not public: only a member of
--                  ppoc_writer (or db_owner) can take or test it, so no other login can block the
--                  night's run by holding ppoc-refresh. The procedures check it for ppoc_writer.
--   statistics     update_live_statistics: UPDATE STATISTICS on the live tables after the swap, as
--                  owner (the job's login holds no ALTER), so the report's first queries are planned
--                  on today's rows.
--   ppoc_reader    loses vw_data_quality_issue and vw_user_access (the report needs neither; MI and
--                  the job keep them through ppoc_writer). docs/report-model.md: row-level security.
-- Re-runnable; the last batch checks every object and grant before it records the file.

IF SCHEMA_ID(N'ppoc_retired') IS NULL
    EXEC (N'CREATE SCHEMA ppoc_retired AUTHORIZATION dbo');
GO

IF OBJECT_ID(N'ppoc_retired.planned_assessment', N'U') IS NULL
    CREATE TABLE ppoc_retired.planned_assessment (
        person_id                  NVARCHAR(50)   NOT NULL,
        child_name                 NVARCHAR(200)  NULL,
        social_worker              NVARCHAR(200)  NULL,
        team                       NVARCHAR(200)  NULL,
        locality                   NVARCHAR(200)  NULL,
        placement_type             NVARCHAR(200)  NULL,
        placement_provider         NVARCHAR(200)  NULL,
        legal_status               NVARCHAR(10)   NULL,
        full_care_order            BIT            NOT NULL,
        assessment_type            NVARCHAR(20)   NOT NULL,
        predicted_start_date       DATE           NOT NULL,
        first_predicted_start_date DATE           NOT NULL,
        prediction_revisions       INT            NOT NULL,
        actual_start_date          DATE           NULL,
        status                     NVARCHAR(60)   NOT NULL,
        status_order               INT            NOT NULL,
        days_late                  INT            NOT NULL,
        in_care                    BIT            NOT NULL,
        ceased_date                DATE           NULL,
        ceased_reason              NVARCHAR(10)   NULL,
        in_last_window             BIT            NOT NULL,
        in_next_window             BIT            NOT NULL,
        as_at_date                 DATE           NOT NULL,
        CONSTRAINT PK_planned_assessment PRIMARY KEY CLUSTERED (person_id, assessment_type)
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_planned_assessment_locality_team' AND object_id = OBJECT_ID(N'ppoc_retired.planned_assessment'))
    CREATE NONCLUSTERED INDEX IX_planned_assessment_locality_team ON ppoc_retired.planned_assessment (locality, team);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_planned_assessment_status_order_predicted_start_date' AND object_id = OBJECT_ID(N'ppoc_retired.planned_assessment'))
    CREATE NONCLUSTERED INDEX IX_planned_assessment_status_order_predicted_start_date ON ppoc_retired.planned_assessment (status_order, predicted_start_date);
GO

IF OBJECT_ID(N'ppoc_retired.cic_cohort', N'U') IS NULL
    CREATE TABLE ppoc_retired.cic_cohort (
        person_id                NVARCHAR(50)   NOT NULL,
        child_name               NVARCHAR(200)  NULL,
        legal_status             NVARCHAR(10)   NULL,
        legal_status_description NVARCHAR(200)  NULL,
        full_care_order          BIT            NOT NULL,
        placement_type           NVARCHAR(200)  NULL,
        placement_provider       NVARCHAR(200)  NULL,
        team                     NVARCHAR(200)  NULL,
        locality                 NVARCHAR(200)  NULL,
        social_worker            NVARCHAR(200)  NULL,
        period_of_care_start     DATE           NOT NULL,
        days_in_care             INT            NOT NULL,
        ppoc_group               NVARCHAR(30)   NOT NULL,
        has_plan                 BIT            NOT NULL,
        as_at_date               DATE           NOT NULL,
        CONSTRAINT PK_cic_cohort PRIMARY KEY CLUSTERED (person_id)
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_cic_cohort_locality_team' AND object_id = OBJECT_ID(N'ppoc_retired.cic_cohort'))
    CREATE NONCLUSTERED INDEX IX_cic_cohort_locality_team ON ppoc_retired.cic_cohort (locality, team);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_cic_cohort_full_care_order' AND object_id = OBJECT_ID(N'ppoc_retired.cic_cohort'))
    CREATE NONCLUSTERED INDEX IX_cic_cohort_full_care_order ON ppoc_retired.cic_cohort (full_care_order);
GO

IF OBJECT_ID(N'ppoc_retired.care_exit', N'U') IS NULL
    CREATE TABLE ppoc_retired.care_exit (
        person_id               NVARCHAR(50)   NOT NULL,
        ceased_date             DATE           NOT NULL,
        reason_code             NVARCHAR(10)   NULL,
        reason_group            NVARCHAR(30)   NOT NULL,
        legal_status_at_exit    NVARCHAR(10)   NULL,
        full_care_order_at_exit BIT            NOT NULL,
        team                    NVARCHAR(200)  NULL,
        locality                NVARCHAR(200)  NULL,
        had_plan                BIT            NOT NULL,
        as_at_date              DATE           NOT NULL,
        CONSTRAINT PK_care_exit PRIMARY KEY CLUSTERED (person_id, ceased_date)
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_care_exit_reason_group_ceased_date' AND object_id = OBJECT_ID(N'ppoc_retired.care_exit'))
    CREATE NONCLUSTERED INDEX IX_care_exit_reason_group_ceased_date ON ppoc_retired.care_exit (reason_group, ceased_date);
GO

IF OBJECT_ID(N'ppoc_retired.locality_summary', N'U') IS NULL
    CREATE TABLE ppoc_retired.locality_summary (
        locality                           NVARCHAR(200)  NOT NULL,
        team                               NVARCHAR(200)  NOT NULL,
        children_in_care                   INT            NOT NULL,
        fco_children                       INT            NOT NULL,
        plans                              INT            NOT NULL,
        started_on_time_last_window        INT            NOT NULL,
        started_late_last_window           INT            NOT NULL,
        not_yet_started                    INT            NOT NULL,
        upcoming_next_window               INT            NOT NULL,
        sgo_exits_last_12_months           INT            NOT NULL,
        reunification_exits_last_12_months INT            NOT NULL,
        as_at_date                         DATE           NOT NULL,
        full_care_order                    NVARCHAR(3)    NOT NULL,
        CONSTRAINT PK_locality_summary PRIMARY KEY CLUSTERED (locality, team, full_care_order)
    );
GO

IF OBJECT_ID(N'ppoc_retired.target_progress', N'U') IS NULL
    CREATE TABLE ppoc_retired.target_progress (
        locality        NVARCHAR(200)  NOT NULL,
        measure         NVARCHAR(40)   NOT NULL,
        period_start    DATE           NOT NULL,
        period_end      DATE           NOT NULL,
        target          INT            NOT NULL,
        actual          INT            NOT NULL,
        as_at_date      DATE           NOT NULL,
        full_care_order NVARCHAR(3)    NOT NULL,
        CONSTRAINT PK_target_progress PRIMARY KEY CLUSTERED (locality, measure, period_start, period_end, full_care_order)
    );
GO

IF OBJECT_ID(N'ppoc_retired.plan_explanation', N'U') IS NULL
    CREATE TABLE ppoc_retired.plan_explanation (
        person_id       NVARCHAR(50)   NOT NULL,
        assessment_type NVARCHAR(20)   NOT NULL,
        listed          BIT            NOT NULL,
        reason          NVARCHAR(1000) NOT NULL,
        as_at_date      DATE           NOT NULL,
        CONSTRAINT PK_plan_explanation PRIMARY KEY CLUSTERED (person_id, assessment_type)
    );
GO

IF OBJECT_ID(N'ppoc_retired.user_access', N'U') IS NULL
    CREATE TABLE ppoc_retired.user_access (
        user_principal_name NVARCHAR(256)  NOT NULL,
        locality            NVARCHAR(200)  NOT NULL,
        team                NVARCHAR(200)  NULL
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_user_access_user_principal_name' AND object_id = OBJECT_ID(N'ppoc_retired.user_access'))
    CREATE CLUSTERED INDEX IX_user_access_user_principal_name ON ppoc_retired.user_access (user_principal_name);
GO

IF OBJECT_ID(N'ppoc_retired.assessment_workflow', N'U') IS NULL
    CREATE TABLE ppoc_retired.assessment_workflow (
        person_id         NVARCHAR(50)   NOT NULL,
        workflow_id       NVARCHAR(50)   NOT NULL,
        workflow_type     NVARCHAR(100)  NOT NULL,
        start_date        DATE           NULL,
        for_reunification BIT            NOT NULL,
        qualifies         BIT            NOT NULL,
        reason            NVARCHAR(1000) NOT NULL,
        as_at_date        DATE           NOT NULL,
        CONSTRAINT PK_assessment_workflow PRIMARY KEY CLUSTERED (workflow_id)
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_assessment_workflow_person_id' AND object_id = OBJECT_ID(N'ppoc_retired.assessment_workflow'))
    CREATE NONCLUSTERED INDEX IX_assessment_workflow_person_id ON ppoc_retired.assessment_workflow (person_id);
GO

IF OBJECT_ID(N'ppoc_retired.timeliness_by_month', N'U') IS NULL
    CREATE TABLE ppoc_retired.timeliness_by_month (
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

IF OBJECT_ID(N'ppoc_retired.locality_team', N'U') IS NULL
    CREATE TABLE ppoc_retired.locality_team (
        locality   NVARCHAR(200)  NOT NULL,
        team       NVARCHAR(200)  NOT NULL,
        sort_order INT            NOT NULL,
        CONSTRAINT PK_locality_team PRIMARY KEY CLUSTERED (locality, team)
    );
GO

CREATE OR ALTER PROCEDURE ppoc_staging.clear_staging
WITH EXECUTE AS OWNER
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    IF ISNULL(APPLOCK_MODE(N'ppoc_writer', N'ppoc-refresh', N'Transaction'), N'NoLock') <> N'Exclusive'
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
    TRUNCATE TABLE ppoc_retired.planned_assessment;
    TRUNCATE TABLE ppoc_retired.cic_cohort;
    TRUNCATE TABLE ppoc_retired.care_exit;
    TRUNCATE TABLE ppoc_retired.locality_summary;
    TRUNCATE TABLE ppoc_retired.target_progress;
    TRUNCATE TABLE ppoc_retired.plan_explanation;
    TRUNCATE TABLE ppoc_retired.user_access;
    TRUNCATE TABLE ppoc_retired.assessment_workflow;
    TRUNCATE TABLE ppoc_retired.timeliness_by_month;
    TRUNCATE TABLE ppoc_retired.locality_team;
END;
GO

-- Every curated table is replaced, or none is. Called inside the job's refresh transaction with
-- PPOC_SWAP_WAIT_SECONDS, rounded up to whole minutes for MAX_DURATION (which takes minutes, as a
-- literal: hence the dynamic SQL, built from this procedure's own text and an integer only). 0 waits
-- not at all (LOCK_TIMEOUT 0: ABORT_AFTER_WAIT = SELF needs MAX_DURATION above 0). SET options made
-- here end with the procedure, on every path, the failed ones too. DEADLOCK_PRIORITY HIGH: in a
-- deadlock with a report query, the report query is the one that gives way.
CREATE OR ALTER PROCEDURE ppoc_staging.swap_into_live
    @wait_seconds INT
WITH EXECUTE AS OWNER
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    SET DEADLOCK_PRIORITY HIGH;
    IF @@TRANCOUNT = 0
        THROW 50001, N'ppoc_staging.swap_into_live must run inside the refresh transaction', 1;
    IF ISNULL(APPLOCK_MODE(N'ppoc_writer', N'ppoc-refresh', N'Transaction'), N'NoLock') <> N'Exclusive'
        THROW 50002, N'ppoc_staging.swap_into_live: the calling transaction does not hold the ppoc-refresh lock; nothing was swapped', 1;
    IF @wait_seconds IS NULL OR @wait_seconds < 0 OR @wait_seconds > 3600
        THROW 50003, N'ppoc_staging.swap_into_live: @wait_seconds must be from 0 to 3600; nothing was swapped', 1;
    DECLARE @wait NVARCHAR(MAX) = N''; -- MAX: concatenation stays MAX, never cut at 4,000 characters
    IF @wait_seconds = 0
        SET LOCK_TIMEOUT 0;
    ELSE
        SET @wait = N' WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = ' + CAST((@wait_seconds + 59) / 60 AS NVARCHAR(10)) + N' MINUTES, ABORT_AFTER_WAIT = SELF))';
    DECLARE @sql NVARCHAR(MAX) = N'ALTER TABLE ppoc.planned_assessment SWITCH TO ppoc_retired.planned_assessment' + @wait + N';
ALTER TABLE ppoc_staging.planned_assessment SWITCH TO ppoc.planned_assessment' + @wait + N';
ALTER TABLE ppoc.cic_cohort SWITCH TO ppoc_retired.cic_cohort' + @wait + N';
ALTER TABLE ppoc_staging.cic_cohort SWITCH TO ppoc.cic_cohort' + @wait + N';
ALTER TABLE ppoc.care_exit SWITCH TO ppoc_retired.care_exit' + @wait + N';
ALTER TABLE ppoc_staging.care_exit SWITCH TO ppoc.care_exit' + @wait + N';
ALTER TABLE ppoc.locality_summary SWITCH TO ppoc_retired.locality_summary' + @wait + N';
ALTER TABLE ppoc_staging.locality_summary SWITCH TO ppoc.locality_summary' + @wait + N';
ALTER TABLE ppoc.target_progress SWITCH TO ppoc_retired.target_progress' + @wait + N';
ALTER TABLE ppoc_staging.target_progress SWITCH TO ppoc.target_progress' + @wait + N';
ALTER TABLE ppoc.plan_explanation SWITCH TO ppoc_retired.plan_explanation' + @wait + N';
ALTER TABLE ppoc_staging.plan_explanation SWITCH TO ppoc.plan_explanation' + @wait + N';
ALTER TABLE ppoc.user_access SWITCH TO ppoc_retired.user_access' + @wait + N';
ALTER TABLE ppoc_staging.user_access SWITCH TO ppoc.user_access' + @wait + N';
ALTER TABLE ppoc.assessment_workflow SWITCH TO ppoc_retired.assessment_workflow' + @wait + N';
ALTER TABLE ppoc_staging.assessment_workflow SWITCH TO ppoc.assessment_workflow' + @wait + N';
ALTER TABLE ppoc.timeliness_by_month SWITCH TO ppoc_retired.timeliness_by_month' + @wait + N';
ALTER TABLE ppoc_staging.timeliness_by_month SWITCH TO ppoc.timeliness_by_month' + @wait + N';
ALTER TABLE ppoc.locality_team SWITCH TO ppoc_retired.locality_team' + @wait + N';
ALTER TABLE ppoc_staging.locality_team SWITCH TO ppoc.locality_team' + @wait + N';';
    EXEC sys.sp_executesql @sql;
END;
GO

-- After the commit: yesterday's rows, now in the retired twins, go. The job calls it in a short
-- transaction that holds the lock again (clear_staging empties them at the next load as well).
CREATE OR ALTER PROCEDURE ppoc_staging.clear_retired
WITH EXECUTE AS OWNER
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    IF ISNULL(APPLOCK_MODE(N'ppoc_writer', N'ppoc-refresh', N'Transaction'), N'NoLock') <> N'Exclusive'
        THROW 50002, N'ppoc_staging.clear_retired: the calling transaction does not hold the ppoc-refresh lock; nothing was cleared', 1;
    TRUNCATE TABLE ppoc_retired.planned_assessment;
    TRUNCATE TABLE ppoc_retired.cic_cohort;
    TRUNCATE TABLE ppoc_retired.care_exit;
    TRUNCATE TABLE ppoc_retired.locality_summary;
    TRUNCATE TABLE ppoc_retired.target_progress;
    TRUNCATE TABLE ppoc_retired.plan_explanation;
    TRUNCATE TABLE ppoc_retired.user_access;
    TRUNCATE TABLE ppoc_retired.assessment_workflow;
    TRUNCATE TABLE ppoc_retired.timeliness_by_month;
    TRUNCATE TABLE ppoc_retired.locality_team;
END;
GO

-- After the commit: statistics of today's rows. A switched-in table keeps the statistics its
-- staging twin had before the load, and SWITCH does not count as modifications for the automatic
-- update, so the report's first queries would be planned on yesterday's (or no) rows.
CREATE OR ALTER PROCEDURE ppoc_staging.update_live_statistics
WITH EXECUTE AS OWNER
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE STATISTICS ppoc.planned_assessment;
    UPDATE STATISTICS ppoc.cic_cohort;
    UPDATE STATISTICS ppoc.care_exit;
    UPDATE STATISTICS ppoc.locality_summary;
    UPDATE STATISTICS ppoc.target_progress;
    UPDATE STATISTICS ppoc.plan_explanation;
    UPDATE STATISTICS ppoc.user_access;
    UPDATE STATISTICS ppoc.assessment_workflow;
    UPDATE STATISTICS ppoc.timeliness_by_month;
    UPDATE STATISTICS ppoc.locality_team;
END;
GO

GRANT EXECUTE ON OBJECT::ppoc_staging.clear_retired TO ppoc_writer;
GRANT EXECUTE ON OBJECT::ppoc_staging.update_live_statistics TO ppoc_writer;
GO

REVOKE SELECT ON OBJECT::ppoc.vw_data_quality_issue FROM ppoc_reader;
REVOKE SELECT ON OBJECT::ppoc.vw_user_access FROM ppoc_reader;
GO

-- Verify, then record: a batch that failed (sqlcmd without -b, SSMS) leaves the file unrecorded.
IF SCHEMA_ID(N'ppoc_retired') IS NULL
    THROW 50000, N'009_low_priority_swap: schema ppoc_retired is missing', 1;
IF OBJECT_ID(N'ppoc_retired.planned_assessment', N'U') IS NULL
    THROW 50000, N'009_low_priority_swap: table ppoc_retired.planned_assessment is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.planned_assessment'), N'IX_planned_assessment_locality_team', 'IndexID') IS NULL
    THROW 50000, N'009_low_priority_swap: index IX_planned_assessment_locality_team on ppoc_retired.planned_assessment is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.planned_assessment'), N'IX_planned_assessment_status_order_predicted_start_date', 'IndexID') IS NULL
    THROW 50000, N'009_low_priority_swap: index IX_planned_assessment_status_order_predicted_start_date on ppoc_retired.planned_assessment is missing', 1;
IF OBJECT_ID(N'ppoc_retired.cic_cohort', N'U') IS NULL
    THROW 50000, N'009_low_priority_swap: table ppoc_retired.cic_cohort is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.cic_cohort'), N'IX_cic_cohort_locality_team', 'IndexID') IS NULL
    THROW 50000, N'009_low_priority_swap: index IX_cic_cohort_locality_team on ppoc_retired.cic_cohort is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.cic_cohort'), N'IX_cic_cohort_full_care_order', 'IndexID') IS NULL
    THROW 50000, N'009_low_priority_swap: index IX_cic_cohort_full_care_order on ppoc_retired.cic_cohort is missing', 1;
IF OBJECT_ID(N'ppoc_retired.care_exit', N'U') IS NULL
    THROW 50000, N'009_low_priority_swap: table ppoc_retired.care_exit is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.care_exit'), N'IX_care_exit_reason_group_ceased_date', 'IndexID') IS NULL
    THROW 50000, N'009_low_priority_swap: index IX_care_exit_reason_group_ceased_date on ppoc_retired.care_exit is missing', 1;
IF OBJECT_ID(N'ppoc_retired.locality_summary', N'U') IS NULL
    THROW 50000, N'009_low_priority_swap: table ppoc_retired.locality_summary is missing', 1;
IF OBJECT_ID(N'ppoc_retired.target_progress', N'U') IS NULL
    THROW 50000, N'009_low_priority_swap: table ppoc_retired.target_progress is missing', 1;
IF OBJECT_ID(N'ppoc_retired.plan_explanation', N'U') IS NULL
    THROW 50000, N'009_low_priority_swap: table ppoc_retired.plan_explanation is missing', 1;
IF OBJECT_ID(N'ppoc_retired.user_access', N'U') IS NULL
    THROW 50000, N'009_low_priority_swap: table ppoc_retired.user_access is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.user_access'), N'IX_user_access_user_principal_name', 'IndexID') IS NULL
    THROW 50000, N'009_low_priority_swap: index IX_user_access_user_principal_name on ppoc_retired.user_access is missing', 1;
IF OBJECT_ID(N'ppoc_retired.assessment_workflow', N'U') IS NULL
    THROW 50000, N'009_low_priority_swap: table ppoc_retired.assessment_workflow is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.assessment_workflow'), N'IX_assessment_workflow_person_id', 'IndexID') IS NULL
    THROW 50000, N'009_low_priority_swap: index IX_assessment_workflow_person_id on ppoc_retired.assessment_workflow is missing', 1;
IF OBJECT_ID(N'ppoc_retired.timeliness_by_month', N'U') IS NULL
    THROW 50000, N'009_low_priority_swap: table ppoc_retired.timeliness_by_month is missing', 1;
IF OBJECT_ID(N'ppoc_retired.locality_team', N'U') IS NULL
    THROW 50000, N'009_low_priority_swap: table ppoc_retired.locality_team is missing', 1;
IF OBJECT_ID(N'ppoc_staging.clear_retired', N'P') IS NULL
    THROW 50000, N'009_low_priority_swap: procedure ppoc_staging.clear_retired is missing', 1;
IF OBJECT_ID(N'ppoc_staging.update_live_statistics', N'P') IS NULL
    THROW 50000, N'009_low_priority_swap: procedure ppoc_staging.update_live_statistics is missing', 1;
IF ISNULL(OBJECT_DEFINITION(OBJECT_ID(N'ppoc_staging.clear_staging')), N'') NOT LIKE N'%APPLOCK_MODE(N''ppoc_writer''%ppoc_retired.locality_team%'
    THROW 50000, N'009_low_priority_swap: procedure ppoc_staging.clear_staging lacks the ppoc_writer lock check or the retired twins', 1;
IF ISNULL(OBJECT_DEFINITION(OBJECT_ID(N'ppoc_staging.swap_into_live')), N'') NOT LIKE N'%APPLOCK_MODE(N''ppoc_writer''%WAIT_AT_LOW_PRIORITY%'
    THROW 50000, N'009_low_priority_swap: procedure ppoc_staging.swap_into_live lacks the ppoc_writer lock check or the low-priority wait', 1;
IF EXISTS (
    SELECT 1
    FROM (VALUES
        (N'ppoc_writer', N'ppoc_staging.clear_retired', N'EXECUTE'),
        (N'ppoc_writer', N'ppoc_staging.update_live_statistics', N'EXECUTE')
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
    THROW 50000, N'009_low_priority_swap: a grant of this file is missing; not recorded', 1;
IF EXISTS (
    SELECT 1
    FROM (VALUES
        (N'REVOKE', N'ppoc_reader', N'ppoc.vw_data_quality_issue', N'SELECT'),
        (N'REVOKE', N'ppoc_reader', N'ppoc.vw_user_access', N'SELECT')
    ) AS r (action_name, role_name, object_name, permission_name)
    WHERE EXISTS (
        SELECT 1
        FROM sys.database_permissions AS p
        WHERE p.class = 1
          AND p.grantee_principal_id = DATABASE_PRINCIPAL_ID(r.role_name)
          AND p.major_id = OBJECT_ID(r.object_name)
          AND p.permission_name = r.permission_name
    )
)
    THROW 50000, N'009_low_priority_swap: a permission this file revokes is still there; not recorded', 1;
IF NOT EXISTS (SELECT 1 FROM ppoc.schema_version WHERE version = 9)
    INSERT INTO ppoc.schema_version (version, name, applied_at_utc) VALUES (9, N'009_low_priority_swap', SYSUTCDATETIME());
GO
