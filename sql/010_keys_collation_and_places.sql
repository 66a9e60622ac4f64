-- 010 (issue 17): keys that compare as the job compares them, every per-child table placed for
-- row-level security, named defaults, and UK local times in the run log's view.
--   collation      every NVARCHAR column of the curated tables, the kept history and their twins is
--                  Latin1_General_100_CI_AS: case-insensitive and accent-sensitive, as the job compares
--                  keys and places (data tests, locality_team), whatever the database's own default
--                  (a case-sensitive or binary database would otherwise disagree with the job: two
--                  keys one of them calls equal). Changing a column's collation needs its indexes,
--                  its statistics and its default out of the way: the statistics SQL Server made
--                  on them go first (they come back by themselves as queries need them), then each
--                  table's batch drops its default, key and indexes, changes the columns and puts the
--                  key and indexes back, in one transaction.
--                  Rewrites the tables: on a year of history, minutes; run it outside the night's run.
--   places         locality and team on plan_explanation and assessment_workflow (the child's
--                  allocation), so a row-level-security filter on locality_team reaches them.
--   defaults       the DEFAULT N'All' of full_care_order (008) gets a name, DF_<table>_<column>, on
--                  the live table and both twins.
--   vw_refresh_log started_at_uk and finished_at_uk beside the UTC times (Europe/London: GMT or BST).
-- Re-runnable; the last batch checks everything before it records the file.

IF COL_LENGTH(N'ppoc.plan_explanation', N'locality') IS NULL
    ALTER TABLE ppoc.plan_explanation ADD locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
GO
IF COL_LENGTH(N'ppoc.plan_explanation', N'team') IS NULL
    ALTER TABLE ppoc.plan_explanation ADD team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
GO
IF COL_LENGTH(N'ppoc_staging.plan_explanation', N'locality') IS NULL
    ALTER TABLE ppoc_staging.plan_explanation ADD locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
GO
IF COL_LENGTH(N'ppoc_staging.plan_explanation', N'team') IS NULL
    ALTER TABLE ppoc_staging.plan_explanation ADD team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
GO
IF COL_LENGTH(N'ppoc_retired.plan_explanation', N'locality') IS NULL
    ALTER TABLE ppoc_retired.plan_explanation ADD locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
GO
IF COL_LENGTH(N'ppoc_retired.plan_explanation', N'team') IS NULL
    ALTER TABLE ppoc_retired.plan_explanation ADD team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
GO
IF COL_LENGTH(N'ppoc.assessment_workflow', N'locality') IS NULL
    ALTER TABLE ppoc.assessment_workflow ADD locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
GO
IF COL_LENGTH(N'ppoc.assessment_workflow', N'team') IS NULL
    ALTER TABLE ppoc.assessment_workflow ADD team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
GO
IF COL_LENGTH(N'ppoc_staging.assessment_workflow', N'locality') IS NULL
    ALTER TABLE ppoc_staging.assessment_workflow ADD locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
GO
IF COL_LENGTH(N'ppoc_staging.assessment_workflow', N'team') IS NULL
    ALTER TABLE ppoc_staging.assessment_workflow ADD team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
GO
IF COL_LENGTH(N'ppoc_retired.assessment_workflow', N'locality') IS NULL
    ALTER TABLE ppoc_retired.assessment_workflow ADD locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
GO
IF COL_LENGTH(N'ppoc_retired.assessment_workflow', N'team') IS NULL
    ALTER TABLE ppoc_retired.assessment_workflow ADD team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
GO

DECLARE @drop_statistics NVARCHAR(MAX) = N'';
SELECT @drop_statistics = @drop_statistics + N'DROP STATISTICS ' + QUOTENAME(SCHEMA_NAME(t.schema_id)) + N'.' + QUOTENAME(t.name) + N'.' + QUOTENAME(s.name) + N';'
FROM sys.stats AS s
JOIN sys.tables AS t ON t.object_id = s.object_id
WHERE SCHEMA_NAME(t.schema_id) IN (N'ppoc', N'ppoc_staging', N'ppoc_retired')
  AND t.name IN (N'planned_assessment', N'cic_cohort', N'care_exit', N'locality_summary', N'target_progress', N'plan_explanation', N'user_access', N'assessment_workflow', N'timeliness_by_month', N'locality_team', N'plan_status_history')
  AND (s.auto_created = 1 OR s.user_created = 1)
  AND EXISTS (SELECT 1 FROM sys.columns AS c WHERE c.object_id = t.object_id AND c.collation_name <> N'Latin1_General_100_CI_AS');
