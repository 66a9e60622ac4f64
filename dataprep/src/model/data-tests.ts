import { isIsoDate } from '../../../core/src/index';
import type { RefreshSet } from './refresh-set';
import { CURATED_TABLES, TABLES, type ColumnDef, type TableDef } from './tables';

/**
 * Data tests beside the models (dbt style): every row the transform built must fit the
 * curated-table catalog before any warehouse sees it: non-null where required, ISO dates,
 * Yes/No flags, whole numbers, text within its NVARCHAR length, unique keys (compared as
 * SQL Server's default collation does: case-insensitively, trailing spaces ignored, so a
 * duplicate never first shows as a server error naming the key). A violation is a bug, not bad
 * input: the run fails before writing, with the table, column and row named.
 */
export function catalogViolations(set: RefreshSet, limit = 10): string[] {
  const found: string[] = [];
  const dates = new Set<unknown>(); // values already found to be calendar dates (few distinct, many rows)
  for (const name of CURATED_TABLES) {
    checkTable(TABLES[name], set.tables[name] as unknown as Record<string, unknown>[], { found, limit, dates });
    if (found.length >= limit) break;
  }
  checkTable(TABLES.plan_status_history, set.history.rows as unknown as Record<string, unknown>[], { found, limit, dates });
  return found.slice(0, limit);
}

interface Findings {
  found: string[];
  limit: number;
  dates: Set<unknown>;
}

function checkTable(table: TableDef, rows: Record<string, unknown>[], findings: Findings): void {
  const { found, limit, dates } = findings;
  const { columns, primaryKey } = table;
  const keys = new Set<string>();
  // Each column's last valid value: the verdict depends on the value alone, and a column often
  // repeats it from row to row (as_at_date always does).
  const lastValid: unknown[] = new Array(columns.length).fill(undefined);
  // Indexed loops and one key string per row: this runs for every value of every row.
  for (let i = 0; i < rows.length && found.length < limit; i += 1) {
    const row = rows[i];
    for (let c = 0; c < columns.length; c += 1) {
      const column = columns[c];
      const value = row[column.name];
      if (value === lastValid[c] && value !== undefined) continue;
      const problem = valueProblem(column, value, dates);
      if (problem) found.push(`${table.name}.${column.name} ${problem} (row ${i + 1})`);
      else lastValid[c] = value;
    }
    if (primaryKey.length === 0) continue;
    const key = rowKey(row, primaryKey);
    const size = keys.size;
    keys.add(key);
    if (keys.size === size) found.push(`${table.name} has a duplicate key (${primaryKey.join(', ')}) (row ${i + 1})`);
  }
}

/** The row's key parts joined by NUL, without an array per row. */
function rowKey(row: Record<string, unknown>, primaryKey: readonly string[]): string {
  let key = keyPart(row[primaryKey[0]]);
  for (let k = 1; k < primaryKey.length; k += 1) key += `\u0000${keyPart(row[primaryKey[k]])}`;
  return key;
}

/** A key value as SQL Server's default collation compares it: case-insensitive, trailing spaces ignored. */
function keyPart(value: unknown): string {
  const text = String(value).toLowerCase();
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

function valueProblem(column: ColumnDef, value: unknown, dates: Set<unknown>): string | null {
  if (value == null) return column.nullable ? null : 'is empty but required';
  switch (column.type) {
    case 'date':
      if (dates.has(value)) return null;
      if (!isIsoDate(value)) return 'is not a calendar date';
      dates.add(value);
      return null;
    case 'int':
      return Number.isInteger(value) ? null : 'is not a whole number';
    case 'yesno':
      return value === 'Yes' || value === 'No' ? null : 'is not Yes/No';
    case 'timestamp':
      return typeof value === 'string' ? null : 'is not a timestamp';
    case 'text':
      if (typeof value !== 'string') return 'is not text';
      return value.length <= (column.maxLength ?? Infinity) ? null : `is longer than ${column.maxLength} characters`;
    case 'decimal':
      return fitsDecimal(column, value) ? null : `does not fit DECIMAL(${column.precision},${column.scale})`;
  }
}

/** A finite number with at most `scale` decimals and at most `precision − scale` whole digits. */
export function fitsDecimal(column: ColumnDef, value: unknown): boolean {
  const { precision = 0, scale = 0 } = column;
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  const scaled = value * 10 ** scale;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6 && Math.abs(value) < 10 ** (precision - scale);
}
