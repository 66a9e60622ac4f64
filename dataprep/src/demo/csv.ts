/** RFC 4180 CSV writing: quote a value only when it holds a comma, quote or line break. */
export type CsvValue = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvValue(value: CsvValue): string {
  if (value == null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvValue).join(',');
}

/** A whole file: header, rows, CRLF-free `\n` line ends and a final newline. */
export function csvDocument(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = new Array<string>(rows.length + 1);
  lines[0] = csvLine(columns);
  for (let i = 0; i < rows.length; i++) lines[i + 1] = csvLine(rows[i]);
  return lines.join('\n') + '\n';
}
