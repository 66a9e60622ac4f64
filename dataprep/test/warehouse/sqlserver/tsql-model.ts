/**
 * Reads the `sql/` migrations into a small model for the static tests: each batch (split on
 * GO) is parsed with node-sql-parser (T-SQL) where its grammar covers the statement (CREATE
 * TABLE/INDEX behind IF guards, INSERT, EXEC, the SELECT inside each view, TRUNCATE), and
 * checked structurally where it does not (CREATE OR ALTER VIEW/PROCEDURE, GRANT, SWITCH, the
 * verify-then-record last batch, a primary key rebuilt with a new column). Later migrations
 * change the model as the server would: ALTER TABLE … ADD adds a column, a key rebuild replaces
 * the key, CREATE OR ALTER replaces a view or procedure. A data seed (011's first figures) is
 * checked by shape: it fills, once, a table an earlier batch created, naming every column. A batch of no known kind is an error,
 * so nothing slips through unchecked. (sqlfluff.test.ts parses every batch with a full T-SQL grammar as well.)
 */
import pkg from 'node-sql-parser';
import type { Migration } from '../../../src/warehouse/sqlserver/migrations';
import {
  creates, readCollationRebuild, readKeyRebuild, readNamedDefault, readStatisticsDrop, tableOf,
} from './tsql-model-rebuilds';

const parser = new pkg.Parser();
const T_SQL = { database: 'transactsql' } as const;

export interface ParsedColumn {
  name: string;
  type: string;
  nullable: boolean;
  /** An explicit COLLATE (010 gives every text column of the curated tables one). */
  collation?: string;
}
export interface ParsedTable {
  file: string;
  columns: ParsedColumn[];
  primaryKey: string[];
  checks: number;
  /** Column → its DEFAULT literal, for columns added to an existing table. */
  defaults: Map<string, string>;
  /** Column → the name of its DEFAULT constraint, once named (010). */
  defaultNames: Map<string, string>;
}
export interface ParsedIndex {
  file: string;
  table: string;
  name: string;
  clustered: boolean;
  columns: string[];
}
export interface ParsedView {
  file: string;
  from: string;
  /** The SELECT after AS, for the permission model (what the view reads through ownership chaining). */
  body: string;
  /** yesNo: BIT shown as Yes/No text; plain: the column itself, unrenamed. */
  columns: { name: string; yesNo: boolean; plain: boolean }[];
}
export interface Grant {
  permissions: string[];
  object: string;
  role: string;
}
/** One GRANT, DENY or REVOKE of one permission, in the order the files run them. */
export interface PermissionStatement {
  file: string;
  action: 'GRANT' | 'DENY' | 'REVOKE';
  permission: string;
  /** OBJECT::ppoc.x or SCHEMA::ppoc. */
  securable: { class: 'OBJECT' | 'SCHEMA'; name: string };
  principal: string;
}
export interface ParsedProcedure {
  file: string;
  body: string[];
  /** The statements between BEGIN and END, as one text (the permission model analyzes them). */
  bodyText: string;
  parameters: string[];
  executeAsOwner: boolean;
}
export interface TsqlModel {
  tables: Map<string, ParsedTable>;
  indexes: ParsedIndex[];
  views: Map<string, ParsedView>;
  procedures: Map<string, ParsedProcedure>;
  /** The object GRANTs in force after every file, one permission each (REVOKEs applied). */
  grants: Grant[];
  /** Every GRANT, DENY and REVOKE in order, for the permission model. */
  permissionStatements: PermissionStatement[];
  roles: Set<string>;
  schemas: Set<string>;
  registrations: Map<string, { version: number; name: string }>;
  /** Tables a file fills once with a data seed. */
  seeds: { file: string; table: string }[];
  /** Per file: what it creates or alters (`table:ppoc.x`, `index:ppoc.x.IX_…`, `grant:role:object:PERM` …). */
  created: Map<string, Set<string>>;
  /** Per file: what its last batch checks before recording the file, in the same notation. */
  verified: Map<string, Set<string>>;
  /** Batches the T-SQL grammar parsed, and batches it cannot (procedures, GRANTs) checked by shape. */
  parsedBatches: number;
  structuralBatches: number;
  verifyBatches: number;
}