IF @drop_statistics <> N''
    EXEC sys.sp_executesql @drop_statistics;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.planned_assessment') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_planned_assessment_locality_team ON ppoc.planned_assessment;
    DROP INDEX IX_planned_assessment_status_order_predicted_start_date ON ppoc.planned_assessment;
    ALTER TABLE ppoc.planned_assessment DROP CONSTRAINT PK_planned_assessment;
    ALTER TABLE ppoc.planned_assessment ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.planned_assessment ALTER COLUMN child_name NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.planned_assessment ALTER COLUMN social_worker NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.planned_assessment ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.planned_assessment ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.planned_assessment ALTER COLUMN placement_type NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.planned_assessment ALTER COLUMN placement_provider NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.planned_assessment ALTER COLUMN legal_status NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.planned_assessment ALTER COLUMN assessment_type NVARCHAR(20) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.planned_assessment ALTER COLUMN status NVARCHAR(60) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.planned_assessment ALTER COLUMN ceased_reason NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.planned_assessment ADD CONSTRAINT PK_planned_assessment PRIMARY KEY CLUSTERED (person_id, assessment_type);
    CREATE NONCLUSTERED INDEX IX_planned_assessment_locality_team ON ppoc.planned_assessment (locality, team);
    CREATE NONCLUSTERED INDEX IX_planned_assessment_status_order_predicted_start_date ON ppoc.planned_assessment (status_order, predicted_start_date);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.planned_assessment') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_planned_assessment_locality_team ON ppoc_staging.planned_assessment;
    DROP INDEX IX_planned_assessment_status_order_predicted_start_date ON ppoc_staging.planned_assessment;
    ALTER TABLE ppoc_staging.planned_assessment DROP CONSTRAINT PK_planned_assessment;
    ALTER TABLE ppoc_staging.planned_assessment ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.planned_assessment ALTER COLUMN child_name NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.planned_assessment ALTER COLUMN social_worker NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.planned_assessment ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.planned_assessment ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.planned_assessment ALTER COLUMN placement_type NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.planned_assessment ALTER COLUMN placement_provider NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.planned_assessment ALTER COLUMN legal_status NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.planned_assessment ALTER COLUMN assessment_type NVARCHAR(20) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.planned_assessment ALTER COLUMN status NVARCHAR(60) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.planned_assessment ALTER COLUMN ceased_reason NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.planned_assessment ADD CONSTRAINT PK_planned_assessment PRIMARY KEY CLUSTERED (person_id, assessment_type);
    CREATE NONCLUSTERED INDEX IX_planned_assessment_locality_team ON ppoc_staging.planned_assessment (locality, team);
    CREATE NONCLUSTERED INDEX IX_planned_assessment_status_order_predicted_start_date ON ppoc_staging.planned_assessment (status_order, predicted_start_date);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.planned_assessment') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_planned_assessment_locality_team ON ppoc_retired.planned_assessment;
    DROP INDEX IX_planned_assessment_status_order_predicted_start_date ON ppoc_retired.planned_assessment;
    ALTER TABLE ppoc_retired.planned_assessment DROP CONSTRAINT PK_planned_assessment;
    ALTER TABLE ppoc_retired.planned_assessment ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.planned_assessment ALTER COLUMN child_name NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.planned_assessment ALTER COLUMN social_worker NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.planned_assessment ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.planned_assessment ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.planned_assessment ALTER COLUMN placement_type NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.planned_assessment ALTER COLUMN placement_provider NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.planned_assessment ALTER COLUMN legal_status NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.planned_assessment ALTER COLUMN assessment_type NVARCHAR(20) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.planned_assessment ALTER COLUMN status NVARCHAR(60) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.planned_assessment ALTER COLUMN ceased_reason NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.planned_assessment ADD CONSTRAINT PK_planned_assessment PRIMARY KEY CLUSTERED (person_id, assessment_type);
    CREATE NONCLUSTERED INDEX IX_planned_assessment_locality_team ON ppoc_retired.planned_assessment (locality, team);
    CREATE NONCLUSTERED INDEX IX_planned_assessment_status_order_predicted_start_date ON ppoc_retired.planned_assessment (status_order, predicted_start_date);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.cic_cohort') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_cic_cohort_locality_team ON ppoc.cic_cohort;
    DROP INDEX IX_cic_cohort_full_care_order ON ppoc.cic_cohort;
    ALTER TABLE ppoc.cic_cohort DROP CONSTRAINT PK_cic_cohort;
    ALTER TABLE ppoc.cic_cohort ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.cic_cohort ALTER COLUMN child_name NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.cic_cohort ALTER COLUMN legal_status NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.cic_cohort ALTER COLUMN legal_status_description NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.cic_cohort ALTER COLUMN placement_type NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.cic_cohort ALTER COLUMN placement_provider NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.cic_cohort ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.cic_cohort ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.cic_cohort ALTER COLUMN social_worker NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.cic_cohort ALTER COLUMN ppoc_group NVARCHAR(30) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.cic_cohort ADD CONSTRAINT PK_cic_cohort PRIMARY KEY CLUSTERED (person_id);
    CREATE NONCLUSTERED INDEX IX_cic_cohort_locality_team ON ppoc.cic_cohort (locality, team);
    CREATE NONCLUSTERED INDEX IX_cic_cohort_full_care_order ON ppoc.cic_cohort (full_care_order);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.cic_cohort') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_cic_cohort_locality_team ON ppoc_staging.cic_cohort;
    DROP INDEX IX_cic_cohort_full_care_order ON ppoc_staging.cic_cohort;
    ALTER TABLE ppoc_staging.cic_cohort DROP CONSTRAINT PK_cic_cohort;
    ALTER TABLE ppoc_staging.cic_cohort ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.cic_cohort ALTER COLUMN child_name NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.cic_cohort ALTER COLUMN legal_status NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.cic_cohort ALTER COLUMN legal_status_description NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.cic_cohort ALTER COLUMN placement_type NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.cic_cohort ALTER COLUMN placement_provider NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.cic_cohort ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.cic_cohort ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.cic_cohort ALTER COLUMN social_worker NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.cic_cohort ALTER COLUMN ppoc_group NVARCHAR(30) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.cic_cohort ADD CONSTRAINT PK_cic_cohort PRIMARY KEY CLUSTERED (person_id);
    CREATE NONCLUSTERED INDEX IX_cic_cohort_locality_team ON ppoc_staging.cic_cohort (locality, team);
    CREATE NONCLUSTERED INDEX IX_cic_cohort_full_care_order ON ppoc_staging.cic_cohort (full_care_order);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.cic_cohort') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_cic_cohort_locality_team ON ppoc_retired.cic_cohort;
    DROP INDEX IX_cic_cohort_full_care_order ON ppoc_retired.cic_cohort;
    ALTER TABLE ppoc_retired.cic_cohort DROP CONSTRAINT PK_cic_cohort;
    ALTER TABLE ppoc_retired.cic_cohort ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.cic_cohort ALTER COLUMN child_name NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.cic_cohort ALTER COLUMN legal_status NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.cic_cohort ALTER COLUMN legal_status_description NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.cic_cohort ALTER COLUMN placement_type NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.cic_cohort ALTER COLUMN placement_provider NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.cic_cohort ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.cic_cohort ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.cic_cohort ALTER COLUMN social_worker NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.cic_cohort ALTER COLUMN ppoc_group NVARCHAR(30) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.cic_cohort ADD CONSTRAINT PK_cic_cohort PRIMARY KEY CLUSTERED (person_id);
    CREATE NONCLUSTERED INDEX IX_cic_cohort_locality_team ON ppoc_retired.cic_cohort (locality, team);
    CREATE NONCLUSTERED INDEX IX_cic_cohort_full_care_order ON ppoc_retired.cic_cohort (full_care_order);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.care_exit') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_care_exit_reason_group_ceased_date ON ppoc.care_exit;
    ALTER TABLE ppoc.care_exit DROP CONSTRAINT PK_care_exit;
    ALTER TABLE ppoc.care_exit ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.care_exit ALTER COLUMN reason_code NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.care_exit ALTER COLUMN reason_group NVARCHAR(30) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.care_exit ALTER COLUMN legal_status_at_exit NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.care_exit ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.care_exit ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.care_exit ADD CONSTRAINT PK_care_exit PRIMARY KEY CLUSTERED (person_id, ceased_date);
    CREATE NONCLUSTERED INDEX IX_care_exit_reason_group_ceased_date ON ppoc.care_exit (reason_group, ceased_date);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.care_exit') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_care_exit_reason_group_ceased_date ON ppoc_staging.care_exit;
    ALTER TABLE ppoc_staging.care_exit DROP CONSTRAINT PK_care_exit;
    ALTER TABLE ppoc_staging.care_exit ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.care_exit ALTER COLUMN reason_code NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.care_exit ALTER COLUMN reason_group NVARCHAR(30) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.care_exit ALTER COLUMN legal_status_at_exit NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.care_exit ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.care_exit ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.care_exit ADD CONSTRAINT PK_care_exit PRIMARY KEY CLUSTERED (person_id, ceased_date);
    CREATE NONCLUSTERED INDEX IX_care_exit_reason_group_ceased_date ON ppoc_staging.care_exit (reason_group, ceased_date);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.care_exit') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_care_exit_reason_group_ceased_date ON ppoc_retired.care_exit;
    ALTER TABLE ppoc_retired.care_exit DROP CONSTRAINT PK_care_exit;
    ALTER TABLE ppoc_retired.care_exit ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.care_exit ALTER COLUMN reason_code NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.care_exit ALTER COLUMN reason_group NVARCHAR(30) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.care_exit ALTER COLUMN legal_status_at_exit NVARCHAR(10) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.care_exit ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.care_exit ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.care_exit ADD CONSTRAINT PK_care_exit PRIMARY KEY CLUSTERED (person_id, ceased_date);
    CREATE NONCLUSTERED INDEX IX_care_exit_reason_group_ceased_date ON ppoc_retired.care_exit (reason_group, ceased_date);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.locality_summary') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DECLARE @default_name sysname = (SELECT TOP (1) name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'ppoc.locality_summary'));
    DECLARE @drop_default NVARCHAR(400) = N'ALTER TABLE ppoc.locality_summary DROP CONSTRAINT ' + QUOTENAME(@default_name);
    IF @default_name IS NOT NULL
        EXEC sys.sp_executesql @drop_default;
    ALTER TABLE ppoc.locality_summary DROP CONSTRAINT PK_locality_summary;
    ALTER TABLE ppoc.locality_summary ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.locality_summary ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.locality_summary ALTER COLUMN full_care_order NVARCHAR(3) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.locality_summary ADD CONSTRAINT PK_locality_summary PRIMARY KEY CLUSTERED (locality, team, full_care_order);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.locality_summary') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DECLARE @default_name sysname = (SELECT TOP (1) name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'ppoc_staging.locality_summary'));
    DECLARE @drop_default NVARCHAR(400) = N'ALTER TABLE ppoc_staging.locality_summary DROP CONSTRAINT ' + QUOTENAME(@default_name);
    IF @default_name IS NOT NULL
        EXEC sys.sp_executesql @drop_default;
    ALTER TABLE ppoc_staging.locality_summary DROP CONSTRAINT PK_locality_summary;
    ALTER TABLE ppoc_staging.locality_summary ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.locality_summary ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.locality_summary ALTER COLUMN full_care_order NVARCHAR(3) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.locality_summary ADD CONSTRAINT PK_locality_summary PRIMARY KEY CLUSTERED (locality, team, full_care_order);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.locality_summary') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    ALTER TABLE ppoc_retired.locality_summary DROP CONSTRAINT PK_locality_summary;
    ALTER TABLE ppoc_retired.locality_summary ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.locality_summary ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.locality_summary ALTER COLUMN full_care_order NVARCHAR(3) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.locality_summary ADD CONSTRAINT PK_locality_summary PRIMARY KEY CLUSTERED (locality, team, full_care_order);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.target_progress') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DECLARE @default_name sysname = (SELECT TOP (1) name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'ppoc.target_progress'));
    DECLARE @drop_default NVARCHAR(400) = N'ALTER TABLE ppoc.target_progress DROP CONSTRAINT ' + QUOTENAME(@default_name);
    IF @default_name IS NOT NULL
        EXEC sys.sp_executesql @drop_default;
    ALTER TABLE ppoc.target_progress DROP CONSTRAINT PK_target_progress;
    ALTER TABLE ppoc.target_progress ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.target_progress ALTER COLUMN measure NVARCHAR(40) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.target_progress ALTER COLUMN full_care_order NVARCHAR(3) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.target_progress ADD CONSTRAINT PK_target_progress PRIMARY KEY CLUSTERED (locality, measure, period_start, period_end, full_care_order);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.target_progress') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DECLARE @default_name sysname = (SELECT TOP (1) name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'ppoc_staging.target_progress'));
    DECLARE @drop_default NVARCHAR(400) = N'ALTER TABLE ppoc_staging.target_progress DROP CONSTRAINT ' + QUOTENAME(@default_name);
    IF @default_name IS NOT NULL
        EXEC sys.sp_executesql @drop_default;
    ALTER TABLE ppoc_staging.target_progress DROP CONSTRAINT PK_target_progress;
    ALTER TABLE ppoc_staging.target_progress ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.target_progress ALTER COLUMN measure NVARCHAR(40) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.target_progress ALTER COLUMN full_care_order NVARCHAR(3) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.target_progress ADD CONSTRAINT PK_target_progress PRIMARY KEY CLUSTERED (locality, measure, period_start, period_end, full_care_order);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.target_progress') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    ALTER TABLE ppoc_retired.target_progress DROP CONSTRAINT PK_target_progress;
    ALTER TABLE ppoc_retired.target_progress ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.target_progress ALTER COLUMN measure NVARCHAR(40) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.target_progress ALTER COLUMN full_care_order NVARCHAR(3) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.target_progress ADD CONSTRAINT PK_target_progress PRIMARY KEY CLUSTERED (locality, measure, period_start, period_end, full_care_order);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.plan_explanation') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    ALTER TABLE ppoc.plan_explanation DROP CONSTRAINT PK_plan_explanation;
    ALTER TABLE ppoc.plan_explanation ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.plan_explanation ALTER COLUMN assessment_type NVARCHAR(20) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.plan_explanation ALTER COLUMN reason NVARCHAR(1000) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.plan_explanation ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.plan_explanation ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.plan_explanation ADD CONSTRAINT PK_plan_explanation PRIMARY KEY CLUSTERED (person_id, assessment_type);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.plan_explanation') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    ALTER TABLE ppoc_staging.plan_explanation DROP CONSTRAINT PK_plan_explanation;
    ALTER TABLE ppoc_staging.plan_explanation ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.plan_explanation ALTER COLUMN assessment_type NVARCHAR(20) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.plan_explanation ALTER COLUMN reason NVARCHAR(1000) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.plan_explanation ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.plan_explanation ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.plan_explanation ADD CONSTRAINT PK_plan_explanation PRIMARY KEY CLUSTERED (person_id, assessment_type);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.plan_explanation') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    ALTER TABLE ppoc_retired.plan_explanation DROP CONSTRAINT PK_plan_explanation;
    ALTER TABLE ppoc_retired.plan_explanation ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.plan_explanation ALTER COLUMN assessment_type NVARCHAR(20) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.plan_explanation ALTER COLUMN reason NVARCHAR(1000) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.plan_explanation ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.plan_explanation ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.plan_explanation ADD CONSTRAINT PK_plan_explanation PRIMARY KEY CLUSTERED (person_id, assessment_type);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.user_access') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_user_access_user_principal_name ON ppoc.user_access;
    ALTER TABLE ppoc.user_access ALTER COLUMN user_principal_name NVARCHAR(256) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.user_access ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.user_access ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    CREATE CLUSTERED INDEX IX_user_access_user_principal_name ON ppoc.user_access (user_principal_name);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.user_access') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_user_access_user_principal_name ON ppoc_staging.user_access;
    ALTER TABLE ppoc_staging.user_access ALTER COLUMN user_principal_name NVARCHAR(256) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.user_access ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.user_access ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    CREATE CLUSTERED INDEX IX_user_access_user_principal_name ON ppoc_staging.user_access (user_principal_name);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.user_access') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_user_access_user_principal_name ON ppoc_retired.user_access;
    ALTER TABLE ppoc_retired.user_access ALTER COLUMN user_principal_name NVARCHAR(256) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.user_access ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.user_access ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    CREATE CLUSTERED INDEX IX_user_access_user_principal_name ON ppoc_retired.user_access (user_principal_name);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.assessment_workflow') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_assessment_workflow_person_id ON ppoc.assessment_workflow;
    ALTER TABLE ppoc.assessment_workflow DROP CONSTRAINT PK_assessment_workflow;
    ALTER TABLE ppoc.assessment_workflow ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.assessment_workflow ALTER COLUMN workflow_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.assessment_workflow ALTER COLUMN workflow_type NVARCHAR(100) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.assessment_workflow ALTER COLUMN reason NVARCHAR(1000) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.assessment_workflow ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.assessment_workflow ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.assessment_workflow ADD CONSTRAINT PK_assessment_workflow PRIMARY KEY CLUSTERED (workflow_id);
    CREATE NONCLUSTERED INDEX IX_assessment_workflow_person_id ON ppoc.assessment_workflow (person_id);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.assessment_workflow') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_assessment_workflow_person_id ON ppoc_staging.assessment_workflow;
    ALTER TABLE ppoc_staging.assessment_workflow DROP CONSTRAINT PK_assessment_workflow;
    ALTER TABLE ppoc_staging.assessment_workflow ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.assessment_workflow ALTER COLUMN workflow_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.assessment_workflow ALTER COLUMN workflow_type NVARCHAR(100) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.assessment_workflow ALTER COLUMN reason NVARCHAR(1000) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.assessment_workflow ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.assessment_workflow ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.assessment_workflow ADD CONSTRAINT PK_assessment_workflow PRIMARY KEY CLUSTERED (workflow_id);
    CREATE NONCLUSTERED INDEX IX_assessment_workflow_person_id ON ppoc_staging.assessment_workflow (person_id);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.assessment_workflow') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_assessment_workflow_person_id ON ppoc_retired.assessment_workflow;
    ALTER TABLE ppoc_retired.assessment_workflow DROP CONSTRAINT PK_assessment_workflow;
    ALTER TABLE ppoc_retired.assessment_workflow ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.assessment_workflow ALTER COLUMN workflow_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.assessment_workflow ALTER COLUMN workflow_type NVARCHAR(100) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.assessment_workflow ALTER COLUMN reason NVARCHAR(1000) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.assessment_workflow ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.assessment_workflow ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_retired.assessment_workflow ADD CONSTRAINT PK_assessment_workflow PRIMARY KEY CLUSTERED (workflow_id);
    CREATE NONCLUSTERED INDEX IX_assessment_workflow_person_id ON ppoc_retired.assessment_workflow (person_id);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.timeliness_by_month') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    ALTER TABLE ppoc.timeliness_by_month DROP CONSTRAINT PK_timeliness_by_month;
    ALTER TABLE ppoc.timeliness_by_month ALTER COLUMN month NVARCHAR(7) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.timeliness_by_month ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.timeliness_by_month ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.timeliness_by_month ALTER COLUMN assessment_type NVARCHAR(20) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.timeliness_by_month ADD CONSTRAINT PK_timeliness_by_month PRIMARY KEY CLUSTERED (month, locality, team, assessment_type);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.timeliness_by_month') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    ALTER TABLE ppoc_staging.timeliness_by_month DROP CONSTRAINT PK_timeliness_by_month;
    ALTER TABLE ppoc_staging.timeliness_by_month ALTER COLUMN month NVARCHAR(7) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.timeliness_by_month ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.timeliness_by_month ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.timeliness_by_month ALTER COLUMN assessment_type NVARCHAR(20) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.timeliness_by_month ADD CONSTRAINT PK_timeliness_by_month PRIMARY KEY CLUSTERED (month, locality, team, assessment_type);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.timeliness_by_month') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    ALTER TABLE ppoc_retired.timeliness_by_month DROP CONSTRAINT PK_timeliness_by_month;
    ALTER TABLE ppoc_retired.timeliness_by_month ALTER COLUMN month NVARCHAR(7) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.timeliness_by_month ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.timeliness_by_month ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.timeliness_by_month ALTER COLUMN assessment_type NVARCHAR(20) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.timeliness_by_month ADD CONSTRAINT PK_timeliness_by_month PRIMARY KEY CLUSTERED (month, locality, team, assessment_type);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.locality_team') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    ALTER TABLE ppoc.locality_team DROP CONSTRAINT PK_locality_team;
    ALTER TABLE ppoc.locality_team ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.locality_team ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.locality_team ADD CONSTRAINT PK_locality_team PRIMARY KEY CLUSTERED (locality, team);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.locality_team') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    ALTER TABLE ppoc_staging.locality_team DROP CONSTRAINT PK_locality_team;
    ALTER TABLE ppoc_staging.locality_team ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.locality_team ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.locality_team ADD CONSTRAINT PK_locality_team PRIMARY KEY CLUSTERED (locality, team);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.locality_team') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    ALTER TABLE ppoc_retired.locality_team DROP CONSTRAINT PK_locality_team;
    ALTER TABLE ppoc_retired.locality_team ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.locality_team ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_retired.locality_team ADD CONSTRAINT PK_locality_team PRIMARY KEY CLUSTERED (locality, team);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.plan_status_history') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_plan_status_history_person_id_assessment_type_as_at_date ON ppoc.plan_status_history;
    ALTER TABLE ppoc.plan_status_history DROP CONSTRAINT PK_plan_status_history;
    ALTER TABLE ppoc.plan_status_history ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.plan_status_history ALTER COLUMN assessment_type NVARCHAR(20) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.plan_status_history ALTER COLUMN status NVARCHAR(60) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.plan_status_history ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.plan_status_history ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc.plan_status_history ALTER COLUMN run_id NVARCHAR(40) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc.plan_status_history ADD CONSTRAINT PK_plan_status_history PRIMARY KEY CLUSTERED (as_at_date, person_id, assessment_type);
    CREATE NONCLUSTERED INDEX IX_plan_status_history_person_id_assessment_type_as_at_date ON ppoc.plan_status_history (person_id, assessment_type, as_at_date);
    COMMIT TRANSACTION;
