/** Just enough Markdown reading for the tests that keep docs/*.md true to the code. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function readDoc(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../docs/${name}`, import.meta.url)), 'utf8');
}

export interface MarkdownTable {
  header: string[];
  rows: string[][];
}

/** Cells of a `| a | b |` line; `\|` stays inside a cell. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

const SEPARATOR = /^\|(\s*:?-+:?\s*\|)+\s*$/;

/** Every pipe table in the text, in order. */
export function tables(text: string): MarkdownTable[] {
  const lines = text.split('\n');
  const found: MarkdownTable[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i].trim().startsWith('|') || !SEPARATOR.test(lines[i + 1].trim())) continue;
    const table: MarkdownTable = { header: cells(lines[i]), rows: [] };
    for (i += 2; i < lines.length && lines[i].trim().startsWith('|'); i++) table.rows.push(cells(lines[i]));
    found.push(table);
  }
  return found;
}

/** The one table whose header row is exactly `header`. */
export function tableWithHeader(text: string, header: readonly string[]): MarkdownTable {
  const matching = tables(text).filter((t) => t.header.join('|') === header.join('|'));
  if (matching.length !== 1) {
    throw new Error(`expected one table with header | ${header.join(' | ')} |, found ${matching.length}`);
  }
  return matching[0];
}

/** Level-`level` sections by heading text (without the #s); each body runs to the next heading of that level or higher. */
export function sections(text: string, level: number): Map<string, string> {
  const found = new Map<string, string>();
  let heading: string | null = null;
  let body: string[] = [];
  const flush = () => {
    if (heading !== null) found.set(heading, body.join('\n'));
  };
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.trimStart().startsWith('```')) fenced = !fenced;
    const match = fenced ? null : /^(#+)\s+(.*)$/.exec(line);
    if (match && match[1].length <= level) {
      flush();
      heading = match[1].length === level ? match[2].trim() : null;
      body = [];
    } else if (heading !== null) {
      body.push(line);
    }
  }
  flush();
  return found;
}

/** `name` → name; null when the cell is not one inline-code span. */
export function codeSpan(cell: string): string | null {
  const match = /^`([^`]+)`$/.exec(cell.trim());
  return match ? match[1] : null;
}

/** Every inline-code span in a cell: "`U1`, `U2`" → ["U1", "U2"]. */
export function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}
