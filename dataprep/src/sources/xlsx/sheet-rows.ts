/**
 * A worksheet's `<sheetData>`, streamed: each `<row>` is handed on as it closes, with only the
 * cells that hold a value (a styled empty cell, `dimension` or `<cols>` widen nothing), so the
 * work is the size of the XML and memory one row. Row and column numbers are Excel's own (from
 * `r`, or the next one when a writer leaves `r` out).
 */
import type { RawCell } from '../raw-table';
import { cellValue, type CellContext } from './cell-value';
import { NotAWorkbookError } from './zip-parts';
import type { Attributes, XmlHandlers } from './xml-part';

/** One row's cells with values: `columns[i]` (1 = A) holds `values[i]`, for i < `count`. Reused. */
export interface SheetRow {
  number: number;
  count: number;
  columns: number[];
  values: RawCell[];
}

/** XFD, the last column Excel has. */
const LAST_COLUMN = 16_384;

export class SheetRows implements XmlHandlers {
  private readonly row: SheetRow = { number: 0, count: 0, columns: [], values: [] };
  private inSheetData = false;
  private column = 0;
  private type = 'n';
  private style = 0;
  private value = '';
  private capturing = false;
  private inline = false;
  private phonetic = 0;

  constructor(
    private readonly context: CellContext,
    private readonly take: (row: SheetRow) => void,
  ) {}

  open(name: string, attributes: Attributes): void {
    if (name === 'sheetData') this.inSheetData = true;
    if (!this.inSheetData) return;
    switch (name) {
      case 'row':
        this.row.number = wholeNumber(attributes.r) ?? this.row.number + 1;
        this.row.count = 0;
        this.column = 0;
        break;
      case 'c':
        this.column = columnOf(attributes.r) ?? this.column + 1;
        this.type = attributes.t ?? 'n';
        this.style = wholeNumber(attributes.s) ?? 0;
        this.value = '';
        break;
      case 'v':
        this.capturing = true;
        break;
      case 'is':
        this.inline = true;
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 't':
        this.capturing = this.inline && this.phonetic === 0;
        break;
    }
  }

  text(text: string): void {
    if (this.capturing) this.value += text;
  }

  close(name: string): void {
    if (!this.inSheetData) return;
    switch (name) {
      case 'v':
      case 't':
        this.capturing = false;
        break;
      case 'is':
        this.inline = false;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'c':
        this.endCell();
        break;
      case 'row':
        this.take(this.row);
        break;
      case 'sheetData':
        this.inSheetData = false;
        break;
    }
  }

  private endCell(): void {
    const value = cellValue(this.type, this.value, this.style, this.context);
    if (value === null) return;
    const row = this.row;
    // Excel's own limit: a row beyond it is a damaged or hostile sheet, and memory stays one row's.
    if (this.column > LAST_COLUMN || row.count >= LAST_COLUMN) throw new NotAWorkbookError(`row ${row.number} has cells beyond column XFD`);
    row.columns[row.count] = this.column;
    row.values[row.count] = value;
    row.count++;
  }
}

function wholeNumber(text: string | undefined): number | undefined {
  const value = Number(text);
  return text && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** `XFD7` → 16384; undefined without a reference. */
function columnOf(reference: string | undefined): number | undefined {
  if (!reference) return undefined;
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i) & ~0x20; // upper case
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column > 0 ? column : undefined;
}

/** 16384 → `XFD`. */
export function columnName(column: number): string {
  let name = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}
