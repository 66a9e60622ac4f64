/**
 * The export's CSV: the project's one RFC 4180 field writer (demo/csv.ts: a field is quoted,
 * quotes doubled, only when it holds a comma, quote, CR or LF; null is empty), records ended by
 * CRLF as RFC 4180 has them, and the spreadsheet-formula guard `issues --format csv` uses too.
 */
import { csvLine, type CsvValue } from '../demo/csv';

export type { CsvValue };

export function csvRecord(values: readonly CsvValue[]): string {
  return `${csvLine(values)}\r\n`;
}

/**
 * Text a spreadsheet may run as a formula when the file is opened directly (CSV injection):
 * a cell starting with =, +, -, @, a tab or a carriage return.
 */
export function looksLikeFormula(value: CsvValue): boolean {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value);
}

/** A leading apostrophe makes Excel show such a cell as text (it changes the value). */
export function excelSafe<T extends CsvValue>(value: T): T | string {
  return looksLikeFormula(value) ? `'${value as string}` : value;
}
