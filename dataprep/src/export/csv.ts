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
 * Where a spreadsheet that opens a CSV file directly may start a cell: the start of the value,
 * or just after a character some locale splits cells at. Excel splits at the Windows list
 * separator (`,` or `;`, also the formula argument separator), others at a tab or `|`; and a
 * line break inside a value starts a new row when the value's quotes are not honoured (a quote
 * mid-cell is literal when the file is split at another separator). Spaces or quotes may come
 * between such a start and the formula.
 */
const LEADING_FORMULA = /^(?:[\s"]*[=+\-@]|[\t\r])/;
const SPLIT_THEN_FORMULA = /[,;|\t\r\n](?=[ "]*[=+\-@])/;

/**
 * Text a spreadsheet may run as a formula when the file is opened directly (CSV injection), in
 * any locale: a cell that starts (after spaces or quotes) with =, +, -, @ (or a tab or carriage
 * return), or one that does so after a `,` `;` `|`, tab or line break, e.g. `Smith;=HYPERLINK(…)`.
 */
export function looksLikeFormula(value: CsvValue): boolean {
  return typeof value === 'string' && (LEADING_FORMULA.test(value) || SPLIT_THEN_FORMULA.test(value));
}

/**
 * An apostrophe before every place such a cell could start makes the spreadsheet show it as
 * text, whatever the locale: at the start, and after each separator that precedes a formula
 * (`Smith;'=HYPERLINK(…)`). It changes the value: for files meant only for a spreadsheet.
 */
export function excelSafe<T extends CsvValue>(value: T): T | string {
  return looksLikeFormula(value) ? formulaAsText(value as string) : value;
}

const EVERY_SPLIT_THEN_FORMULA = new RegExp(SPLIT_THEN_FORMULA.source, 'g');

/** excelSafe for text already found to look like a formula (the export tests each cell once). */
export function formulaAsText(text: string): string {
  const marked = text.replace(EVERY_SPLIT_THEN_FORMULA, "$&'");
  return LEADING_FORMULA.test(marked) ? `'${marked}` : marked;
}
