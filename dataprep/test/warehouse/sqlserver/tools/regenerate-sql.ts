/**
 * Writes sql/002_tables.sql, 003_staging_and_swap.sql and 004_views.sql from the catalog
 * (model/tables.ts). Pre-release only: once a database has applied them, never rewrite an
 * applied migration; add sql/NNN_*.sql with guarded ALTER TABLE … ADD on the live table AND its
 * staging twin, and CREATE OR ALTER the view. 001 and 005 are written by hand. Release 2's
 * tables and columns are in sql/007_trends_and_report_data.sql (written from this tool's table
 * and view shapes): running the tool now would put them into 002–004 as well.
 * Run: npx tsx dataprep/test/warehouse/sqlserver/tools/regenerate-sql.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURATED_TABLES, TABLES, type TableDef } from '../../../../src/model/tables';
import { sqlTypeOf } from '../../../../src/warehouse/sqlserver/columns';
import { sqlTypeName } from '../../../../src/warehouse/sqlserver/connector';
import { isReservedWord } from '../../../../src/warehouse/sqlserver/identifiers';
import { DEFAULT_MIGRATIONS_DIR } from '../../../../src/warehouse/sqlserver/migrations';

const id = (name: string) => (isReservedWord(name) ? `[${name}]` : name);

/** CHECK constraints only on tables that are never switched (a switched table's CHECKs must be trusted on both sides). */
const CHECKS: Record<string, string[]> = {
  refresh_log: [`CONSTRAINT CK_refresh_log_status CHECK (status IN (N'running', N'succeeded', N'failed'))`],
  data_quality_issue: [`CONSTRAINT CK_data_quality_issue_severity CHECK (severity IN (N'error', N'warning'))`],
};

const registration = (version: number, name: string) =>
  `IF NOT EXISTS (SELECT 1 FROM ppoc.schema_version WHERE version = ${version})\n` +
  `    INSERT INTO ppoc.schema_version (version, name, applied_at_utc) VALUES (${version}, N'${name}', SYSUTCDATETIME());\nGO\n`;

function createTable(schema: string, t: TableDef): string {
  const width = Math.max(...t.columns.map((c) => id(c.name).length));
  const lines = t.columns.map(
    (c) => `        ${id(c.name).padEnd(width)} ${sqlTypeName(sqlTypeOf(c)).padEnd(14)} ${c.nullable ? 'NULL' : 'NOT NULL'}`,
  );
  if (t.primaryKey.length) lines.push(`        CONSTRAINT PK_${t.name} PRIMARY KEY CLUSTERED (${t.primaryKey.join(', ')})`);
  if (schema === 'ppoc') for (const check of CHECKS[t.name] ?? []) lines.push(`        ${check}`);
  return `IF OBJECT_ID(N'${schema}.${t.name}', N'U') IS NULL\n    CREATE TABLE ${schema}.${t.name} (\n${lines.join(',\n')}\n    );\nGO\n`;
}

/** A table without a primary key is clustered on its first index. */
function createIndexes(schema: string, t: TableDef): string {
  return t.indexes
    .map((cols, i) => {
      const name = `IX_${t.name}_${cols.join('_')}`;
      const kind = !t.primaryKey.length && i === 0 ? 'CLUSTERED' : 'NONCLUSTERED';
      return (
        `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'${name}' AND object_id = OBJECT_ID(N'${schema}.${t.name}'))\n` +
        `    CREATE ${kind} INDEX ${name} ON ${schema}.${t.name} (${cols.join(', ')});\nGO\n`
      );
    })
    .join('');
}

function tablesFile(): string {
  let text = `-- 002: the live tables Power BI reads (through the views in 004), typed from the curated-table
-- catalog: DATE for calendar dates, DATETIME2(3) UTC for timestamps, NVARCHAR(n) with the
-- validation limits, BIT for Yes/No flags (the views show them as Yes/No). Re-runnable.\n\n`;
  for (const t of Object.values(TABLES)) text += `${createTable('ppoc', t)}\n${createIndexes('ppoc', t)}\n`;
  return text + registration(2, '002_tables');
}

function procedure(name: string, body: string[], comment = ''): string {
  return `${comment}CREATE OR ALTER PROCEDURE ppoc_staging.${name}\nWITH EXECUTE AS OWNER\nAS\nBEGIN\n${body.map((l) => `    ${l}\n`).join('')}END;\nGO\n\n`;
}

function stagingFile(): string {
  const staged = [...CURATED_TABLES.map((n) => TABLES[n]), TABLES.data_quality_issue];
  let text = `-- 003: the staging schema the job bulk-loads, and the swap. Each ppoc_staging table has exactly
-- the columns, types, keys and indexes of its ppoc twin, which ALTER TABLE … SWITCH requires.
-- Both procedures run AS OWNER, so the job's role needs EXECUTE on them, not ALTER on tables.\n\n`;
  for (const t of staged) text += `${createTable('ppoc_staging', t)}\n${createIndexes('ppoc_staging', t)}\n`;
  text += procedure('clear_staging', ['SET NOCOUNT ON;', ...staged.map((t) => `TRUNCATE TABLE ppoc_staging.${t.name};`)]);
  text += procedure(
    'swap_into_live',
    [
      'SET NOCOUNT ON;', 'SET XACT_ABORT ON;', 'IF @@TRANCOUNT = 0',
      "    THROW 50001, N'ppoc_staging.swap_into_live must run inside the refresh transaction', 1;",
      ...CURATED_TABLES.flatMap((n) => [`TRUNCATE TABLE ppoc.${n};`, `ALTER TABLE ppoc_staging.${n} SWITCH TO ppoc.${n};`]),
    ],
    `-- Called inside the job's refresh transaction: every curated table is replaced, or none is.
-- TRUNCATE and SWITCH are metadata operations, so the transaction lasts milliseconds; readers
-- wait on the schema locks for that moment and then see only the new tables.\n`,
  );
  return text + registration(3, '003_staging_and_swap');
}

function viewsFile(): string {
  let text = `-- 004: one view per table, the only objects the Power BI dataset binds to. Column names are
-- the catalog's; Yes/No flags are stored as BIT and shown here as the text Yes/No.\n\n`;
  for (const t of Object.values(TABLES)) {
    const cols = t.columns.map((c) =>
      c.type === 'yesno' ? `    CAST(CASE ${c.name} WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR(3)) AS ${c.name}` : `    ${id(c.name)}`,
    );
    text += `CREATE OR ALTER VIEW ppoc.vw_${t.name}\nAS\nSELECT\n${cols.join(',\n')}\nFROM ppoc.${t.name};\nGO\n\n`;
  }
  return text + registration(4, '004_views');
}

writeFileSync(join(DEFAULT_MIGRATIONS_DIR, '002_tables.sql'), tablesFile());
writeFileSync(join(DEFAULT_MIGRATIONS_DIR, '003_staging_and_swap.sql'), stagingFile());
writeFileSync(join(DEFAULT_MIGRATIONS_DIR, '004_views.sql'), viewsFile());
