-- 003: the staging schema the job bulk-loads, and the swap. Each ppoc_staging table has exactly
-- the columns, types, keys and indexes of its ppoc twin, which ALTER TABLE … SWITCH requires.
-- Both procedures run AS OWNER, so the job's role needs EXECUTE on them, not ALTER on tables.

IF OBJECT_ID(N'ppoc_staging.planned_assessment', N'U') IS NULL
    CREATE TABLE ppoc_staging.planned_assessment (
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

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_planned_assessment_locality_team' AND object_id = OBJECT_ID(N'ppoc_staging.planned_assessment'))
    CREATE NONCLUSTERED INDEX IX_planned_assessment_locality_team ON ppoc_staging.planned_assessment (locality, team);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_planned_assessment_status_order_predicted_start_date' AND object_id = OBJECT_ID(N'ppoc_staging.planned_assessment'))
    CREATE NONCLUSTERED INDEX IX_planned_assessment_status_order_predicted_start_date ON ppoc_staging.planned_assessment (status_order, predicted_start_date);
GO

IF OBJECT_ID(N'ppoc_staging.cic_cohort', N'U') IS NULL
    CREATE TABLE ppoc_staging.cic_cohort (
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

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_cic_cohort_locality_team' AND object_id = OBJECT_ID(N'ppoc_staging.cic_cohort'))
    CREATE NONCLUSTERED INDEX IX_cic_cohort_locality_team ON ppoc_staging.cic_cohort (locality, team);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_cic_cohort_full_care_order' AND object_id = OBJECT_ID(N'ppoc_staging.cic_cohort'))
    CREATE NONCLUSTERED INDEX IX_cic_cohort_full_care_order ON ppoc_staging.cic_cohort (full_care_order);
GO

IF OBJECT_ID(N'ppoc_staging.care_exit', N'U') IS NULL
    CREATE TABLE ppoc_staging.care_exit (
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

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_care_exit_reason_group_ceased_date' AND object_id = OBJECT_ID(N'ppoc_staging.care_exit'))
    CREATE NONCLUSTERED INDEX IX_care_exit_reason_group_ceased_date ON ppoc_staging.care_exit (reason_group, ceased_date);
GO

IF OBJECT_ID(N'ppoc_staging.locality_summary', N'U') IS NULL
    CREATE TABLE ppoc_staging.locality_summary (
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
        CONSTRAINT PK_locality_summary PRIMARY KEY CLUSTERED (locality, team)
    );
GO


IF OBJECT_ID(N'ppoc_staging.target_progress', N'U') IS NULL
    CREATE TABLE ppoc_staging.target_progress (
        locality     NVARCHAR(200)  NOT NULL,
        measure      NVARCHAR(40)   NOT NULL,
        period_start DATE           NOT NULL,
        period_end   DATE           NOT NULL,
        target       INT            NOT NULL,
        actual       INT            NOT NULL,
        as_at_date   DATE           NOT NULL,
        CONSTRAINT PK_target_progress PRIMARY KEY CLUSTERED (locality, measure, period_start, period_end)
    );
GO


IF OBJECT_ID(N'ppoc_staging.plan_explanation', N'U') IS NULL
    CREATE TABLE ppoc_staging.plan_explanation (
        person_id       NVARCHAR(50)   NOT NULL,
        assessment_type NVARCHAR(20)   NOT NULL,
        listed          BIT            NOT NULL,
        reason          NVARCHAR(1000) NOT NULL,
        as_at_date      DATE           NOT NULL,
        CONSTRAINT PK_plan_explanation PRIMARY KEY CLUSTERED (person_id, assessment_type)
    );
GO


IF OBJECT_ID(N'ppoc_staging.user_access', N'U') IS NULL
    CREATE TABLE ppoc_staging.user_access (
        user_principal_name NVARCHAR(256)  NOT NULL,
        locality            NVARCHAR(200)  NOT NULL,
        team                NVARCHAR(200)  NULL
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_user_access_user_principal_name' AND object_id = OBJECT_ID(N'ppoc_staging.user_access'))
    CREATE CLUSTERED INDEX IX_user_access_user_principal_name ON ppoc_staging.user_access (user_principal_name);
GO

IF OBJECT_ID(N'ppoc_staging.data_quality_issue', N'U') IS NULL
    CREATE TABLE ppoc_staging.data_quality_issue (
        run_id      NVARCHAR(40)   NOT NULL,
        severity    NVARCHAR(10)   NOT NULL,
        source_file NVARCHAR(60)   NULL,
        line        INT            NULL,
        column_name NVARCHAR(100)  NULL,
        person_id   NVARCHAR(50)   NULL,
        [rule]      NVARCHAR(60)   NOT NULL,
        message     NVARCHAR(1000) NOT NULL
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_data_quality_issue_run_id' AND object_id = OBJECT_ID(N'ppoc_staging.data_quality_issue'))
    CREATE CLUSTERED INDEX IX_data_quality_issue_run_id ON ppoc_staging.data_quality_issue (run_id);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_data_quality_issue_person_id' AND object_id = OBJECT_ID(N'ppoc_staging.data_quality_issue'))
    CREATE NONCLUSTERED INDEX IX_data_quality_issue_person_id ON ppoc_staging.data_quality_issue (person_id);
GO

CREATE OR ALTER PROCEDURE ppoc_staging.clear_staging
WITH EXECUTE AS OWNER
AS
BEGIN
    SET NOCOUNT ON;
    TRUNCATE TABLE ppoc_staging.planned_assessment;
    TRUNCATE TABLE ppoc_staging.cic_cohort;
    TRUNCATE TABLE ppoc_staging.care_exit;
    TRUNCATE TABLE ppoc_staging.locality_summary;
    TRUNCATE TABLE ppoc_staging.target_progress;
    TRUNCATE TABLE ppoc_staging.plan_explanation;
    TRUNCATE TABLE ppoc_staging.user_access;
    TRUNCATE TABLE ppoc_staging.data_quality_issue;
END;
GO

-- Called inside the job's refresh transaction: every curated table is replaced, or none is.
-- TRUNCATE and SWITCH are metadata operations, so the transaction lasts milliseconds; readers
-- wait on the schema locks for that moment and then see only the new tables.
CREATE OR ALTER PROCEDURE ppoc_staging.swap_into_live
WITH EXECUTE AS OWNER
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    IF @@TRANCOUNT = 0
        THROW 50001, N'ppoc_staging.swap_into_live must run inside the refresh transaction', 1;
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
END;
GO

-- Verify, then record: a batch that failed (sqlcmd without -b, SSMS) leaves the file unrecorded.
IF OBJECT_ID(N'ppoc_staging.planned_assessment', N'U') IS NULL
    THROW 50000, N'003_staging_and_swap: table ppoc_staging.planned_assessment is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.planned_assessment'), N'IX_planned_assessment_locality_team', 'IndexID') IS NULL
    THROW 50000, N'003_staging_and_swap: index IX_planned_assessment_locality_team on ppoc_staging.planned_assessment is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.planned_assessment'), N'IX_planned_assessment_status_order_predicted_start_date', 'IndexID') IS NULL
    THROW 50000, N'003_staging_and_swap: index IX_planned_assessment_status_order_predicted_start_date on ppoc_staging.planned_assessment is missing', 1;
IF OBJECT_ID(N'ppoc_staging.cic_cohort', N'U') IS NULL
    THROW 50000, N'003_staging_and_swap: table ppoc_staging.cic_cohort is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.cic_cohort'), N'IX_cic_cohort_locality_team', 'IndexID') IS NULL
    THROW 50000, N'003_staging_and_swap: index IX_cic_cohort_locality_team on ppoc_staging.cic_cohort is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.cic_cohort'), N'IX_cic_cohort_full_care_order', 'IndexID') IS NULL
    THROW 50000, N'003_staging_and_swap: index IX_cic_cohort_full_care_order on ppoc_staging.cic_cohort is missing', 1;
