/**
 * What a contract file is to the reader: its columns, field readers and row rules (one
 * definition per file in readers/). Its own module, so the table reader and the row schema
 * both depend on it rather than on each other.
 */
import type { DataQualityRule } from '../model/data-quality-rules';
import type { SourceFileName, SourceRef } from '../model/source-records';
import type { Field } from './fields';
import type { ColumnSpec } from './raw-table';

/** A problem with one row found after its fields parsed (cross-field or cross-row rules). */
export interface RowFault {
  column: string | null;
  rule: DataQualityRule;
  message: string;
}

/** Turns the rows of one contract file into records (one per contract file in readers/). */
export interface FileDefinition<R extends SourceRef> {
  columns: readonly ColumnSpec[];
  /** The column holding the Mosaic person ID, reported on every issue of the row. */
  personIdColumn: string | null;
  /** One reader per contract column, keyed by its name. */
  fields: Readonly<Record<string, Field<unknown>>>;
  /** The record of a valid row from its values, keyed by contract column (a method: each file narrows `values`). */
  record(values: Record<string, unknown>, sourceFile: SourceFileName, line: number): R;
  /** A known-but-unusual value: the row is kept and a warning recorded. */
  warn?: (record: R) => RowFault | null;
  /** Cross-field rule for a parsed row. */
  check?: (record: R) => RowFault | null;
  /** Later rows with the same key are rejected with `duplicate`'s fault; the first is kept. */
  unique?: { key: (record: R) => string; duplicate: (record: R, firstLine: number) => RowFault };
}
