/**
 * Staging and live twins compared the way ALTER TABLE … SWITCH compares them, from the rows of
 * TWIN_COLUMNS, TWIN_INDEXES and TWIN_CHECKS: every difference is named (table, column or
 * index, both sides), because a DBA's tuning on one side only (a wider column, an extra index,
 * page compression, another filegroup) makes the next swap fail.
 */
import type { SqlRow } from '../connector';

type Side = Map<string, Map<string, string>>;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const flag = (v: unknown): boolean => v === true || v === 1 || v === '1';

function typeOf(row: SqlRow): string {
  const type = text(row.type_name).toUpperCase();
  const length = Number(row.max_length);
  if (/CHAR|BINARY/.test(type)) {
    const chars = length === -1 ? 'MAX' : String(/^N/.test(type) ? length / 2 : length);
    return `${type}(${chars})`;
  }
  if (['DECIMAL', 'NUMERIC'].includes(type)) return `${type}(${row.precision},${row.scale})`;
  if (['DATETIME2', 'TIME', 'DATETIMEOFFSET'].includes(type)) return `${type}(${row.scale})`;
  return type;
}

function columnShape(row: SqlRow): string {
  const collation = row.collation_name ? ` COLLATE ${text(row.collation_name)}` : '';
  const extra = `${flag(row.is_identity) ? ' IDENTITY' : ''}${flag(row.is_computed) ? ' COMPUTED' : ''}`;
  return `#${row.column_id} ${typeOf(row)} ${flag(row.is_nullable) ? 'NULL' : 'NOT NULL'}${collation}${extra}`;
}

/** schema → table → (thing → shape) */
function collect(rows: readonly SqlRow[], key: (r: SqlRow) => string, shape: (r: SqlRow, before: string | undefined) => string): Map<string, Side> {
  const bySchema = new Map<string, Side>();
  for (const row of rows) {
    const schema = text(row.schema_name);
    const tables = bySchema.get(schema) ?? new Map<string, Map<string, string>>();
    bySchema.set(schema, tables);
    const things = tables.get(text(row.table_name)) ?? new Map<string, string>();
    tables.set(text(row.table_name), things);
    const k = key(row);
    things.set(k, shape(row, things.get(k)));
  }
  return bySchema;
}

/** One index's whole shape: kind, keys in order, includes, filter, filegroup, compression per partition. */
function indexShape(row: SqlRow, before: string | undefined): string {
  const head = `${text(row.type_desc)}${flag(row.is_unique) ? ' UNIQUE' : ''}${flag(row.is_primary_key) ? ' PRIMARY KEY' : ''}` +
    `${flag(row.has_filter) ? ' FILTERED' : ''} ON ${text(row.data_space)}`;
  const parts = before ? JSON.parse(before) as { head: string; keys: string[]; include: string[]; compression: string[] } : { head, keys: [], include: [], compression: [] };
  const column = text(row.column_name);
  if (column) {
    const list = flag(row.is_included_column) ? parts.include : parts.keys;
    const entry = `${column}${flag(row.is_descending_key) ? ' DESC' : ''}`;
    if (!list.includes(entry)) list.push(entry);
  }
  const compression = `partition ${row.partition_number} ${text(row.data_compression_desc)}`;
  if (!parts.compression.includes(compression)) parts.compression.push(compression);
  return JSON.stringify(parts);
}

function describeIndex(shape: string | undefined): string {
  if (!shape) return 'missing';
  const p = JSON.parse(shape) as { head: string; keys: string[]; include: string[]; compression: string[] };
  return `${p.head} (${p.keys.join(', ')})${p.include.length ? ` INCLUDE (${p.include.join(', ')})` : ''}, ${p.compression.join(', ')}`;
}

function differences(
  kind: string, live: Map<string, string>, twin: Map<string, string>, table: string, twinSchema: string, describe = (s?: string) => s ?? 'missing',
): string[] {
  const names = [...new Set([...live.keys(), ...twin.keys()])].sort();
  return names
    .filter((name) => live.get(name) !== twin.get(name))
    .map((name) => `${kind} ${name}: ppoc.${table} ${describe(live.get(name))}, ${twinSchema}.${table} ${describe(twin.get(name))}`);
}

export interface TwinRows {
  columns: readonly SqlRow[];
  indexes: readonly SqlRow[];
  checks: readonly SqlRow[];
}

/** The twins each live curated table is switched with: staging (in) and retired (out). */
export const TWIN_SCHEMAS = ['ppoc_staging', 'ppoc_retired'] as const;

/** Every difference between each curated table and its twins; tables seen on no side are `missing`. */
export function twinDifferences(tables: readonly string[], rows: TwinRows): { invisible: string[]; differences: string[] } {
  const columns = collect(rows.columns, (r) => text(r.column_name), columnShape);
  const indexes = collect(rows.indexes, (r) => text(r.index_name) || 'HEAP', indexShape);
  const checks = collect(rows.checks, (r) => text(r.definition), (r) => `${flag(r.is_disabled) ? 'disabled' : 'enabled'}${flag(r.is_not_trusted) ? ', not trusted' : ''}`);
  const invisible: string[] = [];
  const found: string[] = [];
  const of = (m: Map<string, Side>, schema: string, table: string) => m.get(schema)?.get(table) ?? new Map<string, string>();
  for (const table of tables) {
    for (const schema of ['ppoc', ...TWIN_SCHEMAS]) if (!columns.get(schema)?.has(table)) invisible.push(`${schema}.${table}`);
    if (invisible.some((t) => t.endsWith(`.${table}`))) continue;
    for (const twin of TWIN_SCHEMAS) {
      found.push(
        ...differences('column', of(columns, 'ppoc', table), of(columns, twin, table), table, twin),
        ...differences('index', of(indexes, 'ppoc', table), of(indexes, twin, table), table, twin, describeIndex),
        ...differences('CHECK', of(checks, 'ppoc', table), of(checks, twin, table), table, twin),
      );
    }
  }
  return { invisible, differences: found };
}
