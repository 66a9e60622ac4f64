-- 004: one view per table, the only objects the Power BI dataset binds to. Column names are
-- the catalog's; Yes/No flags are stored as BIT and shown here as the text Yes/No.

CREATE OR ALTER VIEW ppoc.vw_planned_assessment
AS
SELECT
    person_id,
    child_name,
    social_worker,
    team,
    locality,
    placement_type,
    placement_provider,
    legal_status,
    CAST(CASE full_care_order WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS full_care_order,
    assessment_type,
    predicted_start_date,
    first_predicted_start_date,
    prediction_revisions,
    actual_start_date,
    status,
    status_order,
    days_late,
    CAST(CASE in_care WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS in_care,
    ceased_date,
    ceased_reason,
    CAST(CASE in_last_window WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS in_last_window,
    CAST(CASE in_next_window WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS in_next_window,
    as_at_date
FROM ppoc.planned_assessment;
GO

CREATE OR ALTER VIEW ppoc.vw_cic_cohort
AS
SELECT
    person_id,
    child_name,
    legal_status,
    legal_status_description,
    CAST(CASE full_care_order WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS full_care_order,
    placement_type,
    placement_provider,
    team,
    locality,
    social_worker,
    period_of_care_start,
    days_in_care,
    ppoc_group,
    CAST(CASE has_plan WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS has_plan,
    as_at_date
FROM ppoc.cic_cohort;
GO

CREATE OR ALTER VIEW ppoc.vw_care_exit
AS
SELECT
    person_id,
    ceased_date,
    reason_code,
    reason_group,
    legal_status_at_exit,
    CAST(CASE full_care_order_at_exit WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS full_care_order_at_exit,
    team,
    locality,
    CAST(CASE had_plan WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS had_plan,
    as_at_date
FROM ppoc.care_exit;
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
    as_at_date
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
    as_at_date
FROM ppoc.target_progress;
GO

CREATE OR ALTER VIEW ppoc.vw_plan_explanation
AS
SELECT
    person_id,
    assessment_type,
    CAST(CASE listed WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS listed,
    reason,
    as_at_date
FROM ppoc.plan_explanation;
GO

CREATE OR ALTER VIEW ppoc.vw_user_access
AS
SELECT
    user_principal_name,
    locality,
    team
FROM ppoc.user_access;
GO

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
    window_months
FROM ppoc.refresh_log;
GO

CREATE OR ALTER VIEW ppoc.vw_data_quality_issue
AS
SELECT
    run_id,
    severity,
    source_file,
    line,
    column_name,
    person_id,
    [rule],
    message
FROM ppoc.data_quality_issue;
GO

-- Verify, then record: a batch that failed (sqlcmd without -b, SSMS) leaves the file unrecorded.
IF OBJECT_ID(N'ppoc.vw_planned_assessment', N'V') IS NULL
    THROW 50000, N'004_views: view ppoc.vw_planned_assessment is missing', 1;
IF OBJECT_ID(N'ppoc.vw_cic_cohort', N'V') IS NULL
    THROW 50000, N'004_views: view ppoc.vw_cic_cohort is missing', 1;
IF OBJECT_ID(N'ppoc.vw_care_exit', N'V') IS NULL
    THROW 50000, N'004_views: view ppoc.vw_care_exit is missing', 1;
IF OBJECT_ID(N'ppoc.vw_locality_summary', N'V') IS NULL
    THROW 50000, N'004_views: view ppoc.vw_locality_summary is missing', 1;
IF OBJECT_ID(N'ppoc.vw_target_progress', N'V') IS NULL
    THROW 50000, N'004_views: view ppoc.vw_target_progress is missing', 1;
IF OBJECT_ID(N'ppoc.vw_plan_explanation', N'V') IS NULL
    THROW 50000, N'004_views: view ppoc.vw_plan_explanation is missing', 1;
IF OBJECT_ID(N'ppoc.vw_user_access', N'V') IS NULL
    THROW 50000, N'004_views: view ppoc.vw_user_access is missing', 1;
IF OBJECT_ID(N'ppoc.vw_refresh_log', N'V') IS NULL
    THROW 50000, N'004_views: view ppoc.vw_refresh_log is missing', 1;
IF OBJECT_ID(N'ppoc.vw_data_quality_issue', N'V') IS NULL
    THROW 50000, N'004_views: view ppoc.vw_data_quality_issue is missing', 1;
IF NOT EXISTS (SELECT 1 FROM ppoc.schema_version WHERE version = 4)
    INSERT INTO ppoc.schema_version (version, name, applied_at_utc) VALUES (4, N'004_views', SYSUTCDATETIME());
GO
