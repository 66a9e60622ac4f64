import { parse } from 'csv-parse/sync';
import { parseCalendarDate, type IsoDate } from '../../../core/src/index';
import { generateDemoExtract, type DemoOptions } from '../../src/demo/index';

export type Row = Record<string, string>;

export interface ParsedExtract {
  text: Map<string, string>;
  header: Map<string, string[]>;
  rows: Map<string, Row[]>;
}

export function parseFiles(text: Map<string, string>): ParsedExtract {
  const header = new Map<string, string[]>();
  const rows = new Map<string, Row[]>();
  for (const [file, csv] of text) {
    const all = parse(csv) as string[][];
    header.set(file, all[0]);
    rows.set(file, all.slice(1).map((cells) => Object.fromEntries(all[0].map((h, i) => [h, cells[i]]))));
  }
  return { text, header, rows };
}

const cache = new Map<string, ParsedExtract>();

/** Generated once per option set for the whole test run. */
export function extract(options: DemoOptions): ParsedExtract {
  const key = JSON.stringify(options);
  let parsed = cache.get(key);
  if (!parsed) {
    parsed = parseFiles(generateDemoExtract(options));
    cache.set(key, parsed);
  }
  return parsed;
}

export function rowsOf(parsed: ParsedExtract, file: string): Row[] {
  const rows = parsed.rows.get(file);
  if (!rows) throw new Error(`no ${file}`);
  return rows;
}

/** A date cell as ISO; throws (failing the test) when it is not a real calendar date. */
export function day(text: string): IsoDate {
  const date = parseCalendarDate(text);
  if (date === null) throw new Error(`not a calendar date: "${text}"`);
  return date;
}

export const AS_AT = '2024-06-30' as IsoDate;
export const OPTIONS_400: DemoOptions = { children: 400, seed: 1, asAt: AS_AT };
export const OPTIONS_2000: DemoOptions = { children: 2000, seed: 5, asAt: AS_AT };
