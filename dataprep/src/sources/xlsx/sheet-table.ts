/**
 * A sheet's rows as a table for the row visitor: the first row with a value is the header, and
 * its columns are the table's width, from column A to its last named cell. Every later row is
 * handed on with exactly that many cells, whatever else the sheet holds: a value outside the
 * header's columns (a stray cell at XFD7) is a data-quality warning naming the cell, never a
 * reason to widen every row. Only rows with values count towards PPOC_MAX_XLSX_ROWS.
 */
import { ExtractError } from '../../model/data-quality';
import type { SourceFileName } from '../../model/source-records';
import { cellText } from '../cell-values';
import type { RawCell, RowVisitor } from '../raw-table';
import { columnName, type SheetRow } from './sheet-rows';

export class SheetTable {
  private width = 0;
  private rows = 0;
  private cells: RawCell[] = [];

  constructor(
    private readonly file: SourceFileName,
    private readonly visitor: RowVisitor,
    private readonly maxRows: number,
    /**
     * PPOC_MAX_COLUMNS, as for a CSV header: a named cell beyond it is a stray cell, so one
     * typed at XFD1 cannot make every row 16,384 cells wide.
     */
    private readonly maxColumns: number,
  ) {}

  take(row: SheetRow): void {
    if (row.count === 0) return; // styling only
    if (++this.rows > this.maxRows) {
      throw new ExtractError(this.file, `${this.file}: the workbook has more than ${this.maxRows.toLocaleString('en-GB')} rows (PPOC_MAX_XLSX_ROWS)`, row.number);
    }
    if (this.width === 0) this.header(row);
    else this.data(row);
  }

  /** Fails a sheet that never had a header row. */
  finish(): void {
    if (this.width === 0) throw new ExtractError(this.file, `${this.file}: the first worksheet is empty (no header row)`, 1);
  }

  private header(row: SheetRow): void {
    let width = 0;
    for (let i = 0; i < row.count; i++) if (row.columns[i] <= this.maxColumns) width = Math.max(width, row.columns[i]);
    if (width > 0) {
      const names: string[] = new Array<string>(width).fill('');
      for (let i = 0; i < row.count; i++) if (row.columns[i] <= width) names[row.columns[i] - 1] = cellText(row.values[i]) ?? '';
      this.width = width;
      this.cells = new Array<RawCell>(width).fill(null);
      this.visitor.header(names, row.number);
    }
    this.outside(row, width, [], `beyond column ${columnName(this.maxColumns)}, the last a header may use (PPOC_MAX_COLUMNS)`);
  }

  private data(row: SheetRow): void {
    const cells = this.cells.fill(null);
    let inside = false;
    let outside = false;
    for (let i = 0; i < row.count; i++) {
      if (row.columns[i] > this.width) {
        outside = true;
        continue;
      }
      cells[row.columns[i] - 1] = row.values[i];
      inside = true;
    }
    if (inside) this.visitor.row(row.number, cells);
    // Only a row with a stray cell is gone over again (to name it): not every row of the sheet.
    if (outside) this.outside(row, this.width, cells, `outside the header's columns (A to ${columnName(this.width)})`);
  }

  /** One warning for a row's values beyond `width`, naming the first such cell (never its value). */
  private outside(row: SheetRow, width: number, cells: readonly RawCell[], where: string): void {
    let first = 0;
    let count = 0;
    for (let i = 0; i < row.count; i++) {
      if (row.columns[i] <= width) continue;
      count++;
      if (first === 0 || row.columns[i] < first) first = row.columns[i];
    }
    if (count === 0) return;
    const cell = `${columnName(first)}${row.number}`;
    const more = count > 1 ? ` (and ${count - 1} more cell${count > 2 ? 's' : ''} in the row)` : '';
    this.visitor.warning?.(row.number, cells, {
      column: columnName(first),
      rule: 'cell_outside_header',
      message: `cell ${cell} holds a value ${where}${more}; it is ignored`,
    });
  }
}
