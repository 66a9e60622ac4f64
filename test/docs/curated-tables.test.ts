/**
 * docs/curated-tables.md stays true to the table catalog (dataprep/src/model/tables.ts): every
 * table has a "## `name`" section, and its column table lists exactly the catalog's columns,
 * in order, with the SQLite and SQL Server types the targets create, nullability and the key.
 */
import assert from 'node:assert/strict';
import { TABLES, type TableDef } from '../../dataprep/src/model/tables';
import { createTableSql } from '../../dataprep/src/warehouse/sqlite/schema';
import { sqlTypeOf } from '../../dataprep/src/warehouse/sqlserver/columns';
import { sqlTypeName } from '../../dataprep/src/warehouse/sqlserver/connector';
import { codeSpan, codeSpans, readDoc, sections, tableWithHeader } from './markdown';

const doc = readDoc('curated-tables.md');
const COLUMN_TABLE = ['column', 'SQLite', 'SQL Server', 'null', 'meaning'];
const HOW = 'document it in docs/curated-tables.md: a "## `table`" section with its column table and key (see the top of that page)';

/** "## `planned_assessment`" sections by table name. */
function tableSections(): Map<string, string> {
  const found = new Map<string, string>();
  for (const [heading, body] of sections(doc, 2)) {
    const name = codeSpan(heading);
    if (name) found.set(name, body);
  }
  return found;
}

/** The column type the SQLite DDL gives, e.g. `INTEGER`. */
function sqliteType(table: TableDef, column: string): string {
  const match = new RegExp(`^\\s*"${column}" (\\w+)`, 'm').exec(createTableSql(table));
  assert.ok(match, `${table.name}.${column} is not in the SQLite DDL`);
  return match[1];
}

describe('docs/curated-tables.md', () => {
  const documented = tableSections();

  it('has a section for every catalog table, and none for a table the catalog lacks', () => {
    const missing = Object.keys(TABLES).filter((name) => !documented.has(name));
    assert.deepEqual(missing, [], `tables without a section: ${HOW}`);
    const extra = [...documented.keys()].filter((name) => !(name in TABLES));
    assert.deepEqual(extra, [], 'sections for tables not in dataprep/src/model/tables.ts');
  });

  for (const table of Object.values(TABLES)) {
    it(`${table.name}: every column in catalog order, with both types, nullability, a meaning and the key`, () => {
      const section = documented.get(table.name);
      assert.ok(section !== undefined, `no section for ${table.name}: ${HOW}`);
      const rows = tableWithHeader(section, COLUMN_TABLE).rows;
      assert.deepEqual(
        rows.map((row) => codeSpan(row[0])),
        table.columns.map((column) => column.name),
        `${table.name}: the documented columns differ from the catalog's`,
      );
      table.columns.forEach((column, i) => {
        const [, sqlite, sqlServer, nullable, meaning] = rows[i];
        const where = `${table.name}.${column.name}`;
        assert.equal(sqlite, sqliteType(table, column.name), `${where}: SQLite type`);
        assert.equal(sqlServer, sqlTypeName(sqlTypeOf(column)), `${where}: SQL Server type`);
        assert.equal(nullable, column.nullable ? 'yes' : 'no', `${where}: null`);
        assert.ok(meaning.length > 3, `${where}: no meaning given`);
      });
      const key = /^\*\*Key:\*\* (.*)$/m.exec(section);
      assert.ok(key, `${table.name}: no **Key:** line`);
      const documentedKey = key[1].startsWith('none') ? [] : codeSpans(key[1].split('.')[0]);
      assert.deepEqual(documentedKey, [...table.primaryKey], `${table.name}: key`);
    });
  }
});
