import { isUtf8 } from 'node:buffer';
import { parse, CsvError } from 'csv-parse/sync';
import { ExtractError } from '../model/data-quality';
import type { FileFingerprint, SourceFileName } from '../model/source-records';
import { readFingerprinted } from './fingerprint';
import { scanRecords, type RecordStarts } from './csv-scan';
import { isBlankRow, type RowVisitor } from './raw-table';
import { readSourceBytes, type ReadLimits } from './source-file';

/** Records parsed per csv-parse call: bounded memory, and no per-record info objects. */
const CHUNK_RECORDS = 512;
const OPTIONS = { skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] };

/**
 * Reads one CSV file (UTF-8 with or without BOM, RFC 4180, header row), handing each record to
 * the visitor with its first line. A light scan finds where records start (so multi-line quoted
 * values keep their first line), then csv-parse parses the file a chunk of records at a time.
 * Malformed text fails the whole file. csv-parse's own messages quote cell values, so they are
 * never passed on: ours carry positions only.
 */
export function readCsv(path: string, file: SourceFileName, visitor: RowVisitor, limits: ReadLimits): FileFingerprint {
  const { value: bytes, fingerprint } = readFingerprinted(path, file, (p) => readSourceBytes(p, file, limits));
  checkTextEncoding(bytes, file);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const starts = scanRecords(bytes, bom);
  if (starts.offsets.length === 0) throw new ExtractError(file, `${file}: the file is empty (no header row)`, 1);
  const count = starts.offsets.length;
  const chunkEnd = (index: number): number => (index < count ? starts.offsets[index] : bytes.length);
  // The header on its own first, so an error in the first data rows can name its column.
  const header = parseChunk(bytes.subarray(starts.offsets[0], chunkEnd(1)), file, starts, 0, 1, null)[0].map((name) => name.trim());
  visitor.header(header, starts.lines[0]);
  for (let first = 1; first < count; first += CHUNK_RECORDS) {
    const last = Math.min(first + CHUNK_RECORDS, count);
    const records = parseChunk(bytes.subarray(starts.offsets[first], chunkEnd(last)), file, starts, first, last - first, header);
    for (let i = 0; i < records.length; i++) {
      const line = starts.lines[first + i];
      const cells = records[i];
      if (cells.length !== header.length) throw malformed(file, 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', line, null);
      if (!isBlankRow(cells)) visitor.row(line, cells);
    }
  }
  return fingerprint;
}

function parseChunk(
  chunk: Buffer,
  file: SourceFileName,
  starts: RecordStarts,
  first: number,
  expected: number,
  header: readonly string[] | null,
): string[][] {
  let records: string[][];
  try {
    records = parse(chunk, OPTIONS) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const context = error as unknown as { records?: number; index?: number };
    const line = starts.lines[first + (context.records ?? 0)] ?? starts.lines[starts.lines.length - 1];
    const column = error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? null : columnAt(header, context.index);
    throw malformed(file, error.code, line, column);
  }
  if (records.length !== expected) {
    // The scan and csv-parse disagree on where records end: never guess a line number.
    throw new ExtractError(file, `${file}: the CSV is malformed near line ${starts.lines[first]} (records could not be delimited)`, starts.lines[first]);
  }
  return records;
}

/** UTF-8 text or a clear reason why not: Excel's "Unicode text" (UTF-16) is the usual culprit. */
function checkTextEncoding(bytes: Buffer, file: SourceFileName): void {
  const utf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  // UTF-16 without a BOM is valid UTF-8 byte by byte, but full of NULs that CSV text never has.
  if (utf16Bom || bytes.subarray(0, 4096).includes(0)) {
    throw new ExtractError(file, `${file}: the file is UTF-16 or binary, not UTF-8 text; save it as CSV UTF-8`, 1);
  }
  if (!isUtf8(bytes)) throw notUtf8(bytes, file);
}

function notUtf8(bytes: Buffer, file: SourceFileName): ExtractError {
  const text = new TextDecoder('utf-8').decode(bytes);
  const at = text.indexOf('\uFFFD');
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return new ExtractError(file, `${file}: the file is not valid UTF-8 (line ${line}); save it as CSV UTF-8`, line);
}

function columnAt(header: readonly string[] | null, index: number | undefined): string | null {
  if (header === null || index === undefined) return null;
  return header[index] || null;
}

function malformed(file: SourceFileName, code: string, line: number, column: string | null): ExtractError {
  const where = `line ${line}${column ? `, column ${column}` : ''}`;
  return new ExtractError(file, `${file}: ${describe(code)} at ${where}`, line, column);
}

function describe(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted value is never closed (missing ")';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return 'the row has a different number of fields from the header';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote (") appears inside an unquoted value';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted value is followed by other characters';
    default:
      return `the CSV is malformed (${code})`;
  }
}
