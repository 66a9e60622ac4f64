import { ExtractError } from '../model/data-quality';
import type { DataQualityRule } from '../model/data-quality-rules';
import type { SourceFileName } from '../model/source-records';

/**
 * A cell as the file readers hand it on: text from CSV or Excel, or a JS `Date` for an Excel
 * date cell (whose UTC parts are the cell's wall-clock value). Empty cells are null.
 */
export type RawCell = string | Date | null;

/**
 * Receives one file's rows as they are read, so a 200,000-row file is never held twice.
 * Rows that are entirely empty are not passed on.
 */
export interface RowVisitor {
  /** Header names as written; `line` is 1 for CSV, the Excel row number for a workbook. */
  header(names: readonly string[], line: number): void;
  /**
   * `line`: the record's first line (CSV) or Excel row number; cells not yet trimmed. The array
   * is only lent for the call (a reader may reuse it for the next row): copy what is kept.
   */
  row(line: number, cells: readonly RawCell[]): void;
  /**
   * Something the reader itself found in a row and left out (a workbook's cell outside the
   * header's columns): a warning; the row, if it has data, came to `row` first.
   */
  warning?(line: number, cells: readonly RawCell[], fault: { column: string | null; rule: DataQualityRule; message: string }): void;
}

export interface ColumnSpec {
  /** The contract's spelling, e.g. `DECOM`, `start_date`. */
  name: string;
  required: boolean;
}

/**
 * Where each contract column sits in the file (header names compared case-insensitively after
 * trimming); -1 for an absent optional column. A missing required column, or a contract column
 * named twice (which one holds the data?), fails the file.
 */
export function locateColumns(
  file: SourceFileName,
  header: readonly string[],
  headerLine: number,
  columns: readonly ColumnSpec[],
): number[] {
  const positions = new Map<string, number[]>();
  header.forEach((name, index) => {
    const key = name.trim().toLowerCase();
    if (key !== '') positions.set(key, [...(positions.get(key) ?? []), index]);
  });
  return columns.map((column) => {
    const found = positions.get(column.name.toLowerCase()) ?? [];
    if (found.length > 1) {
      throw new ExtractError(file, `${file}: column "${column.name}" appears ${found.length} times in the header (line ${headerLine}); keep one`, headerLine, column.name);
    }
    if (found.length === 1) return found[0];
    if (!column.required) return -1;
    throw new ExtractError(
      file,
      `${file}: required column "${column.name}" is missing from the header (line ${headerLine})${separatorHint(header)}`,
      headerLine,
      column.name,
    );
  });
}

/** A header read as one column that holds semicolons or tabs: the file is not comma-separated. */
function separatorHint(header: readonly string[]): string {
  if (header.length !== 1) return '';
  const separator = header[0].includes(';') ? 'semicolons' : header[0].includes('\t') ? 'tabs' : null;
  return separator ? `; the header is separated by ${separator}: save the file as CSV (comma-separated)` : '';
}

/** Trimmed text, or null for an empty or whitespace-only cell. */
export function cleanText(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A cell trimmed, with empty or whitespace-only text as null. */
export function cleanCell(cell: RawCell | undefined): RawCell {
  if (cell === undefined || cell === null) return null;
  return typeof cell === 'string' ? cleanText(cell) : cell;
}

export function isBlankRow(cells: readonly RawCell[]): boolean {
  for (const cell of cells) {
    if (cell !== null && (typeof cell !== 'string' || cell.trim() !== '')) return false;
  }
  return true;
}
