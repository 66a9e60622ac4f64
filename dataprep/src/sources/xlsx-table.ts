import ExcelJS from 'exceljs';
import { ExtractError } from '../model/data-quality';
import type { FileFingerprint, SourceFileName } from '../model/source-records';
import { cellText } from './cell-values';
import { whileFingerprinted } from './fingerprint';
import { cleanText, isBlankRow, type RawCell, type RowVisitor } from './raw-table';

/**
 * Reads the first worksheet of a workbook and hands its rows to the visitor: the first
 * non-empty row is the header, line numbers are Excel row numbers. Date cells stay `Date`s (their UTC parts are the
 * wall-clock value Excel shows); everything else becomes trimmed text.
 */
export async function readXlsx(path: string, file: SourceFileName, visitor: RowVisitor): Promise<FileFingerprint> {
  return (await whileFingerprinted(path, file, () => visitWorkbook(path, file, visitor))).fingerprint;
}

async function visitWorkbook(path: string, file: SourceFileName, visitor: RowVisitor): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code ? `the file cannot be read (${code})` : 'the file is not a readable Excel workbook (.xlsx)';
    throw new ExtractError(file, `${file}: ${why}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ExtractError(file, `${file}: the workbook has no worksheet`, 1);
  visitSheet(sheet, file, visitor);
}

function visitSheet(sheet: ExcelJS.Worksheet, file: SourceFileName, visitor: RowVisitor): void {
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (width === 0) {
      const names = readCells(row, row.cellCount).map((cell) => cellText(cell) ?? '');
      if (names.every((name) => name === '')) return;
      width = names.length;
      visitor.header(names, rowNumber);
      return;
    }
    const cells = readCells(row, width);
    if (!isBlankRow(cells)) visitor.row(rowNumber, cells);
  });
  if (width === 0) throw new ExtractError(file, `${file}: the first worksheet is empty (no header row)`, 1);
}

function readCells(row: ExcelJS.Row, count: number): RawCell[] {
  const cells: RawCell[] = [];
  for (let column = 1; column <= count; column++) cells.push(normaliseCell(row.getCell(column).value));
  return cells;
}

/** Reduces exceljs's cell value shapes (rich text, formulas, hyperlinks...) to text or a Date. */
export function normaliseCell(value: ExcelJS.CellValue | unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'number') return numberAsText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return objectCell(value as Record<string, unknown>);
  return null;
}

function objectCell(value: Record<string, unknown>): RawCell {
  if (Array.isArray(value.richText)) {
    return cleanText(value.richText.map((part: { text?: unknown }) => String(part.text ?? '')).join(''));
  }
  if ('result' in value || 'formula' in value || 'sharedFormula' in value) return normaliseCell(value.result);
  if ('text' in value) return normaliseCell(value.text);
  if (typeof value.error === 'string') return value.error;
  return null;
}

/** Identifiers typed as numbers: 100001 → "100001", never "1e+5"-style or "100001.0". */
function numberAsText(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}
