/**
 * Reads the `sql/` migrations into a small model for the static tests: each batch (split on
 * GO) is parsed with node-sql-parser (T-SQL) where its grammar covers the statement (CREATE
 * TABLE/INDEX behind IF guards, INSERT, EXEC, the SELECT inside each view, TRUNCATE), and
 * checked structurally where it does not (CREATE OR ALTER VIEW/PROCEDURE, GRANT, SWITCH).
 * A batch of no known kind is an error, so nothing slips through unchecked.
 */
import pkg from 'node-sql-parser';
import type { Migration } from '../../../src/warehouse/sqlserver/migrations';

const parser = new pkg.Parser();
const T_SQL = { database: 'transactsql' } as const;

export interface ParsedColumn {
  name: string;
  type: string;
  nullable: boolean;
}
export interface ParsedTable {
  file: string;
  columns: ParsedColumn[];
  primaryKey: string[];
  checks: number;
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
  /** yesNo: BIT shown as Yes/No text; plain: the column itself, unrenamed. */
  columns: { name: string; yesNo: boolean; plain: boolean }[];
}
export interface Grant {
  permissions: string[];
  object: string;
  role: string;
}
export interface TsqlModel {
  tables: Map<string, ParsedTable>;
  indexes: ParsedIndex[];
  views: Map<string, ParsedView>;
  procedures: Map<string, { file: string; body: string[]; executeAsOwner: boolean }>;
  grants: Grant[];
  roles: Set<string>;
  schemas: Set<string>;
  registrations: Map<string, { version: number; name: string }>;
  /** Files whose last batch checks objects exist before recording the file: the objects it checks. */
  verified: Map<string, string[]>;
  /** Batches the T-SQL grammar parsed, and batches it cannot (procedures, GRANTs) checked by shape. */
  parsedBatches: number;
  structuralBatches: number;
}

// node-sql-parser's AST is loosely typed; this file is the one place that reads it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ast = any;

const stripComments = (batch: string): string =>
  batch.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n').trim();

function typeName(def: Ast): string {
  const base = String(def.dataType).toUpperCase();
  return def.length !== undefined && def.length !== null ? `${base}(${def.length})` : base;
}

function readCreateTable(ast: Ast, file: string, model: TsqlModel): void {
  const [target] = ast.table;
  const key = `${target.db}.${target.table}`;
  const table: ParsedTable = { file, columns: [], primaryKey: [], checks: 0 };
  for (const d of ast.create_definitions) {
    if (d.resource === 'column') {
      table.columns.push({ name: d.column.column, type: typeName(d.definition), nullable: d.nullable?.type !== 'not null' });
    } else if (d.constraint_type === 'primary key') {
      table.primaryKey = d.definition.map((c: Ast) => c.column);
    } else if (d.constraint_type === 'check') {
      table.checks += 1;
    }
  }
  if (model.tables.has(key)) throw new Error(`${file}: table ${key} created twice`);
  model.tables.set(key, table);
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
    model.indexes.push({
      file, table: `${inner.table.db}.${inner.table.table}`, name: inner.index, clustered: inner.index_type === 'clustered',
      columns: inner.index_columns.map((c: Ast) => c.column ?? c.expr?.column),
    });
  } else if (inner.type === 'insert' && inner.table[0].table === 'schema_version') {
    const match = /WHERE version = (\d+)\)\s+INSERT INTO ppoc\.schema_version \(version, name, applied_at_utc\) VALUES \((\d+), N'(\w+)', SYSUTCDATETIME\(\)\);$/.exec(batch);
    if (!match || match[1] !== match[2]) throw new Error(`${file}: malformed schema_version registration`);
    model.registrations.set(file, { version: Number(match[2]), name: match[3] });
  } else {
    throw new Error(`${file}: unexpected guarded statement ${inner.type}`);
  }
  model.parsedBatches += 1;
}

function readView(batch: string, file: string, model: TsqlModel): void {
  const match = /^CREATE OR ALTER VIEW (ppoc\.vw_\w+)\nAS\n([\s\S]+)$/.exec(batch);
  if (!match) throw new Error(`${file}: malformed view: ${batch.split('\n')[0]}`);
  const select: Ast = parser.astify(match[2].replace(/;\s*$/, ''), T_SQL);
  model.views.set(match[1], {
    file,
    from: `${select.from[0].db}.${select.from[0].table}`,
    columns: select.columns.map((c: Ast) => {
      const name: string = c.as ?? c.expr.column;
      const yesNo = new RegExp(`CAST\\(CASE ${name} WHEN 1 THEN N'Yes' ELSE N'No' END AS NVARCHAR\\(3\\)\\) AS ${name}`).test(batch);
      return { name, yesNo, plain: c.expr.type === 'column_ref' && !c.as };
    }),
  });
  model.parsedBatches += 1;
}

