-- 001: the schemas and the migration ledger. Every file in sql/ is re-runnable (IF NOT EXISTS,
-- CREATE OR ALTER) and its last batch verifies that every object the file creates exists, then
-- records the file in ppoc.schema_version, so `ppoc-prep migrate` and a DBA running the files in
-- order with `sqlcmd -b -I -i …` leave the same database, and a half-applied file is never recorded.
--   ppoc          the live tables and the vw_* views the Power BI dataset binds to
--   ppoc_staging  the tables each refresh bulk-loads before the swap, and the swap procedures

IF SCHEMA_ID(N'ppoc') IS NULL
    EXEC (N'CREATE SCHEMA ppoc AUTHORIZATION dbo');
GO

IF SCHEMA_ID(N'ppoc_staging') IS NULL
    EXEC (N'CREATE SCHEMA ppoc_staging AUTHORIZATION dbo');
GO

IF OBJECT_ID(N'ppoc.schema_version', N'U') IS NULL
    CREATE TABLE ppoc.schema_version (
        version        INT           NOT NULL,
        name           NVARCHAR(200) NOT NULL,
        applied_at_utc DATETIME2(3)  NOT NULL,
        CONSTRAINT PK_schema_version PRIMARY KEY CLUSTERED (version)
    );
GO

-- Verify, then record: a batch that failed (sqlcmd without -b, SSMS) leaves the file unrecorded.
IF SCHEMA_ID(N'ppoc') IS NULL
    THROW 50000, N'001_schema: schema ppoc is missing', 1;
IF SCHEMA_ID(N'ppoc_staging') IS NULL
    THROW 50000, N'001_schema: schema ppoc_staging is missing', 1;
IF OBJECT_ID(N'ppoc.schema_version', N'U') IS NULL
    THROW 50000, N'001_schema: table ppoc.schema_version is missing', 1;
IF NOT EXISTS (SELECT 1 FROM ppoc.schema_version WHERE version = 1)
    INSERT INTO ppoc.schema_version (version, name, applied_at_utc) VALUES (1, N'001_schema', SYSUTCDATETIME());
GO