// node-sql-parser's AST is loosely typed; this file is the one place that reads it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ast = any;

const stripComments = (batch: string): string =>
  batch.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n').trim();

function typeName(def: Ast): string {
  const base = String(def.dataType).toUpperCase();
  if (def.scale !== undefined && def.scale !== null) return `${base}(${def.length},${def.scale})`;
  return def.length !== undefined && def.length !== null ? `${base}(${def.length})` : base;
}

function collationOf(definition: Ast): { collation?: string } {
  const name = definition.collate?.collate?.name;
  return name ? { collation: String(name) } : {};
}

function readCreateTable(ast: Ast, file: string, model: TsqlModel): void {
  const [target] = ast.table;
  const key = `${target.db}.${target.table}`;
  const table: ParsedTable = { file, columns: [], primaryKey: [], checks: 0, defaults: new Map(), defaultNames: new Map() };
  for (const d of ast.create_definitions) {
    if (d.resource === 'column') {
      table.columns.push({ name: d.column.column, type: typeName(d.definition), nullable: d.nullable?.type !== 'not null', ...collationOf(d) });
    } else if (d.constraint_type === 'primary key') {
      table.primaryKey = d.definition.map((c: Ast) => c.column);
    } else if (d.constraint_type === 'check') {
      table.checks += 1;
    }
  }
  if (model.tables.has(key)) throw new Error(`${file}: table ${key} created twice`);
  model.tables.set(key, table);
  creates(model, file, `table:${key}`);
}

function guardName(batch: string, pattern: RegExp, file: string): string {
  const match = pattern.exec(batch);
  if (!match) throw new Error(`${file}: unguarded CREATE (not re-runnable): ${batch.split('\n')[0]}`);
  return match[1];
}

function readGuarded(batch: string, file: string, model: TsqlModel): void {
  const ast: Ast = parser.astify(batch, T_SQL);
  const inner = ast.if_expr?.ast;
  if (ast.type !== 'if' || !inner) throw new Error(`${file}: expected IF … statement: ${batch.split('\n')[0]}`);
  if (inner.type === 'create' && inner.keyword === 'table') {
    const guarded = guardName(batch, /^IF OBJECT_ID\(N'([\w.]+)', N'U'\) IS NULL/, file);
    if (guarded !== `${inner.table[0].db}.${inner.table[0].table}`) throw new Error(`${file}: guard names ${guarded}`);
    readCreateTable(inner, file, model);
  } else if (inner.type === 'create' && inner.keyword === 'index') {
    const guarded = guardName(batch, /sys\.indexes WHERE name = N'(\w+)' AND object_id = OBJECT_ID\(N'[\w.]+'\)/, file);
    if (guarded !== inner.index) throw new Error(`${file}: index guard names ${guarded}, creates ${inner.index}`);
    const table = `${inner.table.db}.${inner.table.table}`;
    model.indexes.push({
      file, table, name: inner.index, clustered: inner.index_type === 'clustered',
      columns: inner.index_columns.map((c: Ast) => c.column ?? c.expr?.column),
    });
    creates(model, file, `index:${table}.${inner.index}`);
  } else if (inner.type === 'alter' && inner.expr.length === 1 && inner.expr[0].action === 'add' && inner.expr[0].resource === 'column') {
    readAddColumn(batch, inner, file, model);
  } else if (inner.type === 'insert' && inner.table[0].table === 'schema_version') {
    const match = /^IF NOT EXISTS \(SELECT 1 FROM ppoc\.schema_version WHERE version = (\d+)\)\s+INSERT INTO ppoc\.schema_version \(version, name, applied_at_utc\) VALUES \((\d+), N'(\w+)', SYSUTCDATETIME\(\)\);$/.exec(batch);
    if (!match || match[1] !== match[2]) throw new Error(`${file}: malformed schema_version registration`);
    model.registrations.set(file, { version: Number(match[2]), name: match[3] });
  } else {
    throw new Error(`${file}: unexpected guarded statement ${inner.type}`);
  }
  model.parsedBatches += 1;
}