IF OBJECT_ID(N'ppoc_staging.care_exit', N'U') IS NULL
    THROW 50000, N'003_staging_and_swap: table ppoc_staging.care_exit is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.care_exit'), N'IX_care_exit_reason_group_ceased_date', 'IndexID') IS NULL
    THROW 50000, N'003_staging_and_swap: index IX_care_exit_reason_group_ceased_date on ppoc_staging.care_exit is missing', 1;
IF OBJECT_ID(N'ppoc_staging.locality_summary', N'U') IS NULL
    THROW 50000, N'003_staging_and_swap: table ppoc_staging.locality_summary is missing', 1;
IF OBJECT_ID(N'ppoc_staging.target_progress', N'U') IS NULL
    THROW 50000, N'003_staging_and_swap: table ppoc_staging.target_progress is missing', 1;
IF OBJECT_ID(N'ppoc_staging.plan_explanation', N'U') IS NULL
    THROW 50000, N'003_staging_and_swap: table ppoc_staging.plan_explanation is missing', 1;
IF OBJECT_ID(N'ppoc_staging.user_access', N'U') IS NULL
    THROW 50000, N'003_staging_and_swap: table ppoc_staging.user_access is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.user_access'), N'IX_user_access_user_principal_name', 'IndexID') IS NULL
    THROW 50000, N'003_staging_and_swap: index IX_user_access_user_principal_name on ppoc_staging.user_access is missing', 1;
IF OBJECT_ID(N'ppoc_staging.data_quality_issue', N'U') IS NULL
    THROW 50000, N'003_staging_and_swap: table ppoc_staging.data_quality_issue is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.data_quality_issue'), N'IX_data_quality_issue_run_id', 'IndexID') IS NULL
    THROW 50000, N'003_staging_and_swap: index IX_data_quality_issue_run_id on ppoc_staging.data_quality_issue is missing', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.data_quality_issue'), N'IX_data_quality_issue_person_id', 'IndexID') IS NULL
    THROW 50000, N'003_staging_and_swap: index IX_data_quality_issue_person_id on ppoc_staging.data_quality_issue is missing', 1;
IF OBJECT_ID(N'ppoc_staging.clear_staging', N'P') IS NULL
    THROW 50000, N'003_staging_and_swap: procedure ppoc_staging.clear_staging is missing', 1;
IF OBJECT_ID(N'ppoc_staging.swap_into_live', N'P') IS NULL
    THROW 50000, N'003_staging_and_swap: procedure ppoc_staging.swap_into_live is missing', 1;
IF NOT EXISTS (SELECT 1 FROM ppoc.schema_version WHERE version = 3)
    INSERT INTO ppoc.schema_version (version, name, applied_at_utc) VALUES (3, N'003_staging_and_swap', SYSUTCDATETIME());
GO
