import { isUtf8 } from 'node:buffer';
import { parse, CsvError } from 'csv-parse/sync';
import { ExtractError } from '../model/data-quality';
import type { FileFingerprint, SourceFileName } from '../model/source-records';
import { readFingerprinted } from './fingerprint';
import { CsvCursor } from './csv-fast';
import { firstRecordWidth, scanRecords, type RecordStarts } from './csv-scan';
import { isBlankRow, type RowVisitor } from './raw-table';
import { readSourceBytes, type ReadLimits } from './source-file';

/** Records per chunk: csv-parse parses a chunk per call; the fast path hands a chunk on when all of it read plainly. */
const CHUNK_RECORDS = 512;
const OPTIONS = { skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] };

/**
 * Reads one CSV file (UTF-8 with or without BOM, RFC 4180, header row), handing each record to
 * the visitor with its first line. The fast path (csv-fast.ts) reads the decoded text once, a
 * chunk of records at a time; at the first chunk holding anything unusual, csv-parse takes
 * over from that chunk's start (as it would have read it all along: a light scan finds where
 * records start, so multi-line quoted values keep their first line, then it parses a chunk of
 * records at a time) and decides what is valid and how a problem is worded. Malformed text
 * fails the whole file. csv-parse's own messages quote cell values, so they are never passed
 * on: ours carry positions only.
 */
export function readCsv(path: string, file: SourceFileName, visitor: RowVisitor, limits: ReadLimits): FileFingerprint {
  const { value: bytes, fingerprint } = readFingerprinted(path, file, (p) => readSourceBytes(p, file, limits));
  visitCsv(bytes, file, visitor, limits);
  return fingerprint;
}

/** A CSV file's bytes to the visitor; `fastPath: false` leaves it all to csv-parse (the test of their agreement). */
export function visitCsv(bytes: Buffer, file: SourceFileName, visitor: RowVisitor, limits: Pick<ReadLimits, 'maxColumns'>, fastPath = true): void {
  checkTextEncoding(bytes, file);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  checkHeaderWidth(bytes, bom, file, limits.maxColumns);
  if (!fastPath) {
    readWithCsvParse(bytes, bom, { offset: 0, line: 1, header: null }, file, visitor);
    return;
  }
  const text = bytes.toString('utf8', bom);
  const stop = readPlain(text, file, visitor);
  if (stop !== null) readWithCsvParse(bytes, bom + Buffer.byteLength(text.slice(0, stop.offset)), stop, file, visitor);
}

/** Where the fast path stopped: the first record of the chunk csv-parse reads from. */
interface Stop {
  offset: number;
  line: number;
  /** The header as read, or null when csv-parse reads the header too. */
  header: string[] | null;
}

/** The fast path: every chunk of plain records to the visitor; where it stopped, or null at the end. */
function readPlain(text: string, file: SourceFileName, visitor: RowVisitor): Stop | null {
  const cursor = new CsvCursor(text);
  if (!cursor.atRecord()) throw emptyFile(file);
  const headerLine = cursor.line;
  const first = cursor.record();
  if (first === null) return { offset: 0, line: 1, header: null };
  const header = first.map((name) => name.trim());
  visitor.header(header, headerLine);
  // One chunk's records, in arrays reused chunk after chunk: the visitor copies what it keeps.
  const cells = Array.from({ length: CHUNK_RECORDS }, () => new Array<string>(header.length));
  const lines: number[] = new Array(CHUNK_RECORDS);
  while (cursor.atRecord()) {
    const stop: Stop = { offset: cursor.offset, line: cursor.line, header };
    let count = 0;
    for (; count < CHUNK_RECORDS && cursor.atRecord(); count++) {
      lines[count] = cursor.line;
      if (cursor.record(cells[count]) === null) return stop;
    }
    for (let i = 0; i < count; i++) if (!isBlankRow(cells[i])) visitor.row(lines[i], cells[i]);
  }
  return null;
}

/** csv-parse from a chunk's first record (the whole file when the header itself was unusual). */
function readWithCsvParse(bytes: Buffer, from: number, stop: Stop, file: SourceFileName, visitor: RowVisitor): void {
  const starts = scanRecords(bytes, from, stop.line);
  const count = starts.offsets.length;
  const chunkEnd = (index: number): number => (index < count ? starts.offsets[index] : bytes.length);
  let header = stop.header;
  let first = 0;
  if (header === null) {
    if (count === 0) throw emptyFile(file);
    // The header on its own first, so an error in the first data rows can name its column.
    header = parseChunk(bytes.subarray(starts.offsets[0], chunkEnd(1)), file, starts, 0, 1, null)[0].map((name) => name.trim());
    visitor.header(header, starts.lines[0]);
    first = 1;
  }
  for (; first < count; first += CHUNK_RECORDS) {
    const last = Math.min(first + CHUNK_RECORDS, count);
    // A record wider than the header is malformed whatever else it holds: counted first, so
    // csv-parse never builds the million fields of one hostile row.
    const wide = firstWiderRecord(bytes, starts, first, last, header.length);
    const end = wide ?? last;
    const records = end > first ? parseChunk(bytes.subarray(starts.offsets[first], chunkEnd(end)), file, starts, first, end - first, header) : [];
    for (let i = 0; i < records.length; i++) {
      const line = starts.lines[first + i];
      const cells = records[i];
      if (cells.length !== header.length) throw malformed(file, 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', line, null);
      if (!isBlankRow(cells)) visitor.row(line, cells);
    }
    if (wide !== null) throw malformed(file, 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', starts.lines[wide], null);
  }
}

/** The first record of [first, last) with more fields than the header, or null. */
function firstWiderRecord(bytes: Buffer, starts: RecordStarts, first: number, last: number, width: number): number | null {
  for (let i = first; i < last; i++) if (firstRecordWidth(bytes, starts.offsets[i]).fields > width) return i;
  return null;
}

/**
 * Both paths make per-column arrays (the fast path one per record of a chunk): a header wider
 * than PPOC_MAX_COLUMNS fails the file first, counted without slicing a field.
 */
function checkHeaderWidth(bytes: Buffer, from: number, file: SourceFileName, maxColumns: number): void {
  const { fields, line } = firstRecordWidth(bytes, from);
  if (fields <= maxColumns) return;
  throw new ExtractError(
    file,
    `${file}: the header at line ${line} has ${fields.toLocaleString('en-GB')} columns, over the limit of ${maxColumns.toLocaleString('en-GB')} (PPOC_MAX_COLUMNS)`,
    line,
  );
}

function emptyFile(file: SourceFileName): ExtractError {
  return new ExtractError(file, `${file}: the file is empty (no header row)`, 1);
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
