/**
 * Which number formats show a date or time, so a date-formatted number reads as a date (as
 * Excel shows it) and any other number as the number. Built-in formats by their id; custom
 * ones by their code, looking only at what would be printed from the first section.
 */

/** Excel's built-in date and time formats: 14–22, 45–47, and the East Asian 27–36 and 50–58. */
const BUILT_IN_DATE_IDS: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** `code` is the custom format for `id`, if the workbook defines one. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILT_IN_DATE_IDS.has(id);
  return isDateFormatCode(code);
}

/**
 * A format code with a date or time part (d, m, y, h, s, or the Buddhist year b) once quoted
 * text ("days"), bracketed parts ([Red], [$-809], [h]), escaped characters (\d) and padding
 * (_x, *x) are taken out of its first section: `dd/mm/yyyy;@` is a date, `0.0 "m"` and
 * `General` are not.
 */
export function isDateFormatCode(code: string): boolean {
  const printed = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\.|[_*]./g, '')
    .split(';')[0]
    .replace(/\[[^\]]*]/g, '');
  return /[dmyhsb]/i.test(printed);
}
