/**
 * The batches of sql/ that rebuild what a table already has, read by shape for tsql-model.ts:
 * a primary key re-added with a new column (008), the statistics dropped before collations
 * change, each table's collation rebuild (drop default, indexes and key, ALTER COLUMN …
 * COLLATE, key and indexes back, in one transaction) and the named DEFAULT constraints (010).
 * Each applies its change to the model as the server would, and fails on a batch that does not
 * put back exactly what it took away.
 */
import pkg from 'node-sql-parser';
import type { ParsedTable, TsqlModel } from './tsql-model';

const parser = new pkg.Parser();
const T_SQL = { database: 'transactsql' } as const;
// node-sql-parser's AST is loosely typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ast = any;

export function creates(model: TsqlModel, file: string, key: string): void {
  if (!model.created.has(file)) model.created.set(file, new Set());
  model.created.get(file)?.add(key);
}

export function tableOf(model: TsqlModel, key: string, file: string): ParsedTable {
  const table = model.tables.get(key);
  if (!table) throw new Error(`${file}: alters ${key}, which no earlier batch creates`);
  return table;
}

const indexesOf = (model: TsqlModel, table: string) => model.indexes.filter((i) => i.table === table);

const KEY_REBUILD = new RegExp(
  String.raw`^IF NOT EXISTS \(SELECT 1 FROM sys\.indexes AS i\n.+\n.+\n\s+WHERE i\.object_id = OBJECT_ID\(N'([\w.]+)'\) ` +
    String.raw`AND i\.is_primary_key = 1 AND c\.name = N'(\w+)'\)\nBEGIN\n\s+(ALTER TABLE [^;]+);\n\s+(ALTER TABLE [^;]+);\nEND;$`,
);

/** A primary key rebuilt to take in a new column, guarded on the key not holding it yet (008). */
export function readKeyRebuild(batch: string, file: string, model: TsqlModel): void {
  const match = KEY_REBUILD.exec(batch);
  if (!match) throw new Error(`${file}: malformed key rebuild: ${batch.split('\n')[0]}`);
  const [, guarded, column, dropSql, addSql] = match;
  const drop: Ast = parser.astify(dropSql, T_SQL);
  const add: Ast = parser.astify(addSql, T_SQL);
  const key = `${drop.table[0].db}.${drop.table[0].table}`;
  const definition = add.expr[0].create_definitions;
  const table = tableOf(model, key, file);
  const name = `PK_${drop.table[0].table}`;
  if (guarded !== key || `${add.table[0].db}.${add.table[0].table}` !== key) throw new Error(`${file}: key rebuild names two tables`);
  if (drop.expr[0].constraint !== name || definition.constraint !== name || definition.constraint_type !== 'primary key') {
    throw new Error(`${file}: a key rebuild drops and re-adds ${name} and nothing else`);
  }
  table.primaryKey = definition.definition.map((c: Ast) => c.column);
  if (!table.primaryKey.includes(column)) throw new Error(`${file}: the rebuilt key of ${key} lacks ${column}`);
  creates(model, file, `key:${key}.${column}`);
  model.structuralBatches += 1;
}

const STATISTICS_DROP = /^DECLARE @drop_statistics NVARCHAR\(MAX\) = N'';\nSELECT @drop_statistics = [^\n]+\nFROM sys\.stats AS s\nJOIN sys\.tables AS t ON t\.object_id = s\.object_id\n(?:.+\n)+IF @drop_statistics <> N''\n\s+EXEC sys\.sp_executesql @drop_statistics;$/;

/** 010's first collation batch: the statistics on the tables about to change, which would block it. */
export function readStatisticsDrop(batch: string, file: string, model: TsqlModel): void {
  if (!STATISTICS_DROP.test(batch) || !/auto_created = 1 OR s\.user_created = 1/.test(batch)) {
    throw new Error(`${file}: malformed statistics drop: ${batch.split('\n')[0]}`);
  }
  model.structuralBatches += 1;
}

const COLLATION_GUARD = /^IF EXISTS \(SELECT 1 FROM sys\.columns WHERE object_id = OBJECT_ID\(N'([\w.]+)'\) AND collation_name <> N'(\w+)'\)\nBEGIN\n([\s\S]+)\nEND;$/;
const DEFAULT_DROP = [
  /^DECLARE @default_name sysname = \(SELECT TOP \(1\) name FROM sys\.default_constraints WHERE parent_object_id = OBJECT_ID\(N'([\w.]+)'\)\);$/,
  /^DECLARE @drop_default NVARCHAR\(400\) = N'ALTER TABLE ([\w.]+) DROP CONSTRAINT ' \+ QUOTENAME\(@default_name\);$/,
  /^IF @default_name IS NOT NULL$/,
  /^EXEC sys\.sp_executesql @drop_default;$/,
];

/**
 * 010: one table's NVARCHAR columns to `collation`. Everything in the way (its default, its
 * indexes, its key) must be dropped and then put back exactly as the model knows it.
 */
