/**
 * How a message shows a value from a source file. A name, a social worker or a free-text
 * reason can land in any column of a real export (a swapped column), and messages are kept
 * for ever (data_quality_issue, refresh_log) and printed (explain, status, logs). So a value
 * is shown only when it cannot be personal text: a date-like token of digits and separators,
 * or a short code or identifier with a digit in it (E4A, PR9, W1234). Anything else is
 * described by its shape: `[37 characters: letters and spaces]`. Every message that mentions
 * a value from a file goes through `describeValue`.
 */

/** Digits with separators between them: 31/02/2022, 2022-13-01, 44712, -5, 12.5, 2022-01-14 09:05. */
const DATE_LIKE = /^[-+]?\d+(?:[-/.:, T]\d+)*$/;
/** A code or identifier: no spaces, at least one digit (names have none): E4A, PR9, K3, WF-000123. */
const CODE_LIKE = /^(?=[^\d]*\d)[A-Za-z0-9][A-Za-z0-9_\-/.]*$/;
const MAX_SHOWN = 25;

/** Whether a value may be quoted in a message (see above). */
export function isSafeToShow(value: string): boolean {
  return value.length <= MAX_SHOWN && (DATE_LIKE.test(value) || CODE_LIKE.test(value));
}

/**
 * `"31/02/2022"` when the value is safe to show, otherwise its shape in brackets, e.g.
 * `[37 characters: letters and spaces]`. `personal` columns (a date of birth) are never shown.
 */
export function describeValue(value: string, options: { personal?: boolean } = {}): string {
  if (!options.personal && isSafeToShow(value)) return JSON.stringify(value);
  return `[${shapeOf(value)}]`;
}

/** Length and kinds of character, never the characters themselves. */
export function shapeOf(value: string): string {
  const length = [...value].length;
  const kinds: string[] = [];
  if (/\p{L}/u.test(value)) kinds.push('letters');
  if (/\d/.test(value)) kinds.push('digits');
  if (/\s/.test(value)) kinds.push('spaces');
  if (/[^\p{L}\d\s]/u.test(value)) kinds.push('other characters');
  const formula = /^[=+\-@]/.test(value) && !DATE_LIKE.test(value) ? ', starting like a spreadsheet formula' : '';
  return `${length} ${length === 1 ? 'character' : 'characters'}: ${listKinds(kinds)}${formula}`;
}

function listKinds(kinds: readonly string[]): string {
  if (kinds.length <= 1) return kinds[0] ?? 'nothing visible';
  return `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}`;
}