END;
GO
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.plan_status_history') AND collation_name <> N'Latin1_General_100_CI_AS')
BEGIN
    BEGIN TRANSACTION; -- all of it or none, under sqlcmd too (XACT_ABORT)
    SET XACT_ABORT ON;
    DROP INDEX IX_plan_status_history_person_id_assessment_type_as_at_date ON ppoc_staging.plan_status_history;
    ALTER TABLE ppoc_staging.plan_status_history DROP CONSTRAINT PK_plan_status_history;
    ALTER TABLE ppoc_staging.plan_status_history ALTER COLUMN person_id NVARCHAR(50) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.plan_status_history ALTER COLUMN assessment_type NVARCHAR(20) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.plan_status_history ALTER COLUMN status NVARCHAR(60) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.plan_status_history ALTER COLUMN locality NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.plan_status_history ALTER COLUMN team NVARCHAR(200) COLLATE Latin1_General_100_CI_AS NULL;
    ALTER TABLE ppoc_staging.plan_status_history ALTER COLUMN run_id NVARCHAR(40) COLLATE Latin1_General_100_CI_AS NOT NULL;
    ALTER TABLE ppoc_staging.plan_status_history ADD CONSTRAINT PK_plan_status_history PRIMARY KEY CLUSTERED (as_at_date, person_id, assessment_type);
    CREATE NONCLUSTERED INDEX IX_plan_status_history_person_id_assessment_type_as_at_date ON ppoc_staging.plan_status_history (person_id, assessment_type, as_at_date);
    COMMIT TRANSACTION;
