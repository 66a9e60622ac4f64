import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import { ExtractError } from '../model/data-quality';
import type { FileFingerprint, SourceFileName } from '../model/source-records';
import { cellText } from './cell-values';
import { whileFingerprinted } from './fingerprint';
import { cleanText, isBlankRow, type RawCell, type RowVisitor } from './raw-table';
import { checkSourceFile, cannotRead, megabytes, type ReadLimits } from './source-file';
import { NotAZipError, unpackedSize } from './xlsx-size';

/**
 * Reads the first worksheet of a workbook with exceljs's streaming reader and hands its rows
 * to the visitor: the first non-empty row is the header, line numbers are Excel row numbers.
 * Date cells stay `Date`s (their UTC parts are the wall-clock value Excel shows); everything
 * else becomes trimmed text. Memory stays bounded: the unpacked size is measured first
 * (xlsx-size.ts) and reading stops at the row limit.
 */
export async function readXlsx(path: string, file: SourceFileName, visitor: RowVisitor, limits: ReadLimits): Promise<FileFingerprint> {
  // A regular file within the limit before anything opens it (a FIFO would block the hash too).
  const size = checkSourceFile(path, file, limits);
  if (size === null) throw cannotRead(file, 'ENOENT');
  return (await whileFingerprinted(path, file, () => visitWorkbook(path, file, size, visitor, limits))).fingerprint;
}

async function visitWorkbook(path: string, file: SourceFileName, size: number, visitor: RowVisitor, limits: ReadLimits): Promise<void> {
  await checkUnpackedSize(path, file, size, limits.maxFileBytes);
  const input = createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      await visitSheet(sheet, file, visitor, limits.maxXlsxRows);
      break; // only the first worksheet is read
    }
  } catch (error) {
    if (error instanceof ExtractError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ExtractError(file, `${file}: ${code ? `the file cannot be read (${code})` : NOT_A_WORKBOOK}`);
  } finally {
    input.destroy();
  }
  if (sheets === 0) throw new ExtractError(file, `${file}: the workbook has no worksheet`, 1);
}

const NOT_A_WORKBOOK = 'the file is not a readable Excel workbook (.xlsx)';

async function checkUnpackedSize(path: string, file: SourceFileName, size: number, bound: number): Promise<void> {
  let unpacked: number;
  try {
    unpacked = await unpackedSize(path, size, bound);
  } catch (error) {
    if (error instanceof NotAZipError) throw new ExtractError(file, `${file}: ${NOT_A_WORKBOOK}`);
    throw cannotRead(file, (error as NodeJS.ErrnoException).code ?? 'unknown error');
  }
  if (unpacked > bound) {
    throw new ExtractError(file, `${file}: the workbook unpacks to more than ${megabytes(bound)} MB (PPOC_MAX_FILE_MB)`);
  }
}

async function visitSheet(sheet: ExcelJS.stream.xlsx.WorksheetReader, file: SourceFileName, visitor: RowVisitor, maxRows: number): Promise<void> {
  let width = 0;
  let rows = 0;
  for await (const row of sheet) {
    if (++rows > maxRows) {
      throw new ExtractError(file, `${file}: the workbook has more than ${maxRows.toLocaleString('en-GB')} rows (PPOC_MAX_XLSX_ROWS)`, row.number);
    }
    if (width === 0) {
      const names = readCells(row, row.cellCount).map((cell) => cellText(cell) ?? '');
      if (names.every((name) => name === '')) continue;
      width = names.length;
      visitor.header(names, row.number);
      continue;
    }
    const cells = readCells(row, width);
    if (!isBlankRow(cells)) visitor.row(row.number, cells);
  }
  if (width === 0) throw new ExtractError(file, `${file}: the first worksheet is empty (no header row)`, 1);
}

function readCells(row: ExcelJS.Row, count: number): RawCell[] {
  const cells: RawCell[] = [];
  for (let column = 1; column <= count; column++) cells.push(normaliseCell(formulaDate(row.getCell(column))));
  return cells;
}

/**
 * The streaming reader leaves a formula's result a number even in a date-formatted cell
 * (`=DATE(2022,5,5)`); the date format says it is a date, as Excel shows it. 1900 date system.
 */
function formulaDate(cell: ExcelJS.Cell): ExcelJS.CellValue {
  const value = cell.value as { formula?: unknown; result?: unknown } | null;
  if (value === null || typeof value !== 'object' || !('formula' in value) || typeof value.result !== 'number') return cell.value;
  if (!isDateFormat(cell.numFmt)) return cell.value;
  return new Date(Math.round((value.result - EXCEL_EPOCH_SERIAL) * DAY_MS));
}

/** Serial of 1970-01-01 in Excel's 1900 date system. */
const EXCEL_EPOCH_SERIAL = 25569;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A number format that shows a date or time (as exceljs decides for plain cells). */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
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
