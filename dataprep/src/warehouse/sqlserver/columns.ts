/**
 * Catalog (model/tables.ts) → SQL Server column types and driver values. Calendar dates go
 * to the driver as `Date` at UTC midnight and the pool runs with `useUTC`, so the server
 * stores exactly the calendar day whatever the machine's time zone (Europe/London summer
 * time included).
 */
import { isIsoDate } from '../../../../core/src/index';
import { fitsDecimal } from '../../model/data-tests';
import type { ColumnDef, TableDef } from '../../model/tables';
import { BIT, DATE, DATETIME2_3, INT, nvarchar, type BulkColumn, type SqlType, type SqlValue } from './connector';

/** Thrown when a row cannot be stored as typed; names table, column and row, never the value. */
export class SqlServerDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlServerDataError';
  }
}

export function sqlTypeOf(column: ColumnDef): SqlType {
  switch (column.type) {
    case 'text':
      if (!column.maxLength) throw new Error(`catalog column ${column.name} has no maxLength`);
      return nvarchar(column.maxLength);
    case 'date':
      return DATE;
    case 'int':
      return INT;
    case 'yesno':
      return BIT;
    case 'timestamp':
      return DATETIME2_3;
    case 'decimal':
      if (column.precision === undefined || column.scale === undefined) throw new Error(`catalog column ${column.name} has no precision`);
      return { kind: 'decimal', precision: column.precision, scale: column.scale };
  }
}

export function bulkColumnsOf(table: TableDef): BulkColumn[] {
  return table.columns.map((c) => ({ name: c.name, type: sqlTypeOf(c), nullable: c.nullable }));
}

/** `2022-03-27` → the instant 2022-03-27T00:00:00Z, which the driver (useUTC) sends as that day. */
export function calendarDateValue(value: string): Date {
  const [year, month, day] = value.split('-').map(Number);
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day); // not Date.UTC: it reads years 0-99 as 1900-1999
  return instant;
}

/** Driver value for one cell; `where` is `table.column (row n)` for the error message. */
export function toSqlValue(column: ColumnDef, value: unknown, where: () => string): SqlValue {
  if (value === null || value === undefined || value === '') {
    if (column.nullable) return null;
    throw new SqlServerDataError(`${where()}: empty, but the column is NOT NULL`);
  }
  switch (column.type) {
    case 'text': {
      const text = String(value);
      if (text.length > (column.maxLength ?? 0)) {
        throw new SqlServerDataError(`${where()}: ${text.length} characters, longer than NVARCHAR(${column.maxLength})`);
      }
      return text;
    }
    case 'date':
      if (!isIsoDate(value)) throw new SqlServerDataError(`${where()}: not a calendar date (YYYY-MM-DD)`);
      return calendarDateValue(value);
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 2_147_483_647) {
        throw new SqlServerDataError(`${where()}: not a whole number in INT range`);
      }
      return value;
    case 'yesno':
      if (value === 'Yes') return true;
      if (value === 'No') return false;
      throw new SqlServerDataError(`${where()}: must be Yes or No`);
    case 'timestamp': {
      const instant = new Date(String(value));
      if (Number.isNaN(instant.getTime())) throw new SqlServerDataError(`${where()}: not an ISO timestamp`);
      return instant;
    }
    case 'decimal':
      if (!fitsDecimal(column, value)) {
        throw new SqlServerDataError(`${where()}: not a number that fits DECIMAL(${column.precision},${column.scale})`);
      }
      return value as number;
  }
}

/** Converts catalog-shaped rows (keys = column names) into value arrays in column order. */
export function toBulkRows(table: TableDef, rows: readonly object[]): SqlValue[][] {
  return rows.map((row, index) => {
    const record = row as Record<string, unknown>;
    return table.columns.map((column) =>
      toSqlValue(column, record[column.name], () => `${table.name}.${column.name} (row ${index + 1})`),
    );
  });
}

/** SQL Server caps one statement at 2100 parameters and a VALUES list at 1000 rows. */
export const MAX_PARAMETERS = 2100;
export const MAX_VALUES_ROWS = 1000;

/**
 * Rows per multi-row INSERT … VALUES for a table of `columnCount` columns. The driver sends a
 * parameterised statement through sp_executesql, whose statement and parameter-list
 * arguments count towards the 2100, hence 2 reserved.
 */
export function insertRowsPerStatement(columnCount: number, reservedParameters = 2): number {
  const byParameters = Math.floor((MAX_PARAMETERS - reservedParameters) / columnCount);
  const rows = Math.min(MAX_VALUES_ROWS, byParameters);
  if (rows < 1) throw new Error(`a ${columnCount}-column row does not fit in one statement`);
  return rows;
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error('chunk size must be a positive integer');
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