END;
GO

IF OBJECT_ID(N'ppoc.DF_locality_summary_full_care_order', N'D') IS NULL
BEGIN
    DECLARE @default_name sysname = (SELECT name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'ppoc.locality_summary') AND parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'ppoc.locality_summary'), N'full_care_order', 'ColumnId'));
    DECLARE @drop_default NVARCHAR(400) = N'ALTER TABLE ppoc.locality_summary DROP CONSTRAINT ' + QUOTENAME(@default_name);
    IF @default_name IS NOT NULL
        EXEC sys.sp_executesql @drop_default;
    ALTER TABLE ppoc.locality_summary ADD CONSTRAINT DF_locality_summary_full_care_order DEFAULT N'All' FOR full_care_order;
END;
GO
IF OBJECT_ID(N'ppoc_staging.DF_locality_summary_full_care_order', N'D') IS NULL
BEGIN
    DECLARE @default_name sysname = (SELECT name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'ppoc_staging.locality_summary') AND parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'ppoc_staging.locality_summary'), N'full_care_order', 'ColumnId'));
    DECLARE @drop_default NVARCHAR(400) = N'ALTER TABLE ppoc_staging.locality_summary DROP CONSTRAINT ' + QUOTENAME(@default_name);
    IF @default_name IS NOT NULL
        EXEC sys.sp_executesql @drop_default;
    ALTER TABLE ppoc_staging.locality_summary ADD CONSTRAINT DF_locality_summary_full_care_order DEFAULT N'All' FOR full_care_order;
