-- 006 (release 2, operations; issue 11): every Mosaic workflow with why it did or did not count
-- (assessment_workflow, curated: replaced by each refresh through its staging twin and the swap),
-- and each run's source files with size, modification time and SHA-256 (source_file, a log kept
-- forever like refresh_log, written in the run's final transaction). Re-runnable; the last batch
-- checks that every object below exists before it records the file.

IF OBJECT_ID(N'ppoc.assessment_workflow', N'U') IS NULL
    CREATE TABLE ppoc.assessment_workflow (
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

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_assessment_workflow_person_id' AND object_id = OBJECT_ID(N'ppoc.assessment_workflow'))
    CREATE NONCLUSTERED INDEX IX_assessment_workflow_person_id ON ppoc.assessment_workflow (person_id);
GO

IF OBJECT_ID(N'ppoc_staging.assessment_workflow', N'U') IS NULL
    CREATE TABLE ppoc_staging.assessment_workflow (
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

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_assessment_workflow_person_id' AND object_id = OBJECT_ID(N'ppoc_staging.assessment_workflow'))
    CREATE NONCLUSTERED INDEX IX_assessment_workflow_person_id ON ppoc_staging.assessment_workflow (person_id);
GO

IF OBJECT_ID(N'ppoc.source_file', N'U') IS NULL
    CREATE TABLE ppoc.source_file (
        run_id          NVARCHAR(40)   NOT NULL,
        file_name       NVARCHAR(60)   NOT NULL,
        size_bytes      INT            NOT NULL,
        modified_at_utc DATETIME2(3)   NOT NULL,
        sha256          NVARCHAR(64)   NOT NULL,
        rows_read       INT            NOT NULL,
        rows_rejected   INT            NOT NULL,
        CONSTRAINT PK_source_file PRIMARY KEY CLUSTERED (run_id, file_name)
    );
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
    TRUNCATE TABLE ppoc_staging.assessment_workflow;
    TRUNCATE TABLE ppoc_staging.data_quality_issue;
END;
GO

-- 003's swap, with assessment_workflow added: every curated table is replaced, or none is.
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
    TRUNCATE TABLE ppoc.assessment_workflow;
    ALTER TABLE ppoc_staging.assessment_workflow SWITCH TO ppoc.assessment_workflow;
END;
GO

CREATE OR ALTER VIEW ppoc.vw_assessment_workflow
AS
SELECT
    person_id,
    workflow_id,
    workflow_type,
    start_date,
    CAST(CASE for_reunification WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS for_reunification,
    CAST(CASE qualifies WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS qualifies,
    reason,
    as_at_date
FROM ppoc.assessment_workflow;
GO

CREATE OR ALTER VIEW ppoc.vw_source_file
AS
SELECT
    run_id,
    file_name,
    size_bytes,
    modified_at_utc,
    sha256,
    rows_read,
    rows_rejected
FROM ppoc.source_file;
GO

-- The job loads assessment_workflow through staging (the procedures above) and writes
-- source_file directly in its final transaction, as it does refresh_log.
GRANT SELECT, INSERT ON OBJECT::ppoc_staging.assessment_workflow TO ppoc_writer;
GRANT SELECT, INSERT ON OBJECT::ppoc.source_file TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_assessment_workflow TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_source_file TO ppoc_writer;
GRANT SELECT ON OBJECT::ppoc.vw_assessment_workflow TO ppoc_reader;
GRANT SELECT ON OBJECT::ppoc.vw_source_file TO ppoc_reader;
GO

IF OBJECT_ID(N'ppoc.assessment_workflow', N'U') IS NULL OR OBJECT_ID(N'ppoc_staging.assessment_workflow', N'U') IS NULL
    OR OBJECT_ID(N'ppoc.source_file', N'U') IS NULL OR OBJECT_ID(N'ppoc_staging.clear_staging', N'P') IS NULL
    OR OBJECT_ID(N'ppoc_staging.swap_into_live', N'P') IS NULL OR OBJECT_ID(N'ppoc.vw_assessment_workflow', N'V') IS NULL
    OR OBJECT_ID(N'ppoc.vw_source_file', N'V') IS NULL
    THROW 50000, N'006_operations: an object this file creates is missing; not recorded', 1;
IF INDEXPROPERTY(OBJECT_ID(N'ppoc.assessment_workflow'), N'IX_assessment_workflow_person_id', 'IndexID') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.assessment_workflow'), N'IX_assessment_workflow_person_id', 'IndexID') IS NULL
    THROW 50000, N'006_operations: index IX_assessment_workflow_person_id is missing; not recorded', 1;
IF EXISTS (
    SELECT 1
    FROM (VALUES
        (N'ppoc_writer', N'ppoc_staging.assessment_workflow', N'SELECT'),
        (N'ppoc_writer', N'ppoc_staging.assessment_workflow', N'INSERT'),
        (N'ppoc_writer', N'ppoc.source_file', N'SELECT'),
        (N'ppoc_writer', N'ppoc.source_file', N'INSERT'),
        (N'ppoc_writer', N'ppoc.vw_assessment_workflow', N'SELECT'),
        (N'ppoc_writer', N'ppoc.vw_source_file', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_assessment_workflow', N'SELECT'),
        (N'ppoc_reader', N'ppoc.vw_source_file', N'SELECT')
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
    THROW 50000, N'006_operations: a grant of this file is missing; not recorded', 1;
IF NOT EXISTS (SELECT 1 FROM ppoc.schema_version WHERE version = 6)
    INSERT INTO ppoc.schema_version (version, name, applied_at_utc) VALUES (6, N'006_operations', SYSUTCDATETIME());
GO
