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
  for (const name of CURATED_TABLES) {
    checkTable(TABLES[name], set.tables[name] as unknown as Record<string, unknown>[], found, limit);
    if (found.length >= limit) break;
  }
  checkTable(TABLES.plan_status_history, set.history.rows as unknown as Record<string, unknown>[], found, limit);
  return found.slice(0, limit);
}

function checkTable(table: TableDef, rows: Record<string, unknown>[], found: string[], limit: number): void {
  const keys = new Set<string>();
  for (let i = 0; i < rows.length && found.length < limit; i += 1) {
    for (const column of table.columns) {
      const problem = valueProblem(column, rows[i][column.name]);
      if (problem) found.push(`${table.name}.${column.name} ${problem} (row ${i + 1})`);
    }
    if (table.primaryKey.length === 0) continue;
    const key = table.primaryKey.map((k) => String(rows[i][k]).toLowerCase().replace(/ +$/, '')).join('\u0000');
    if (keys.has(key)) found.push(`${table.name} has a duplicate key (${table.primaryKey.join(', ')}) (row ${i + 1})`);
    keys.add(key);
  }
}

function valueProblem(column: ColumnDef, value: unknown): string | null {
  if (value == null) return column.nullable ? null : 'is empty but required';
  switch (column.type) {
    case 'date':
      return isIsoDate(value) ? null : 'is not a calendar date';
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