END;
GO
IF OBJECT_ID(N'ppoc_retired.DF_locality_summary_full_care_order', N'D') IS NULL
BEGIN
    DECLARE @default_name sysname = (SELECT name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'ppoc_retired.locality_summary') AND parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'ppoc_retired.locality_summary'), N'full_care_order', 'ColumnId'));
    DECLARE @drop_default NVARCHAR(400) = N'ALTER TABLE ppoc_retired.locality_summary DROP CONSTRAINT ' + QUOTENAME(@default_name);
    IF @default_name IS NOT NULL
        EXEC sys.sp_executesql @drop_default;
    ALTER TABLE ppoc_retired.locality_summary ADD CONSTRAINT DF_locality_summary_full_care_order DEFAULT N'All' FOR full_care_order;
END;
GO
IF OBJECT_ID(N'ppoc.DF_target_progress_full_care_order', N'D') IS NULL
BEGIN
    DECLARE @default_name sysname = (SELECT name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'ppoc.target_progress') AND parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'ppoc.target_progress'), N'full_care_order', 'ColumnId'));
    DECLARE @drop_default NVARCHAR(400) = N'ALTER TABLE ppoc.target_progress DROP CONSTRAINT ' + QUOTENAME(@default_name);
    IF @default_name IS NOT NULL
        EXEC sys.sp_executesql @drop_default;
    ALTER TABLE ppoc.target_progress ADD CONSTRAINT DF_target_progress_full_care_order DEFAULT N'All' FOR full_care_order;
