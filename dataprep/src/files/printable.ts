/**
 * Folder and file names come from whoever filled the extract share: a name can hold an escape
 * sequence that recolours, rewrites or hides a terminal's text, a newline that forges a second
 * message, or a bidirectional override that shows the name reversed. Such characters are shown
 * escaped (`\x1b`, `\n`, `\u202e`), never sent to a terminal or written into a message.
 */

/** C0 controls, DEL, C1 controls, bidirectional marks, embeddings, overrides and isolates, line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, bar the tab, newline and CRLF that lay out a whole output (tables, lines, CSV records). */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escaped(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** A name (folder, file, path) for a message: every control character shown escaped. */
export function printable(name: string): string {
  return name.replace(CONTROL, escaped);
}

/** Whole output for a terminal or log: its own newlines, CRLFs and tabs kept, any other control character escaped. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL_IN_TEXT, escaped);
}