/** `IF COL_LENGTH(N'ppoc.t', N'c') IS NULL ALTER TABLE ppoc.t ADD c TYPE [NOT] NULL [DEFAULT …];` */
function readAddColumn(batch: string, inner: Ast, file: string, model: TsqlModel): void {
  const [target] = inner.table;
  const key = `${target.db}.${target.table}`;
  const add = inner.expr[0];
  const guard = /^IF COL_LENGTH\(N'([\w.]+)', N'(\w+)'\) IS NULL/.exec(batch);
  if (guard?.[1] !== key || guard[2] !== add.column.column) throw new Error(`${file}: guard names ${guard?.[1]}.${guard?.[2]}`);
  const table = tableOf(model, key, file);
  if (table.columns.some((c) => c.name === add.column.column)) throw new Error(`${file}: ${key}.${add.column.column} added twice`);
  table.columns.push({ name: add.column.column, type: typeName(add.definition), nullable: add.nullable?.type !== 'not null', ...collationOf(add) });
  if (add.default_val) table.defaults.set(add.column.column, String(add.default_val.value.value));
  creates(model, file, `column:${key}.${add.column.column}`);
}

const SEED = /^IF NOT EXISTS \(SELECT 1 FROM (ppoc\.\w+) AS \w+ [^\n]+\)\nBEGIN\n[\s\S]+?\n {8}INSERT INTO (ppoc\.\w+) \(([\w, ]+)\)\n[\s\S]+\nEND;$/;

/** `IF NOT EXISTS (SELECT 1 FROM t AS x …)\nBEGIN … INSERT INTO t (every column) … END;`: fills t once. */
function readSeed(batch: string, file: string, model: TsqlModel): void {
  const match = SEED.exec(batch);
  if (!match || match[1] !== match[2]) throw new Error(`${file}: malformed seed (it must insert into the table its guard reads): ${batch.split('\n')[0]}`);
  const columns = tableOf(model, match[2], file).columns.map((c) => c.name);
  if (match[3] !== columns.join(', ')) throw new Error(`${file}: the seed of ${match[2]} names ${match[3]}, not its columns ${columns.join(', ')}`);
  model.seeds.push({ file, table: match[2] });
  model.structuralBatches += 1;
}

const UK_TIME = /(\w+_utc) AT TIME ZONE 'UTC' AT TIME ZONE 'GMT Standard Time'/g;

function readView(batch: string, file: string, model: TsqlModel): void {
  const match = /^CREATE OR ALTER VIEW (ppoc\.vw_\w+)\nAS\n([\s\S]+)$/.exec(batch);
  if (!match) throw new Error(`${file}: malformed view: ${batch.split('\n')[0]}`);
  // node-sql-parser has no AT TIME ZONE: UTC shown as UK time is read as the UTC column it converts.
  const select: Ast = parser.astify(match[2].replace(/;\s*$/, '').replace(UK_TIME, '$1'), T_SQL);
  creates(model, file, `view:${match[1]}`);
  model.views.set(match[1], {
    file,
    from: `${select.from[0].db}.${select.from[0].table}`,
    body: match[2],
    columns: select.columns.map((c: Ast) => {
      const name: string = c.as ?? c.expr.column;
      const yesNo = new RegExp(`CAST\\(CASE ${name} WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR\\(3\\)\\) AS ${name}`).test(batch);
      return { name, yesNo, plain: c.expr.type === 'column_ref' && !c.as };
    }),
  });
  model.parsedBatches += 1;
}

function readProcedure(batch: string, file: string, model: TsqlModel): void {
  const match = /^CREATE OR ALTER PROCEDURE (ppoc_staging\.\w+)\n((?:    @\w+ [A-Z]+(?:\(\d+\))?,?\n)*)(WITH EXECUTE AS OWNER\n)?AS\nBEGIN\n([\s\S]+)\nEND;$/.exec(batch);
  if (!match) throw new Error(`${file}: malformed procedure: ${batch.split('\n')[0]}`);
  const body = match[4].split('\n').map((l) => l.trim()).filter(Boolean);
  for (const line of body.filter((l) => l.startsWith('TRUNCATE TABLE'))) parser.astify(line.replace(/;$/, ''), T_SQL);
  const parameters = match[2].split('\n').map((l) => l.trim().replace(/,$/, '')).filter(Boolean);
  model.procedures.set(match[1], { file, body, bodyText: match[4], parameters, executeAsOwner: Boolean(match[3]) });
  creates(model, file, `procedure:${match[1]}`);
  model.structuralBatches += 1;
}