END;
GO
IF OBJECT_ID(N'ppoc_staging.DF_target_progress_full_care_order', N'D') IS NULL
BEGIN
    DECLARE @default_name sysname = (SELECT name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'ppoc_staging.target_progress') AND parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'ppoc_staging.target_progress'), N'full_care_order', 'ColumnId'));
    DECLARE @drop_default NVARCHAR(400) = N'ALTER TABLE ppoc_staging.target_progress DROP CONSTRAINT ' + QUOTENAME(@default_name);
    IF @default_name IS NOT NULL
        EXEC sys.sp_executesql @drop_default;
    ALTER TABLE ppoc_staging.target_progress ADD CONSTRAINT DF_target_progress_full_care_order DEFAULT N'All' FOR full_care_order;
END;
GO
IF OBJECT_ID(N'ppoc_retired.DF_target_progress_full_care_order', N'D') IS NULL
BEGIN
    DECLARE @default_name sysname = (SELECT name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'ppoc_retired.target_progress') AND parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'ppoc_retired.target_progress'), N'full_care_order', 'ColumnId'));
    DECLARE @drop_default NVARCHAR(400) = N'ALTER TABLE ppoc_retired.target_progress DROP CONSTRAINT ' + QUOTENAME(@default_name);
    IF @default_name IS NOT NULL
        EXEC sys.sp_executesql @drop_default;
    ALTER TABLE ppoc_retired.target_progress ADD CONSTRAINT DF_target_progress_full_care_order DEFAULT N'All' FOR full_care_order;
