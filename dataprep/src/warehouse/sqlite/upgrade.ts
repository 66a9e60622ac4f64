import type { Database } from './database';
import { TABLES, type TableDef } from '../../model/tables';
import { rebuildStatements, sqliteType } from './schema';

interface ColumnInfo {
  name: string;
  pk: number;
}

function primaryKeyOf(columns: readonly ColumnInfo[]): string[] {
  return columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
}

/**
 * Brings tables made by an older release to the catalog's shape, keeping their rows. Columns
 * are only ever added: a new column outside the key is added in place; a key that changed
 * (release 2: full_care_order in the page-2 keys) means a rebuild, old rows getting the
 * column's `addedWith` value (`All`: yesterday's rows were the All rows). Returns what it did.
 */
export function upgradeTables(db: Database): string[] {
  const done: string[] = [];
  for (const table of Object.values(TABLES)) {
    const columns = db.prepare(`PRAGMA table_info("${table.name}")`).all() as unknown as ColumnInfo[];
    const existing = new Set(columns.map((c) => c.name));
    const missing = table.columns.filter((c) => !existing.has(c.name));
    if (primaryKeyOf(columns).join() !== table.primaryKey.join()) {
      for (const step of rebuildStatements(table, existing)) db.prepare(step.sql).run(...step.params);
      done.push(`${table.name}: key (${table.primaryKey.join(', ')})${missing.length ? `, added ${names(missing)}` : ''}`);
    } else if (missing.length) {
      for (const column of missing) db.exec(`ALTER TABLE "${table.name}" ADD COLUMN "${column.name}" ${sqliteType(column)}`);
      done.push(...missing.map((c) => `${table.name}.${c.name}`));
    }
  }
  return done;
}

const names = (columns: TableDef['columns']) => columns.map((c) => c.name).join(', ');
