/** Where each CSV record starts: byte offset and 1-based line, empty lines skipped. */
export interface RecordStarts {
  offsets: number[];
  lines: number[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * One pass over the bytes with RFC 4180 quoting: a newline inside quotes does not end a record,
 * `""` inside quotes is an escaped quote, and CRLF, LF or CR each end a line (as the parser is
 * told). These bytes never occur inside a UTF-8 multi-byte character, so bytes are safe to scan.
 */
export function scanRecords(bytes: Uint8Array, from: number, firstLine = 1): RecordStarts {
  const offsets: number[] = [];
  const lines: number[] = [];
  let line = firstLine;
  let inQuotes = false;
  let atRecordStart = true;
  let i = from;
  while (i < bytes.length) {
    const byte = bytes[i];
    const newline = byte === LF || byte === CR;
    if (atRecordStart && !newline) {
      offsets.push(i);
      lines.push(line);
      atRecordStart = false;
    }
    if (newline) {
      i += byte === CR && bytes[i + 1] === LF ? 2 : 1;
      line++;
      if (!inQuotes) atRecordStart = true;
      continue;
    }
    if (byte === QUOTE) {
      if (inQuotes && bytes[i + 1] === QUOTE) i++;
      else inQuotes = !inQuotes;
    }
    i++;
  }
  return { offsets, lines };
}

const COMMA = 0x2c;

/**
 * The fields of the first record from `from` (empty lines skipped) and its line, counted with
 * the same quoting as scanRecords and nothing kept: the header's width can be checked before a
 * single field is sliced, so a header of a million columns costs one pass over its bytes.
 */
export function firstRecordWidth(bytes: Uint8Array, from: number): { fields: number; line: number } {
  let line = 1;
  let i = from;
  for (; i < bytes.length && (bytes[i] === LF || bytes[i] === CR); line++) i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
  let fields = 1;
  let inQuotes = false;
  for (; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) inQuotes = !inQuotes; // `""` toggles twice: still inside
    else if (inQuotes) continue;
    else if (byte === COMMA) fields++;
    else if (byte === LF || byte === CR) break;
  }
  return { fields, line };
}