END;
GO

CREATE OR ALTER VIEW ppoc.vw_plan_explanation
AS
SELECT
    person_id,
    assessment_type,
    CAST(CASE listed WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS listed,
    reason,
    as_at_date,
    locality,
    team
FROM ppoc.plan_explanation;
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
    as_at_date,
    locality,
    team
FROM ppoc.assessment_workflow;
GO

-- 'GMT Standard Time' is the Windows (and SQL Server on Linux) name of UK time: GMT in winter,
-- BST in summer (sys.time_zone_info lists the names a server knows).
CREATE OR ALTER VIEW ppoc.vw_refresh_log
AS
SELECT
    run_id,
    started_at_utc,
    finished_at_utc,
    status,
    as_at_date,
    source,
    rows_read,
    rows_rejected,
    rows_written,
    message,
    window_months,
    CAST(started_at_utc AT TIME ZONE 'UTC' AT TIME ZONE 'GMT Standard Time' AS DATETIME2(3)) AS started_at_uk,
    CAST(finished_at_utc AT TIME ZONE 'UTC' AT TIME ZONE 'GMT Standard Time' AS DATETIME2(3)) AS finished_at_uk
FROM ppoc.refresh_log;
GO

-- Verify, then record: a batch that failed (sqlcmd without -b, SSMS) leaves the file unrecorded.
IF COL_LENGTH(N'ppoc.plan_explanation', N'locality') IS NULL
    THROW 50000, N'010_keys_collation_and_places: column ppoc.plan_explanation.locality is missing', 1;
IF COL_LENGTH(N'ppoc.plan_explanation', N'team') IS NULL
    THROW 50000, N'010_keys_collation_and_places: column ppoc.plan_explanation.team is missing', 1;
IF COL_LENGTH(N'ppoc_staging.plan_explanation', N'locality') IS NULL
    THROW 50000, N'010_keys_collation_and_places: column ppoc_staging.plan_explanation.locality is missing', 1;
IF COL_LENGTH(N'ppoc_staging.plan_explanation', N'team') IS NULL
    THROW 50000, N'010_keys_collation_and_places: column ppoc_staging.plan_explanation.team is missing', 1;
IF COL_LENGTH(N'ppoc_retired.plan_explanation', N'locality') IS NULL
    THROW 50000, N'010_keys_collation_and_places: column ppoc_retired.plan_explanation.locality is missing', 1;
IF COL_LENGTH(N'ppoc_retired.plan_explanation', N'team') IS NULL
    THROW 50000, N'010_keys_collation_and_places: column ppoc_retired.plan_explanation.team is missing', 1;
IF COL_LENGTH(N'ppoc.assessment_workflow', N'locality') IS NULL
    THROW 50000, N'010_keys_collation_and_places: column ppoc.assessment_workflow.locality is missing', 1;
IF COL_LENGTH(N'ppoc.assessment_workflow', N'team') IS NULL
    THROW 50000, N'010_keys_collation_and_places: column ppoc.assessment_workflow.team is missing', 1;
IF COL_LENGTH(N'ppoc_staging.assessment_workflow', N'locality') IS NULL
    THROW 50000, N'010_keys_collation_and_places: column ppoc_staging.assessment_workflow.locality is missing', 1;
IF COL_LENGTH(N'ppoc_staging.assessment_workflow', N'team') IS NULL
    THROW 50000, N'010_keys_collation_and_places: column ppoc_staging.assessment_workflow.team is missing', 1;
IF COL_LENGTH(N'ppoc_retired.assessment_workflow', N'locality') IS NULL
    THROW 50000, N'010_keys_collation_and_places: column ppoc_retired.assessment_workflow.locality is missing', 1;
IF COL_LENGTH(N'ppoc_retired.assessment_workflow', N'team') IS NULL
    THROW 50000, N'010_keys_collation_and_places: column ppoc_retired.assessment_workflow.team is missing', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.planned_assessment') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc.PK_planned_assessment', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc.planned_assessment'), N'IX_planned_assessment_locality_team', 'IndexID') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc.planned_assessment'), N'IX_planned_assessment_status_order_predicted_start_date', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc.planned_assessment has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.planned_assessment') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_staging.PK_planned_assessment', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.planned_assessment'), N'IX_planned_assessment_locality_team', 'IndexID') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.planned_assessment'), N'IX_planned_assessment_status_order_predicted_start_date', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_staging.planned_assessment has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.planned_assessment') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_retired.PK_planned_assessment', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.planned_assessment'), N'IX_planned_assessment_locality_team', 'IndexID') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.planned_assessment'), N'IX_planned_assessment_status_order_predicted_start_date', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_retired.planned_assessment has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.cic_cohort') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc.PK_cic_cohort', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc.cic_cohort'), N'IX_cic_cohort_locality_team', 'IndexID') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc.cic_cohort'), N'IX_cic_cohort_full_care_order', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc.cic_cohort has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.cic_cohort') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_staging.PK_cic_cohort', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.cic_cohort'), N'IX_cic_cohort_locality_team', 'IndexID') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.cic_cohort'), N'IX_cic_cohort_full_care_order', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_staging.cic_cohort has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.cic_cohort') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_retired.PK_cic_cohort', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.cic_cohort'), N'IX_cic_cohort_locality_team', 'IndexID') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.cic_cohort'), N'IX_cic_cohort_full_care_order', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_retired.cic_cohort has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.care_exit') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc.PK_care_exit', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc.care_exit'), N'IX_care_exit_reason_group_ceased_date', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc.care_exit has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.care_exit') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_staging.PK_care_exit', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.care_exit'), N'IX_care_exit_reason_group_ceased_date', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_staging.care_exit has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.care_exit') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_retired.PK_care_exit', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.care_exit'), N'IX_care_exit_reason_group_ceased_date', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_retired.care_exit has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.locality_summary') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc.PK_locality_summary', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc.locality_summary has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.locality_summary') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_staging.PK_locality_summary', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_staging.locality_summary has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.locality_summary') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_retired.PK_locality_summary', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_retired.locality_summary has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.target_progress') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc.PK_target_progress', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc.target_progress has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.target_progress') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_staging.PK_target_progress', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_staging.target_progress has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.target_progress') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_retired.PK_target_progress', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_retired.target_progress has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.plan_explanation') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc.PK_plan_explanation', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc.plan_explanation has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.plan_explanation') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_staging.PK_plan_explanation', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_staging.plan_explanation has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.plan_explanation') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_retired.PK_plan_explanation', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_retired.plan_explanation has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.user_access') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc.user_access'), N'IX_user_access_user_principal_name', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc.user_access has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.user_access') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.user_access'), N'IX_user_access_user_principal_name', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_staging.user_access has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.user_access') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.user_access'), N'IX_user_access_user_principal_name', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_retired.user_access has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.assessment_workflow') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc.PK_assessment_workflow', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc.assessment_workflow'), N'IX_assessment_workflow_person_id', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc.assessment_workflow has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.assessment_workflow') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_staging.PK_assessment_workflow', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.assessment_workflow'), N'IX_assessment_workflow_person_id', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_staging.assessment_workflow has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.assessment_workflow') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_retired.PK_assessment_workflow', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_retired.assessment_workflow'), N'IX_assessment_workflow_person_id', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_retired.assessment_workflow has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.timeliness_by_month') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc.PK_timeliness_by_month', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc.timeliness_by_month has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.timeliness_by_month') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_staging.PK_timeliness_by_month', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_staging.timeliness_by_month has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.timeliness_by_month') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_retired.PK_timeliness_by_month', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_retired.timeliness_by_month has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.locality_team') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc.PK_locality_team', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc.locality_team has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.locality_team') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_staging.PK_locality_team', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_staging.locality_team has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_retired.locality_team') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_retired.PK_locality_team', N'PK') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_retired.locality_team has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc.plan_status_history') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc.PK_plan_status_history', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc.plan_status_history'), N'IX_plan_status_history_person_id_assessment_type_as_at_date', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc.plan_status_history has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'ppoc_staging.plan_status_history') AND collation_name <> N'Latin1_General_100_CI_AS')
    OR OBJECT_ID(N'ppoc_staging.PK_plan_status_history', N'PK') IS NULL
    OR INDEXPROPERTY(OBJECT_ID(N'ppoc_staging.plan_status_history'), N'IX_plan_status_history_person_id_assessment_type_as_at_date', 'IndexID') IS NULL
    THROW 50000, N'010_keys_collation_and_places: ppoc_staging.plan_status_history has a text column in another collation than Latin1_General_100_CI_AS, or lost its key or an index', 1;