export function readCollationRebuild(batch: string, file: string, model: TsqlModel): void {
  const match = COLLATION_GUARD.exec(batch);
  if (!match) throw new Error(`${file}: malformed collation rebuild: ${batch.split('\n')[0]}`);
  const [, key, collation, body] = match;
  const table = tableOf(model, key, file);
  const lines = body.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('--'));
  const expect = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`${file}: collation rebuild of ${key}: ${what}`);
  };
  expect(/^BEGIN TRANSACTION;/.test(lines.shift() ?? '') && lines.shift() === 'SET XACT_ABORT ON;' && lines.pop() === 'COMMIT TRANSACTION;',
    'not one transaction with XACT_ABORT');
  if (lines[0]?.startsWith('DECLARE @default_name')) {
    const drop = lines.splice(0, DEFAULT_DROP.length);
    expect(DEFAULT_DROP.every((re, i) => re.test(drop[i]) && [undefined, key].includes(re.exec(drop[i])?.[1])), 'malformed default drop');
    expect(table.defaults.size > 0, 'drops a default the table does not have');
  } else expect(table.defaults.size === 0, 'leaves a default in the way');
  const indexes = indexesOf(model, key);
  const name = key.split('.')[1];
  const before = [
    ...indexes.filter((i) => !i.clustered).map((i) => `DROP INDEX ${i.name} ON ${key};`),
    table.primaryKey.length ? `ALTER TABLE ${key} DROP CONSTRAINT PK_${name};` : `DROP INDEX ${indexes.find((i) => i.clustered)?.name} ON ${key};`,
  ];
  const after = [
    ...(table.primaryKey.length ? [`ALTER TABLE ${key} ADD CONSTRAINT PK_${name} PRIMARY KEY CLUSTERED (${table.primaryKey.join(', ')});`] : []),
    ...indexes.map((i) => `CREATE ${i.clustered ? 'CLUSTERED' : 'NONCLUSTERED'} INDEX ${i.name} ON ${key} (${i.columns.join(', ')});`),
  ];
  expect(lines.slice(0, before.length).join('\n') === before.join('\n'), `does not drop exactly its indexes and key first:\n${before.join('\n')}`);
  expect(lines.slice(lines.length - after.length).join('\n') === after.join('\n'), `does not put back exactly its key and indexes:\n${after.join('\n')}`);
  const altered = lines.slice(before.length, lines.length - after.length);
  const text = table.columns.filter((c) => c.type.startsWith('NVARCHAR'));
  expect(altered.length === text.length, `alters ${altered.length} columns, the table has ${text.length} text columns`);
  text.forEach((c, i) => {
    const id = c.name === 'rule' ? '[rule]' : c.name;
    expect(altered[i] === `ALTER TABLE ${key} ALTER COLUMN ${id} ${c.type} COLLATE ${collation} ${c.nullable ? 'NULL' : 'NOT NULL'};`,
      `column ${c.name} not altered to ${c.type} COLLATE ${collation} with its nullability: ${altered[i]}`);
    c.collation = collation;
  });
  creates(model, file, `collation:${key}`);
  model.structuralBatches += 1;
}

const NAMED_DEFAULT = new RegExp(String.raw`^IF OBJECT_ID\(N'(\w+)\.(DF_\w+)', N'D'\) IS NULL\nBEGIN\n` +
  String.raw`\s+DECLARE @default_name sysname = \(SELECT name FROM sys\.default_constraints WHERE parent_object_id = OBJECT_ID\(N'([\w.]+)'\) AND parent_column_id = COLUMNPROPERTY\(OBJECT_ID\(N'\3'\), N'(\w+)', 'ColumnId'\)\);\n` +
  String.raw`\s+DECLARE @drop_default NVARCHAR\(400\) = N'ALTER TABLE \3 DROP CONSTRAINT ' \+ QUOTENAME\(@default_name\);\n` +
  String.raw`\s+IF @default_name IS NOT NULL\n\s+EXEC sys\.sp_executesql @drop_default;\n` +
  String.raw`\s+ALTER TABLE \3 ADD CONSTRAINT \2 DEFAULT N'([^']*)' FOR \4;\nEND;$`);

/** 010: a column's DEFAULT under the name DF_<table>_<column>, replacing an unnamed one. */
export function readNamedDefault(batch: string, file: string, model: TsqlModel): void {
  const match = NAMED_DEFAULT.exec(batch);
  if (!match) throw new Error(`${file}: malformed named default: ${batch.split('\n')[0]}`);
  const [, schema, name, key, column, value] = match;
  const table = tableOf(model, key, file);
  if (`${schema}.DF_${key.split('.')[1]}_${column}` !== `${schema}.${name}` || !key.startsWith(`${schema}.`)) {
    throw new Error(`${file}: default ${schema}.${name} is not named DF_<table>_<column> in its table's schema`);
  }
  if (!table.columns.some((c) => c.name === column)) throw new Error(`${file}: ${key} has no column ${column}`);
  table.defaults.set(column, value);
  table.defaultNames.set(column, name);
  creates(model, file, `default:${schema}.${name}`);
  model.structuralBatches += 1;
}
