/**
 * Reads the first worksheet of predictions.xlsx and hands its rows to the visitor: the first
 * row with a value is the header, line numbers are Excel row numbers, date-formatted cells are
 * `Date`s (their UTC parts the wall-clock value Excel shows), everything else trimmed text.
 *
 * A reader of our own over yauzl (the zip's parts, from its central directory) and saxes
 * (streaming XML), in xlsx/: the parts a sheet depends on (workbook, relationships, styles,
 * shared strings) are read before the sheet, whatever their order in the zip; the sheet is
 * streamed row by row; nothing is written to disk; every inflated byte counts against
 * PPOC_MAX_FILE_MB; only cells with values count, so a stray cell widens nothing. This module
 * is imported on demand: a CSV extract never loads yauzl or saxes.
 */
import { closeSync, readSync } from 'node:fs';
import { ExtractError } from '../model/data-quality';
import type { FileFingerprint, SourceFileName } from '../model/source-records';
import { whileFingerprinted } from './fingerprint';
import type { RowVisitor } from './raw-table';
import { checkSourceFile, cannotRead, megabytes, openSourceFile, type ReadLimits } from './source-file';
import { SheetRows } from './xlsx/sheet-rows';
import { SheetTable } from './xlsx/sheet-table';
import { readWorkbook } from './xlsx/workbook-parts';
import { readXmlPart } from './xlsx/xml-part';
import { NotAWorkbookError, UnpackedTooLargeError, ZipParts } from './xlsx/zip-parts';

export async function readXlsx(path: string, file: SourceFileName, visitor: RowVisitor, limits: ReadLimits): Promise<FileFingerprint> {
  // A regular file within the limit before anything opens it (a FIFO would block the hash too).
  if (checkSourceFile(path, file, limits) === null) throw cannotRead(file, 'ENOENT');
  return (await whileFingerprinted(path, file, () => visitWorkbook(path, file, visitor, limits))).fingerprint;
}

async function visitWorkbook(path: string, file: SourceFileName, visitor: RowVisitor, limits: ReadLimits): Promise<void> {
  const { fd } = openSourceFile(path, file, limits);
  let olderFormat: boolean;
  try {
    olderFormat = isCompoundFile(fd);
  } catch (error) {
    closeSync(fd);
    throw cannotRead(file, (error as NodeJS.ErrnoException).code ?? 'unknown error');
  }
  let zip: ZipParts | null = null;
  try {
    zip = await ZipParts.open(fd, limits.maxFileBytes); // the zip closes fd from here on
    const workbook = await readWorkbook(zip);
    if (workbook.sheet === null) throw new ExtractError(file, `${file}: the workbook has no worksheet`, 1);
    const table = new SheetTable(file, visitor, limits.maxXlsxRows, limits.maxColumns);
    await readXmlPart(zip, workbook.sheet, new SheetRows(workbook, (row) => table.take(row)));
    table.finish();
  } catch (error) {
    throw extractErrorOf(file, error, limits.maxFileBytes, olderFormat);
  } finally {
    zip?.close();
  }
}

const NOT_A_WORKBOOK = 'the file is not a readable Excel workbook (.xlsx)';
const OLDER_FORMAT = `${NOT_A_WORKBOOK}: it is an Excel 97-2003 (.xls) or password-protected workbook; save it as an Excel Workbook (.xlsx) without a password`;

/** What the reader's own failures mean to an analyst; anything else is a bug and goes on as it is. */
function extractErrorOf(file: SourceFileName, error: unknown, bound: number, olderFormat: boolean): unknown {
  if (error instanceof UnpackedTooLargeError) {
    return new ExtractError(file, `${file}: the workbook unpacks to more than ${megabytes(bound)} MB (PPOC_MAX_FILE_MB)`);
  }
  if (error instanceof NotAWorkbookError) return new ExtractError(file, `${file}: ${olderFormat ? OLDER_FORMAT : NOT_A_WORKBOOK}`);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!(error instanceof ExtractError) && typeof code === 'string' && /^E[A-Z]+$/.test(code)) return cannotRead(file, code);
  return error;
}

/** An OLE compound file: the old .xls format, and what Excel saves a password-protected .xlsx as. */
function isCompoundFile(fd: number): boolean {
  const magic = Buffer.alloc(8);
  return readSync(fd, magic, 0, 8, 0) === 8 && magic.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}