IF OBJECT_ID(N'ppoc.DF_locality_summary_full_care_order', N'D') IS NULL
    THROW 50000, N'010_keys_collation_and_places: default ppoc.DF_locality_summary_full_care_order is missing', 1;
IF OBJECT_ID(N'ppoc_staging.DF_locality_summary_full_care_order', N'D') IS NULL
    THROW 50000, N'010_keys_collation_and_places: default ppoc_staging.DF_locality_summary_full_care_order is missing', 1;
IF OBJECT_ID(N'ppoc_retired.DF_locality_summary_full_care_order', N'D') IS NULL
    THROW 50000, N'010_keys_collation_and_places: default ppoc_retired.DF_locality_summary_full_care_order is missing', 1;
IF OBJECT_ID(N'ppoc.DF_target_progress_full_care_order', N'D') IS NULL
    THROW 50000, N'010_keys_collation_and_places: default ppoc.DF_target_progress_full_care_order is missing', 1;
IF OBJECT_ID(N'ppoc_staging.DF_target_progress_full_care_order', N'D') IS NULL
    THROW 50000, N'010_keys_collation_and_places: default ppoc_staging.DF_target_progress_full_care_order is missing', 1;
IF OBJECT_ID(N'ppoc_retired.DF_target_progress_full_care_order', N'D') IS NULL
    THROW 50000, N'010_keys_collation_and_places: default ppoc_retired.DF_target_progress_full_care_order is missing', 1;
IF OBJECT_ID(N'ppoc.vw_plan_explanation', N'V') IS NULL OR COL_LENGTH(N'ppoc.vw_plan_explanation', N'team') IS NULL
    OR OBJECT_ID(N'ppoc.vw_assessment_workflow', N'V') IS NULL OR COL_LENGTH(N'ppoc.vw_assessment_workflow', N'team') IS NULL
    OR OBJECT_ID(N'ppoc.vw_refresh_log', N'V') IS NULL OR COL_LENGTH(N'ppoc.vw_refresh_log', N'finished_at_uk') IS NULL
    THROW 50000, N'010_keys_collation_and_places: a view of this file lacks its new columns', 1;
IF NOT EXISTS (SELECT 1 FROM ppoc.schema_version WHERE version = 10)
    INSERT INTO ppoc.schema_version (version, name, applied_at_utc) VALUES (10, N'010_keys_collation_and_places', SYSUTCDATETIME());
GO
