import { TABLES, type ColumnDef, type TableDef } from '../../model/tables';

/** SQLite DDL generated from the curated-table catalog (dates as ISO text, flags as Yes/No text). */
export const SQLITE_SCHEMA_VERSION = 1;

function columnSql(column: ColumnDef): string {
  const type = column.type === 'int' ? 'INTEGER' : 'TEXT';
  const checks: string[] = [];
  if (column.type === 'yesno') checks.push(`"${column.name}" IN ('Yes', 'No')`);
  if (column.type === 'date') checks.push(`"${column.name}" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);
  const nullability = column.nullable ? '' : ' NOT NULL';
  const check = checks.length ? ` CHECK (${checks.join(' AND ')})` : '';
  return `"${column.name}" ${type}${nullability}${check}`;
}

export function createTableSql(table: TableDef): string {
  const parts = table.columns.map(columnSql);
  if (table.primaryKey.length) parts.push(`PRIMARY KEY (${table.primaryKey.map((c) => `"${c}"`).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS "${table.name}" (\n  ${parts.join(',\n  ')}\n)`;
}

export function createIndexSql(table: TableDef): string[] {
  return table.indexes.map(
    (cols) => `CREATE INDEX IF NOT EXISTS "ix_${table.name}_${cols.join('_')}" ON "${table.name}" (${cols.map((c) => `"${c}"`).join(', ')})`,
  );
}

/** Every statement that brings an empty file to the current schema; all idempotent. */
export function schemaStatements(): string[] {
  const statements = ['CREATE TABLE IF NOT EXISTS "schema_version" ("version" INTEGER NOT NULL PRIMARY KEY, "applied_at_utc" TEXT NOT NULL)'];
  for (const table of Object.values(TABLES)) {
    statements.push(createTableSql(table), ...createIndexSql(table));
  }
  return statements;
}

/** `INSERT` with positional parameters in catalog column order. */
export function insertSql(table: TableDef): string {
  const names = table.columns.map((c) => `"${c.name}"`).join(', ');
  return `INSERT INTO "${table.name}" (${names}) VALUES (${table.columns.map(() => '?').join(', ')})`;
}

/** A row object as positional values in catalog order (missing keys → NULL). */
export function rowValues(table: TableDef, row: object): unknown[] {
  const record = row as Record<string, unknown>;
  return table.columns.map((c) => record[c.name] ?? null);
}
