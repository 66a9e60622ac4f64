/**
 * What the bad-input cases are made with: the example extract's files as text, edits of one cell,
 * row or file, predictions.csv as a workbook, and the shape of each case's expected.json.
 */
import ExcelJS from 'exceljs';
import { EXCEL_ORDER, inOrder, partsOf, zipOf, type ZipPart } from '../helpers/xlsx-zip';
import type { Expected } from './expected';

export type Files = Map<string, string | Buffer>;

export interface CorpusCase {
  name: string;
  expected: Expected;
  edit(files: Files): void | Promise<void>;
}

/** A name that must never reach a message, a log line or a non-name column. */
export const CANARY = 'Zebedee Quartermaine-Canary';

export const text = (files: Files, file: string): string => String(files.get(file));
export const rows = (files: Files, file: string): string[] => text(files, file).trimEnd().split('\n');
export const put = (files: Files, file: string, lines: string[]): void => void files.set(file, `${lines.join('\n')}\n`);

/** Sets one cell (CSV-quoted when it must be) of data row `index` (0 = first data row, on line 2). */
export function setCell(files: Files, file: string, index: number, column: string, value: string): void {
  const lines = rows(files, file);
  const at = lines[0].split(',').indexOf(column);
  if (at < 0) throw new Error(`${file} has no column ${column}`);
  const cells = lines[index + 1].split(',');
  cells[at] = /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  lines[index + 1] = cells.join(',');
  put(files, file, lines);
}

/** Replaces `from` by `to` on data row `index` of `file`. */
export const editRow = (file: string, index: number, from: string | RegExp, to: string) => (files: Files) => {
  const lines = rows(files, file);
  lines[index + 1] = lines[index + 1].replace(from, to);
  put(files, file, lines);
};

/** Puts the canary name into each [file, data row, column]: a swapped column in a real export. */
export const canaryIn = (...cells: [string, number, string][]) => (files: Files) => {
  for (const [file, index, column] of cells) setCell(files, file, index, column, CANARY);
};
export const NEVER_CANARY = [CANARY, 'Zebedee', 'Quartermaine'];

export const headerOnly = (file: string) => (files: Files) => put(files, file, rows(files, file).slice(0, 1));
export const keepRows = (file: string, count: number) => (files: Files) => put(files, file, rows(files, file).slice(0, count + 1));

interface WorkbookOptions {
  rows?: number;
  /** Cells to set after the rows, by reference (stray cells). */
  cells?: Record<string, string>;
}

/** predictions.csv as a workbook (first sheet), header and rows as text cells; exceljs writes it. */
export async function workbookOf(files: Files, options: WorkbookOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2022, 4, 31));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Predictions');
  const lines = rows(files, 'predictions.csv');
  for (const line of lines.slice(0, (options.rows ?? lines.length - 1) + 1)) sheet.addRow(line.split(','));
  for (const [reference, value] of Object.entries(options.cells ?? {})) sheet.getCell(reference).value = value;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** predictions.csv replaced by the workbook, changed by `rezip` (its parts in another order, a lying zip directory). */
export async function toWorkbook(files: Files, options: WorkbookOptions = {}, rezip?: (parts: ZipPart[]) => ZipPart[]): Promise<void> {
  const workbook = await workbookOf(files, options);
  files.delete('predictions.csv');
  files.set('predictions.xlsx', rezip ? zipOf(rezip(await partsOf(workbook))) : workbook);
}

/** The parts with the shared strings changed (what their zip directory entry says). */
export const sharedStrings = (change: Partial<ZipPart>) => (parts: ZipPart[]) =>
  inOrder(parts, EXCEL_ORDER).map((part) => (part.name === 'xl/sharedStrings.xml' ? { ...part, ...change } : part));

export const fails = (message: string, extra: Partial<Expected> = {}): Expected => ({ exit: 1, outcome: 'fails', message, ...extra });
export const skipped = (rule: string, file: string, line: number, extra: Partial<Expected> = {}): Expected => ({ exit: 0, outcome: 'skipped', rule, file, line, ...extra });
export const warning = (rule: string, file: string, line: number, extra: Partial<Expected> = {}): Expected => ({ exit: 0, outcome: 'warning', rule, file, line, ...extra });
export const succeeds = (extra: Partial<Expected> = {}): Expected => ({ exit: 0, outcome: 'succeeds', ...extra });
