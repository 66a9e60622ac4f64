/**
 * The fast path of the CSV reader: one pass over the decoded text for the CSV that exports
 * actually write (RFC 4180 fields, unquoted or quoted with `""` escapes, CRLF, LF or CR line
 * ends, empty lines skipped). It yields exactly the records csv-parse yields for such text, and
 * stops at anything else (a quote inside a value, text after a closing quote, an unclosed
 * quote, a row with the wrong number of fields) so that csv-parse judges and words it
 * (csv-table.ts). No per-field objects: fields are slices of the text.
 */
const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export class CsvCursor {
  /** Where the next record (or empty line) starts. */
  offset = 0;
  /** The 1-based line at `offset`. */
  line = 1;
  private nextQuote: number;
  private nextCr: number;

  constructor(private readonly text: string) {
    this.nextQuote = indexOrEnd(text, '"', 0);
    this.nextCr = indexOrEnd(text, '\r', 0);
  }

  /** Skips empty lines; false at the end of the text. */
  atRecord(): boolean {
    const text = this.text;
    while (this.offset < text.length) {
      const char = text.charCodeAt(this.offset);
      if (char !== LF && char !== CR) return true;
      this.offset += char === CR && text.charCodeAt(this.offset + 1) === LF ? 2 : 1;
      this.line++;
    }
    return false;
  }

  /**
   * The record at `offset` (call atRecord first), moving past its line end; null, with the
   * cursor unmoved, when the record is anything but plain CSV. With `into`, the fields fill it
   * and must be exactly as many (else null); without, a new array of any length holds them.
   */
  record(into: string[] | null = null): string[] | null {
    const text = this.text;
    const start = this.offset;
    if (this.nextCr < start) this.nextCr = indexOrEnd(text, '\r', start);
    if (this.nextQuote < start) this.nextQuote = indexOrEnd(text, '"', start);
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (this.nextCr < end) end = this.nextCr;
    if (this.nextQuote < end) return this.quotedRecord(into);
    const cells = splitFields(text, start, end, into);
    if (cells === null) return null;
    this.offset = end;
    this.endLine();
    return cells;
  }

  /** A record with a quote in its first line: field by field, quoted fields may span lines. */
  private quotedRecord(into: string[] | null): string[] | null {
    const text = this.text;
    const cells: string[] = into ?? [];
    let count = 0;
    let at = this.offset;
    let lines = 0;
    for (;;) {
      let value: string;
      if (text.charCodeAt(at) === QUOTE) {
        const quoted = readQuoted(text, at);
        if (quoted === null) return null;
        ({ value, end: at } = quoted);
        lines += lineEnds(value);
      } else {
        const end = unquotedEnd(text, at);
        if (end < 0) return null;
        value = text.slice(at, end);
        at = end;
      }
      if (into !== null && count === into.length) return null; // more fields than the header
      cells[count++] = value;
      const next = text.charCodeAt(at);
      if (next === COMMA) at++;
      else if (at >= text.length || next === LF || next === CR) break;
      else return null; // text after a closing quote
    }
    if (into !== null && count !== into.length) return null;
    this.offset = at;
    this.line += lines;
    this.endLine();
    return cells;
  }

  /** Moves past the line end at `offset` (CRLF, LF or CR), if any. */
  private endLine(): void {
    const text = this.text;
    if (this.offset >= text.length) return;
    this.offset += text.charCodeAt(this.offset) === CR && text.charCodeAt(this.offset + 1) === LF ? 2 : 1;
    this.line++;
  }
}

function indexOrEnd(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at < 0 ? text.length : at;
}

/**
 * The comma-separated fields of text[start, end), which holds no quote and no line end: into
 * `into`, whose length they must match (else null), or into a new array.
 */
function splitFields(text: string, start: number, end: number, into: string[] | null): string[] | null {
  const cells: string[] = into ?? [];
  let count = 0;
  let at = start;
  for (;;) {
    if (into !== null && count === into.length) return null;
    let comma = text.indexOf(',', at);
    if (comma < 0 || comma > end) comma = end;
    cells[count++] = text.slice(at, comma);
    if (comma === end) return into === null || count === into.length ? cells : null;
    at = comma + 1;
  }
}

/** A quoted field starting at `at` and where it ends (after the closing quote), or null when never closed. */
function readQuoted(text: string, at: number): { value: string; end: number } | null {
  let value = '';
  let from = at + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return null;
    if (text.charCodeAt(quote + 1) !== QUOTE) return { value: value + text.slice(from, quote), end: quote + 1 };
    value += text.slice(from, quote + 1); // `""` is one quote
    from = quote + 2;
  }
}

/** Where an unquoted field starting at `at` ends, or -1 when it holds a quote. */
function unquotedEnd(text: string, at: number): number {
  for (let i = at; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === COMMA || char === LF || char === CR) return i;
    if (char === QUOTE) return -1;
  }
  return text.length;
}

/** Line ends inside a value, counted as the record scan counts them (CRLF, LF and CR are one each). */
function lineEnds(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value.charCodeAt(i);
    if (char === LF) count++;
    else if (char === CR) {
      count++;
      if (value.charCodeAt(i + 1) === LF) i++;
    }
  }
  return count;
}
