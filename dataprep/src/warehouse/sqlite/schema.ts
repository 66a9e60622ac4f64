import { TABLES, type ColumnDef, type TableDef } from '../../model/tables';

/**
 * SQLite DDL generated from the curated-table catalog (dates as ISO text, flags as Yes/No text).
 * v2 (release 2): the trend tables, and full_care_order in the page-2 tables' keys.
 * v3 (issue 20): run_figure, the figures the shrink guards compare (seeded for the live run).
 */
export const SQLITE_SCHEMA_VERSION = 3;

export function sqliteType(column: ColumnDef): string {
  return column.type === 'int' ? 'INTEGER' : column.type === 'decimal' ? 'REAL' : 'TEXT';
}

function columnSql(column: ColumnDef): string {
  const type = sqliteType(column);
  const checks: string[] = [];
  if (column.type === 'yesno') checks.push(`"${column.name}" IN ('Yes', 'No')`);
  if (column.type === 'date') checks.push(`"${column.name}" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);
  const nullability = column.nullable ? '' : ' NOT NULL';
  const check = checks.length ? ` CHECK (${checks.join(' AND ')})` : '';
  return `"${column.name}" ${type}${nullability}${check}`;
}

export function createTableSql(table: TableDef, name: string = table.name): string {
  const parts = table.columns.map(columnSql);
  if (table.primaryKey.length) parts.push(`PRIMARY KEY (${table.primaryKey.map((c) => `"${c}"`).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS "${name}" (\n  ${parts.join(',\n  ')}\n)`;
}

/**
 * SQLite cannot change a primary key in place: copy the rows into a new table with the
 * catalog's shape (a column the old table lacks gets its `addedWith` value), then swap names.
 */
export function rebuildStatements(table: TableDef, existing: ReadonlySet<string>): { sql: string; params: (string | null)[] }[] {
  const temporary = `${table.name}__rebuild`;
  const added = table.columns.filter((c) => !existing.has(c.name));
  const select = table.columns.map((c) => (existing.has(c.name) ? `"${c.name}"` : '?')).join(', ');
  return [
    { sql: `DROP TABLE IF EXISTS "${temporary}"`, params: [] },
    { sql: createTableSql(table, temporary), params: [] },
    {
      sql: `INSERT INTO "${temporary}" (${table.columns.map((c) => `"${c.name}"`).join(', ')}) SELECT ${select} FROM "${table.name}"`,
      params: added.map((c) => c.addedWith ?? null),
    },
    { sql: `DROP TABLE "${table.name}"`, params: [] },
    { sql: `ALTER TABLE "${temporary}" RENAME TO "${table.name}"`, params: [] },
  ];
}

export function createIndexSql(table: TableDef): string[] {
  return table.indexes.map(
    (cols) => `CREATE INDEX IF NOT EXISTS "ix_${table.name}_${cols.join('_')}" ON "${table.name}" (${cols.map((c) => `"${c}"`).join(', ')})`,
  );
}

/** The statements that create what is missing (tables, then indexes); all idempotent. */
export function schemaStatements(): { tables: string[]; indexes: string[] } {
  return {
    tables: [
      'CREATE TABLE IF NOT EXISTS "schema_version" ("version" INTEGER NOT NULL PRIMARY KEY, "applied_at_utc" TEXT NOT NULL)',
      ...Object.values(TABLES).map((table) => createTableSql(table)),
    ],
    indexes: Object.values(TABLES).flatMap(createIndexSql),
  };
}

/** `INSERT` with positional parameters in catalog column order. */
export function insertSql(table: TableDef): string {
  const names = table.columns.map((c) => `"${c.name}"`).join(', ');
  return `INSERT INTO "${table.name}" (${names}) VALUES (${table.columns.map(() => '?').join(', ')})`;
}