const PERMISSION_LINE = /^(GRANT|DENY|REVOKE) ([A-Z, ]+) ON (OBJECT|SCHEMA)::([\w.]+) (TO|FROM) (\w+);$/;

/** GRANT/DENY … TO and REVOKE … FROM, on OBJECT:: or SCHEMA::, one per line. */
function readGrants(batch: string, file: string, model: TsqlModel): void {
  for (const line of batch.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const match = PERMISSION_LINE.exec(line);
    if (!match || (match[1] === 'REVOKE') !== (match[5] === 'FROM')) throw new Error(`${file}: malformed GRANT, DENY or REVOKE: ${line}`);
    const [, action, list, securableClass, name, , principal] = match;
    for (const permission of list.split(',').map((p) => p.trim())) {
      model.permissionStatements.push({
        file, action: action as PermissionStatement['action'], permission, securable: { class: securableClass as 'OBJECT' | 'SCHEMA', name }, principal,
      });
      const target = securableClass === 'SCHEMA' ? `schema:${name}` : name;
      creates(model, file, `${action === 'GRANT' ? 'grant' : action.toLowerCase()}:${principal}:${target}:${permission}`);
    }
  }
  model.structuralBatches += 1;
}

/** The object GRANTs left after every GRANT, DENY and REVOKE, one permission each. */
function grantsInForce(statements: readonly PermissionStatement[]): Grant[] {
  const state = new Map<string, PermissionStatement>();
  for (const s of statements.filter((x) => x.securable.class === 'OBJECT')) {
    const key = `${s.principal}|${s.securable.name}|${s.permission}`;
    if (s.action === 'REVOKE') state.delete(key);
    else state.set(key, s);
  }
  return [...state.values()].filter((s) => s.action === 'GRANT').map((s) => ({ permissions: [s.permission], object: s.securable.name, role: s.principal }));
}

function readExecCreate(batch: string, file: string, model: TsqlModel): void {
  const schema = /^IF SCHEMA_ID\(N'(\w+)'\) IS NULL\s+EXEC \(N'CREATE SCHEMA (\w+) AUTHORIZATION dbo'\);$/.exec(batch);
  const role = /^IF DATABASE_PRINCIPAL_ID\(N'(\w+)'\) IS NULL\s+EXEC \(N'CREATE ROLE (\w+) AUTHORIZATION dbo'\);$/.exec(batch);
  const match = schema ?? role;
  if (!match || match[1] !== match[2]) throw new Error(`${file}: malformed guarded EXEC: ${batch.split('\n')[0]}`);
  parser.astify(batch, T_SQL);
  (schema ? model.schemas : model.roles).add(match[1]);
  creates(model, file, `${schema ? 'schema' : 'role'}:${match[1]}`);
  model.parsedBatches += 1;
}

/** Existence checks a verify batch may make, and the object each one names. */
const CHECKS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/OBJECT_ID\(N'([\w.]+)', N'U'\) IS NULL/g, (m) => `table:${m[1]}`],
  [/OBJECT_ID\(N'([\w.]+)', N'V'\) IS NULL/g, (m) => `view:${m[1]}`],
  [/OBJECT_ID\(N'([\w.]+)', N'P'\) IS NULL/g, (m) => `procedure:${m[1]}`],
  [/OBJECT_DEFINITION\(OBJECT_ID\(N'([\w.]+)'\)\)/g, (m) => `procedure:${m[1]}`],
  [/INDEXPROPERTY\(OBJECT_ID\(N'([\w.]+)'\), N'(\w+)', 'IndexID'\) IS NULL/g, (m) => `index:${m[1]}.${m[2]}`],
  [/COL_LENGTH\(N'([\w.]+)', N'(\w+)'\) IS NULL/g, (m) => `column:${m[1]}.${m[2]}`],
  [/ISNULL\(INDEX_COL\(N'([\w.]+)', 1, \d+\), N''\) <> N'(\w+)'/g, (m) => `key:${m[1]}.${m[2]}`],
  [/SCHEMA_ID\(N'(\w+)'\) IS NULL/g, (m) => `schema:${m[1]}`],
  [/DATABASE_PRINCIPAL_ID\(N'(\w+)'\) IS NULL/g, (m) => `role:${m[1]}`],
  [/^\s+\(N'(\w+)', N'([\w.]+)', N'([A-Z]+)'\)/gm, (m) => `grant:${m[1]}:${m[2]}:${m[3]}`],
  [/^\s+\(N'REVOKE', N'(\w+)', N'([\w.]+)', N'([A-Z]+)'\)/gm, (m) => `revoke:${m[1]}:${m[2]}:${m[3]}`],
  [/object_id = OBJECT_ID\(N'([\w.]+)'\) AND collation_name <> N'\w+'\)/g, (m) => `collation:${m[1]}`],
  [/OBJECT_ID\(N'([\w.]+)', N'D'\) IS NULL/g, (m) => `default:${m[1]}`],
];

