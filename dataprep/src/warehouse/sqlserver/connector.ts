/**
 * The seam between the SQL Server warehouse and the driver: everything the warehouse sends
 * goes through these few calls, so tests can record the exact statements, parameter types
 * and order (recording fake) and production runs them over one mssql pool.
 */
export type SqlType =
  | { kind: 'nvarchar'; length: number | 'max' }
  | { kind: 'int' }
  | { kind: 'bit' }
  | { kind: 'date' }
  | { kind: 'datetime2'; scale: number }
  | { kind: 'decimal'; precision: number; scale: number };

export type SqlValue = string | number | boolean | Date | null;

export interface SqlParam {
  name: string;
  type: SqlType;
  value: SqlValue;
}

export interface BulkColumn {
  name: string;
  type: SqlType;
  nullable: boolean;
}

/** One bulk-copy call: rows already converted to driver values (dates as UTC-midnight `Date`). */
export interface BulkTable {
  schema: string;
  table: string;
  columns: readonly BulkColumn[];
  rows: SqlValue[][];
}

export type SqlRow = Record<string, unknown>;

/**
 * How every bulk copy loads: constraints checked (so they stay trusted, which SWITCH needs, and
 * the login needs no ALTER: bcp's "Permissions"), NULLs kept, and a table lock (TABLOCK: one
 * lock instead of one per row or page, and the minimal logging SQL Server allows for it).
 */
export const BULK_OPTIONS = { checkConstraints: true, keepNulls: true, lockTable: true } as const;

/** Something statements can run on: the pool, or one dedicated connection inside a transaction. */
export interface SqlExecutor {
  query(text: string, params?: readonly SqlParam[]): Promise<SqlRow[]>;
  /** Bulk-copies the rows; resolves with the number of rows the server reports inserted. */
  bulk(table: BulkTable): Promise<number>;
}

export interface SqlTransaction extends SqlExecutor {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface SqlConnector extends SqlExecutor {
  /** Begins a transaction on a connection reserved for it until commit or rollback. */
  begin(): Promise<SqlTransaction>;
  /** Streams a SELECT's rows to `onRow` one at a time (export), so no table is held in memory; returns the count. */
  each(text: string, params: readonly SqlParam[], onRow: (row: SqlRow) => void): Promise<number>;
  close(): Promise<void>;
}

export const nvarchar = (length: number | 'max'): SqlType => ({ kind: 'nvarchar', length });
export const INT: SqlType = { kind: 'int' };
export const BIT: SqlType = { kind: 'bit' };
export const DATE: SqlType = { kind: 'date' };
export const DATETIME2_3: SqlType = { kind: 'datetime2', scale: 3 };

/** T-SQL spelling of a type, for DDL and for messages. */
export function sqlTypeName(type: SqlType): string {
  switch (type.kind) {
    case 'nvarchar':
      return `NVARCHAR(${type.length === 'max' ? 'MAX' : type.length})`;
    case 'int':
      return 'INT';
    case 'bit':
      return 'BIT';
    case 'date':
      return 'DATE';
    case 'datetime2':
      return `DATETIME2(${type.scale})`;
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
  }
}
