/**
 * How a message shows a value from a source file. A name, a social worker or a free-text
 * reason can land in any column of a real export (a swapped column), and messages are kept
 * for ever (data_quality_issue, refresh_log) and printed (explain, status, logs). So a value
 * is shown only when it cannot be personal text: a date-like token of digits and separators,
 * or a short code or identifier with a digit in it (E4A, PR9, W1234), and never when it has the
 * shape of a phone number, NI number or postcode. Anything else is described by its shape:
 * `[37 characters: letters and spaces]`. Every message that mentions a value from a file goes
 * through `describeValue` (IDs through `describeId`).
 */

/** Digits with separators between them: 31/02/2022, 2022-13-01, 44712, -5, 12.5, 2022-01-14 09:05. */
const DATE_LIKE = /^[-+]?\d+(?:[-/.:, T]\d+)*$/;
/** A code or identifier: no spaces, at least one digit (names have none): E4A, PR9, K3, WF-000123. */
const CODE_LIKE = /^(?=[^\d]*\d)[A-Za-z0-9][A-Za-z0-9_\-/.]*$/;
/** A calendar date written without spaces (a date of birth in an ID column is still a date of birth). */
const CALENDAR_DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;
const MAX_SHOWN = 25;
/** The longest person or workflow ID (the NVARCHAR(50) of the ID columns). */
const MAX_ID = 50;

/**
 * Shapes that are personal in any column, though they look like dates or codes: a phone number
 * (`07700 900123`, `+44 20 7946 0958`, `0161-496-0000`: a leading 0 or +, 10 to 15 digits), a
 * National Insurance number (`QQ 12 34 56 C`) and a postcode (`DE1 3AA`, `SW1A1AA`).
 */
const PHONE = /^(?:\+|\(?0)[\d\s\-.()]+$/;
const NI_NUMBER = /^[A-Za-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d]$/;
const POSTCODE = /^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/;

function isPersonalShape(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return (PHONE.test(value) && digits >= 10 && digits <= 15) || NI_NUMBER.test(value) || POSTCODE.test(value);
}

/** Whether a value may be quoted in a message (see above; never a phone number, NI number or postcode). */
export function isSafeToShow(value: string): boolean {
  return value.length <= MAX_SHOWN && (DATE_LIKE.test(value) || CODE_LIKE.test(value)) && !isPersonalShape(value);
}

/**
 * Whether a value from an ID column (person_id, CHILD, workflow_id) is an identifier as exports
 * write them (100001, A123456, WF-000123): letters, digits and `-_/.` with at least one digit, no
 * spaces, never a date, phone number, NI number or postcode. Anything else is more likely a name
 * or other personal text from a swapped column, and is described by its shape, never copied.
 */
export function isIdShaped(value: string): boolean {
  return value.length <= MAX_ID && CODE_LIKE.test(value) && !CALENDAR_DATE.test(value) && !isPersonalShape(value);
}

/**
 * What a data-quality issue records of the person ID of its row: the ID when ID-shaped; else no
 * person ID, and a note for the message saying what the column held instead (its shape).
 */
export function issuePersonId(value: string | null): { personId: string | null; note: string } {
  const text = value?.trim() ?? '';
  if (text === '') return { personId: null, note: '' };
  if (isIdShaped(text)) return { personId: text, note: '' };
  return { personId: null, note: ` (the person ID column holds [${shapeOf(text)}], not an ID: not copied)` };
}

/** An ID for a message or explanation: as it is when ID-shaped, else its shape in brackets. */
export function describeId(value: string): string {
  const text = value.trim();
  return isIdShaped(text) ? text : `[${shapeOf(text)}]`;
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
