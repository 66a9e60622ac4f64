/**
 * Writes sql/002_tables.sql, 003_staging_and_swap.sql and 004_views.sql from the catalog
 * (model/tables.ts). Pre-release only: once a database has applied them, never rewrite an
 * applied migration; add sql/NNN_*.sql with guarded ALTER TABLE … ADD on the live table AND its
 * staging twin, and CREATE OR ALTER the view. 001, 005 and 006 are written by hand.
 * Each file ends with the verify-then-record batch (verifyAndRecord): a file whose batches did
 * not all succeed is never recorded as applied.
 * Release 2's trend tables and columns are in sql/008_trends_and_report_data.sql (written from
 * this tool's table and view shapes), the place columns of plan_explanation and
 * assessment_workflow and every collation in sql/010, and run_figure (issue 20's log) in sql/011:
 * running the tool now would put them into 002–004 as well (and 009's retired twins would differ).
 * Run: npx tsx dataprep/test/warehouse/sqlserver/tools/regenerate-sql.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** One existence check of the verify batch: the condition that means "missing", and what is missing. */
export interface Expectation {
  missing: string;
  what: string;
}

export const tableExists = (qualified: string): Expectation => ({ missing: `OBJECT_ID(N'${qualified}', N'U') IS NULL`, what: `table ${qualified}` });
export const viewExists = (qualified: string): Expectation => ({ missing: `OBJECT_ID(N'${qualified}', N'V') IS NULL`, what: `view ${qualified}` });
export const procedureExists = (qualified: string): Expectation => ({ missing: `OBJECT_ID(N'${qualified}', N'P') IS NULL`, what: `procedure ${qualified}` });
export const indexExists = (qualified: string, index: string): Expectation => ({
  missing: `INDEXPROPERTY(OBJECT_ID(N'${qualified}'), N'${index}', 'IndexID') IS NULL`,
  what: `index ${index} on ${qualified}`,
});

/** The file's last batch: every object it creates must exist before the file is recorded. */
export function verifyAndRecord(version: number, name: string, expectations: readonly Expectation[]): string {
  const checks = expectations.map((e) => `IF ${e.missing}\n    THROW 50000, N'${name}: ${e.what} is missing', 1;\n`);
  return '-- Verify, then record: a batch that failed (sqlcmd without -b, SSMS) leaves the file unrecorded.\n' +
    checks.join('') +
    `IF NOT EXISTS (SELECT 1 FROM ppoc.schema_version WHERE version = ${version})\n` +
    `    INSERT INTO ppoc.schema_version (version, name, applied_at_utc) VALUES (${version}, N'${name}', SYSUTCDATETIME());\nGO\n`;
}

const indexName = (t: TableDef, cols: readonly string[]) => `IX_${t.name}_${cols.join('_')}`;

/** A table and its indexes, as the verify batch checks them. */
const tableExpectations = (schema: string, t: TableDef): Expectation[] => [
  tableExists(`${schema}.${t.name}`),
  ...t.indexes.map((cols) => indexExists(`${schema}.${t.name}`, indexName(t, cols))),
];

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
      const name = indexName(t, cols);
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
  return text + verifyAndRecord(2, '002_tables', Object.values(TABLES).flatMap((t) => tableExpectations('ppoc', t)));
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
  const expectations = [
    ...staged.flatMap((t) => tableExpectations('ppoc_staging', t)),
    procedureExists('ppoc_staging.clear_staging'),
    procedureExists('ppoc_staging.swap_into_live'),
  ];
  return text + verifyAndRecord(3, '003_staging_and_swap', expectations);
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
  return text + verifyAndRecord(4, '004_views', Object.values(TABLES).map((t) => viewExists(`ppoc.vw_${t.name}`)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(join(DEFAULT_MIGRATIONS_DIR, '002_tables.sql'), tablesFile());
  writeFileSync(join(DEFAULT_MIGRATIONS_DIR, '003_staging_and_swap.sql'), stagingFile());
  writeFileSync(join(DEFAULT_MIGRATIONS_DIR, '004_views.sql'), viewsFile());
}