function readProcedure(batch: string, file: string, model: TsqlModel): void {
  const match = /^CREATE OR ALTER PROCEDURE (ppoc_staging\.\w+)\n(WITH EXECUTE AS OWNER\n)?AS\nBEGIN\n([\s\S]+)\nEND;$/.exec(batch);
  if (!match) throw new Error(`${file}: malformed procedure: ${batch.split('\n')[0]}`);
  const body = match[3].split('\n').map((l) => l.trim()).filter(Boolean);
  for (const line of body.filter((l) => l.startsWith('TRUNCATE TABLE'))) parser.astify(line.replace(/;$/, ''), T_SQL);
  model.procedures.set(match[1], { file, body, executeAsOwner: Boolean(match[2]) });
  model.structuralBatches += 1;
}

function readGrants(batch: string, file: string, model: TsqlModel): void {
  for (const line of batch.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const match = /^GRANT ([A-Z, ]+) ON OBJECT::([\w.]+) TO (\w+);$/.exec(line);
    if (!match) throw new Error(`${file}: malformed GRANT: ${line}`);
    model.grants.push({ permissions: match[1].split(',').map((p) => p.trim()), object: match[2], role: match[3] });
  }
  model.structuralBatches += 1;
}

/**
 * The verify-then-record last batch: `IF OBJECT_ID(…) IS NULL OR … THROW 50000, N'file: …', 1;`
 * then the usual registration, so a half-applied file is never recorded.
 */
function readVerifiedRegistration(batch: string, file: string, model: TsqlModel): void {
  const match = /^IF ([\s\S]+?)\n\s*THROW 50000, N'(\w+): [^']*', 1;\n(IF NOT EXISTS \(SELECT 1 FROM ppoc\.schema_version[\s\S]+)$/.exec(batch);
  if (!match || match[2] !== file) throw new Error(`${file}: malformed verify-then-record batch`);
  const clauses = match[1].split(/\s+OR\s+/);
  const objects = clauses.map((clause) => {
    const object = /^OBJECT_ID\(N'([\w.]+)', N'[UPV]'\) IS NULL$/.exec(clause.trim());
    if (!object) throw new Error(`${file}: the check ${clause.trim()} is not OBJECT_ID(N'…', N'U'|'P'|'V') IS NULL`);
    return object[1];
  });
  model.verified.set(file, objects);
  readGuarded(match[3], file, model);
  model.structuralBatches += 1;
  model.parsedBatches -= 1; // the registration half was parsed; the batch as a whole is checked by shape
}

function readExecCreate(batch: string, file: string, model: TsqlModel): void {
  const schema = /^IF SCHEMA_ID\(N'(\w+)'\) IS NULL\s+EXEC \(N'CREATE SCHEMA (\w+) AUTHORIZATION dbo'\);$/.exec(batch);
  const role = /^IF DATABASE_PRINCIPAL_ID\(N'(\w+)'\) IS NULL\s+EXEC \(N'CREATE ROLE (\w+) AUTHORIZATION dbo'\);$/.exec(batch);
  const match = schema ?? role;
  if (!match || match[1] !== match[2]) throw new Error(`${file}: malformed guarded EXEC: ${batch.split('\n')[0]}`);
  parser.astify(batch, T_SQL);
  (schema ? model.schemas : model.roles).add(match[1]);
  model.parsedBatches += 1;
}

export function readMigrations(migrations: readonly Migration[]): TsqlModel {
  const model: TsqlModel = {
    tables: new Map(), indexes: [], views: new Map(), procedures: new Map(), grants: [], roles: new Set(),
    schemas: new Set(), registrations: new Map(), verified: new Map(), parsedBatches: 0, structuralBatches: 0,
  };
  for (const m of migrations) {
    for (const raw of m.batches) {
      const batch = stripComments(raw);
      if (/^IF (SCHEMA_ID|DATABASE_PRINCIPAL_ID)\(/.test(batch)) readExecCreate(batch, m.name, model);
      else if (/\n\s*THROW 50000, /.test(batch)) readVerifiedRegistration(batch, m.name, model);
      else if (batch.startsWith('IF ')) readGuarded(batch, m.name, model);
      else if (batch.startsWith('CREATE OR ALTER VIEW ')) readView(batch, m.name, model);
      else if (batch.startsWith('CREATE OR ALTER PROCEDURE ')) readProcedure(batch, m.name, model);
      else if (batch.startsWith('GRANT ')) readGrants(batch, m.name, model);
      else throw new Error(`${m.name}: batch of no known kind: ${batch.split('\n')[0]}`);
    }
  }
  return model;
}
