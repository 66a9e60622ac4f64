-- 007: one owner of the refresh lock. Clearing staging and swapping refuse to run unless the
-- caller's own transaction holds the ppoc-refresh application lock (sp_getapplock, owner
-- Transaction). The job clears, loads and swaps in the transaction that took the lock, so if
-- that connection drops, SQL Server rolls its work back and frees the lock together, and a
-- second run can never empty staging under a first one. XACT_ABORT makes any error (a SWITCH
-- refused, a lock wait that ran out) roll the whole transaction back.
-- The bounded wait for report queries (PPOC_SWAP_WAIT_SECONDS) is the job's SET LOCK_TIMEOUT
-- before it calls swap_into_live; the procedure inherits it.

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
    TRUNCATE TABLE ppoc_staging.data_quality_issue;
END;
GO

-- 006's swap (assessment_workflow included) with the lock-owner check: every curated table is
-- replaced, or none is. TRUNCATE and SWITCH are metadata operations; each
-- needs a schema-modification lock, which waits for running report queries at most as long as
-- the caller's SET LOCK_TIMEOUT, and then fails (error 1222) and rolls everything back.
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
END;
GO

-- Verify, then record: a batch that failed (sqlcmd without -b, SSMS) leaves the file unrecorded.
IF ISNULL(OBJECT_DEFINITION(OBJECT_ID(N'ppoc_staging.clear_staging')), N'') NOT LIKE N'%APPLOCK_MODE%'
    THROW 50000, N'007_lock_owner_checks: procedure ppoc_staging.clear_staging lacks the lock-owner check', 1;
IF ISNULL(OBJECT_DEFINITION(OBJECT_ID(N'ppoc_staging.swap_into_live')), N'') NOT LIKE N'%APPLOCK_MODE%'
    THROW 50000, N'007_lock_owner_checks: procedure ppoc_staging.swap_into_live lacks the lock-owner check', 1;
IF NOT EXISTS (SELECT 1 FROM ppoc.schema_version WHERE version = 7)
    INSERT INTO ppoc.schema_version (version, name, applied_at_utc) VALUES (7, N'007_lock_owner_checks', SYSUTCDATETIME());
GO