/**
 * A file's last batch: `IF <missing> THROW 50000, N'<file>: …', 1;` checks, then the
 * registration. Every statement before the registration must end in such a THROW.
 */
function readVerifyAndRecord(batch: string, file: string, model: TsqlModel): void {
  const statements = batch.split(/\n(?=IF )/);
  const registration = statements.pop() ?? '';
  for (const statement of statements) {
    if (!new RegExp(`\\n\\s+THROW 50000, N'${file}: [^']+', 1;$`).test(statement)) {
      throw new Error(`${file}: a verify check must end in THROW 50000, N'${file}: …', 1;: ${statement.split('\n')[0]}`);
    }
  }
  const checked = new Set<string>();
  for (const [pattern, key] of CHECKS) for (const m of statements.join('\n').matchAll(pattern)) checked.add(key(m as RegExpExecArray));
  model.verified.set(file, checked);
  readGuarded(registration, file, model);
  model.parsedBatches -= 1;
  model.verifyBatches += 1;
}

export function readMigrations(migrations: readonly Migration[]): TsqlModel {
  const model: TsqlModel = {
    tables: new Map(), indexes: [], views: new Map(), procedures: new Map(), grants: [], permissionStatements: [], roles: new Set(),
    schemas: new Set(), registrations: new Map(), seeds: [], created: new Map(), verified: new Map(),
    parsedBatches: 0, structuralBatches: 0, verifyBatches: 0,
  };
  for (const m of migrations) {
    for (const [index, raw] of m.batches.entries()) {
      const batch = stripComments(raw);
      if (index === m.batches.length - 1) readVerifyAndRecord(batch, m.name, model);
      else if (/^IF (SCHEMA_ID|DATABASE_PRINCIPAL_ID)\(/.test(batch)) readExecCreate(batch, m.name, model);
      else if (batch.startsWith('IF NOT EXISTS (SELECT 1 FROM sys.indexes AS i\n')) readKeyRebuild(batch, m.name, model);
      else if (batch.startsWith('DECLARE @drop_statistics ')) readStatisticsDrop(batch, m.name, model);
      else if (batch.startsWith('IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = ')) readCollationRebuild(batch, m.name, model);
      else if (/^IF OBJECT_ID\(N'[\w.]+', N'D'\) IS NULL\n/.test(batch)) readNamedDefault(batch, m.name, model);
      else if (/^IF NOT EXISTS \(SELECT 1 FROM ppoc\.\w+ AS /.test(batch)) readSeed(batch, m.name, model);
      else if (batch.startsWith('IF ')) readGuarded(batch, m.name, model);
      else if (batch.startsWith('CREATE OR ALTER VIEW ')) readView(batch, m.name, model);
      else if (batch.startsWith('CREATE OR ALTER PROCEDURE ')) readProcedure(batch, m.name, model);
      else if (/^(GRANT|DENY|REVOKE) /.test(batch)) readGrants(batch, m.name, model);
      else throw new Error(`${m.name}: batch of no known kind: ${batch.split('\n')[0]}`);
    }
  }
  model.grants = grantsInForce(model.permissionStatements);
  return model;
}
