/**
 * The statements `doctor` sends (read-only, metadata only: no row of a curated table is read),
 * and what the job's login needs, spelt out from the catalog so that a table added to the
 * catalog is checked too. The static test holds JOB_PERMISSIONS to sql/005's grants.
 */
import { CURATED_TABLES, TABLES } from '../../../model/tables';
import { LOCK_PRINCIPAL, LOCK_RESOURCE } from '../statements';

export interface ObjectPermission {
  object: string;
  permission: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'EXECUTE';
}

const on = (object: string, ...permissions: ObjectPermission['permission'][]): ObjectPermission[] =>
  permissions.map((permission) => ({ object, permission }));

/** Everything `run`, `backfill`, `status`, `summary`, `explain`, `issues` and `export` do as ppoc_writer: sql/'s grants to it. */
export const JOB_PERMISSIONS: readonly ObjectPermission[] = [
  ...[...CURATED_TABLES, 'data_quality_issue'].flatMap((t) => on(`ppoc_staging.${t}`, 'SELECT', 'INSERT')),
  ...on('ppoc_staging.clear_staging', 'EXECUTE'),
  ...on('ppoc_staging.swap_into_live', 'EXECUTE'),
  ...on('ppoc_staging.clear_retired', 'EXECUTE'),
  ...on('ppoc_staging.update_live_statistics', 'EXECUTE'),
  ...on('ppoc.refresh_log', 'SELECT', 'INSERT', 'UPDATE'),
  ...on('ppoc.data_quality_issue', 'SELECT', 'INSERT', 'DELETE'),
  ...on('ppoc.source_file', 'SELECT', 'INSERT'),
  ...on('ppoc.run_figure', 'SELECT', 'INSERT'),
  ...on('ppoc_staging.plan_status_history', 'SELECT', 'INSERT'),
  ...on('ppoc.plan_status_history', 'SELECT', 'INSERT', 'DELETE'),
  ...on('ppoc.schema_version', 'SELECT'),
  ...Object.keys(TABLES).flatMap((t) => on(`ppoc.vw_${t}`, 'SELECT')),
];

/** Server, database and login facts, in one row. */
export const SERVER_FACTS = `SELECT
    CAST(SERVERPROPERTY('ProductVersion') AS NVARCHAR(128)) AS product_version,
    CAST(SERVERPROPERTY('Edition') AS NVARCHAR(128)) AS edition,
    CAST(SERVERPROPERTY('EngineEdition') AS INT) AS engine_edition,
    SUSER_SNAME() AS login_name,
    USER_NAME() AS user_name,
    CAST(ISNULL(IS_MEMBER(N'db_owner'), 0) AS INT) AS is_db_owner
FROM sys.databases AS d
WHERE d.database_id = DB_ID();`;

/**
 * The database owner's login, looked up in sys.server_principals (not SUSER_SNAME, which can name
 * a Windows account that has no login on this server). A login sees there only itself, the
 * system logins (sa) and the fixed roles, unless it holds VIEW ANY DEFINITION or ALTER ANY LOGIN
 * (metadata visibility): `sees_all_logins` says whether a missing row means a missing login.
 * Not on Azure SQL Database, where the server admin owns the database.
 */
export const OWNER_LOGIN = `SELECT sp.name AS owner_login,
    CAST(ISNULL(HAS_PERMS_BY_NAME(NULL, NULL, N'VIEW ANY DEFINITION'), 0) | ISNULL(HAS_PERMS_BY_NAME(NULL, NULL, N'ALTER ANY LOGIN'), 0) AS INT) AS sees_all_logins
FROM sys.databases AS d
LEFT JOIN sys.server_principals AS sp ON sp.sid = d.owner_sid
WHERE d.database_id = DB_ID();`;

export const ROLES = `SELECT name, CAST(ISNULL(IS_MEMBER(name), 0) AS INT) AS is_member
FROM sys.database_principals
WHERE type = 'R' AND name IN (N'ppoc_writer', N'ppoc_reader');`;

/** The permissions of JOB_PERMISSIONS this login lacks (HAS_PERMS_BY_NAME: effective permissions). */
export const MISSING_PERMISSIONS = `SELECT p.object_name, p.permission_name
FROM (VALUES
${JOB_PERMISSIONS.map((p) => `    (N'${p.object}', N'${p.permission}')`).join(',\n')}
) AS p (object_name, permission_name)
WHERE ISNULL(HAS_PERMS_BY_NAME(p.object_name, N'OBJECT', p.permission_name), 0) = 0;`;

const TWIN_FILTER = `s.name IN (N'ppoc', N'ppoc_staging', N'ppoc_retired')
  AND t.name IN (${CURATED_TABLES.map((t) => `N'${t}'`).join(', ')})`;

/** What SWITCH compares on columns: type, length, precision, scale, nullability, collation. */
export const TWIN_COLUMNS = `SELECT s.name AS schema_name, t.name AS table_name, c.column_id, c.name AS column_name,
    TYPE_NAME(c.user_type_id) AS type_name, c.max_length, c.precision, c.scale, c.is_nullable,
    c.collation_name, c.is_identity, c.is_computed
FROM sys.columns AS c
JOIN sys.tables AS t ON t.object_id = c.object_id
JOIN sys.schemas AS s ON s.schema_id = t.schema_id
WHERE ${TWIN_FILTER}
ORDER BY s.name, t.name, c.column_id;`;

/** Indexes with their key columns, filegroup and each partition's compression. */
export const TWIN_INDEXES = `SELECT s.name AS schema_name, t.name AS table_name, i.index_id, i.name AS index_name, i.type_desc,
    i.is_unique, i.is_primary_key, i.has_filter, ds.name AS data_space, p.partition_number,
    p.data_compression_desc, c.name AS column_name, ic.key_ordinal, ic.is_included_column, ic.is_descending_key
FROM sys.indexes AS i
JOIN sys.tables AS t ON t.object_id = i.object_id
JOIN sys.schemas AS s ON s.schema_id = t.schema_id
JOIN sys.data_spaces AS ds ON ds.data_space_id = i.data_space_id
JOIN sys.partitions AS p ON p.object_id = i.object_id AND p.index_id = i.index_id
LEFT JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
LEFT JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
WHERE ${TWIN_FILTER}
ORDER BY s.name, t.name, i.index_id, p.partition_number, ic.is_included_column, ic.key_ordinal, c.name;`;

/** CHECK constraints: one on a live table that its staging twin lacks makes SWITCH fail. */
export const TWIN_CHECKS = `SELECT s.name AS schema_name, t.name AS table_name, cc.definition, cc.is_disabled, cc.is_not_trusted
FROM sys.check_constraints AS cc
JOIN sys.tables AS t ON t.object_id = cc.parent_object_id
JOIN sys.schemas AS s ON s.schema_id = t.schema_id
WHERE ${TWIN_FILTER}
ORDER BY s.name, t.name, cc.definition;`;

/** 1 when no session holds the refresh lock (taken for ppoc_writer: a member, or db_owner, may test it). */
export const LOCK_IS_FREE = `SELECT APPLOCK_TEST(N'${LOCK_PRINCIPAL}', N'${LOCK_RESOURCE}', N'Exclusive', N'Session') AS lock_is_free;`;
