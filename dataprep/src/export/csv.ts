/**
 * RFC 4180 CSV, the small part this project writes: fields separated by commas, records ended
 * by CRLF, a field quoted (quotes doubled) when it holds a comma, quote, CR or LF. Null is an
 * empty field; numbers in JavaScript's shortest round-trip form (66.7, 5.5, 100).
 */
export type CsvValue = string | number | null;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Text a spreadsheet may run as a formula when the file is opened directly (CSV injection):
 * a cell starting with =, +, -, @, a tab or a carriage return.
 */
export function looksLikeFormula(value: CsvValue): boolean {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value);
}

/** `--excel-safe`: a leading apostrophe makes Excel show such a cell as text (it changes the value). */
export function excelSafe(value: CsvValue): CsvValue {
  return looksLikeFormula(value) ? `'${value as string}` : value;
}
