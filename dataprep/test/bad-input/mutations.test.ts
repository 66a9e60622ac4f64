/**
 * Property: whatever happens to a valid extract (lines lost or doubled, files cut short,
 * stray quotes and separators, random bytes, swapped headers, headers widened past
 * PPOC_MAX_COLUMNS, files emptied or gone), a run
 * prints no stack trace, exits 0, 1, 2 or 3, and a failed run leaves yesterday's tables
 * exactly as they were. Seeded; a failure prints the seed and the shrunk counterexample
 * (re-run with PPOC_FC_SEED=<seed>).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_INPUT } from '../../../fixtures/paths';
import { EXAMPLE_EXTRACT, query, snapshotCurated, tempDir } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { CANARY } from './corpus-cases';
import { columnName } from '../../src/sources/xlsx/sheet-rows';
import { partsOf, zipOf, type ZipPart } from '../helpers/xlsx-zip';

const AS_AT = '2022-05-31';
/** PPOC_FC_RUNS=2000 for a longer soak. */
const RUNS = Number(process.env.PPOC_FC_RUNS ?? 40);
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
const FILES = readdirSync(EXAMPLE_EXTRACT).filter((f) => f.endsWith('.csv')).sort();
const EXAMPLE = new Map(FILES.map((f) => [f, readFileSync(join(EXAMPLE_EXTRACT, f))]));

type Extract = Map<string, Buffer>;
type Mutation = (extract: Extract) => void;

/** Text that breaks CSV in interesting ways. */
const nasty = fc.oneof(
  fc.constantFrom('"', '""', ',', ';', '\n', '\r', '\r\n', '\t', '\uFEFF', '\u0000', '=1+1', '@SUM(A1)', 'é', '😀', '31/02/2022', '-1', ' '),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** The columns of a CSV file's header (its first non-empty record; quoted commas are not separators). */
function headerWidth(bytes: Buffer): number {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = bytes.subarray(bom).toString('latin1').replace(/^[\r\n]+/, '');
  let fields = 1;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') fields++;
    else if (!quoted && (char === '\n' || char === '\r')) break;
  }
  return fields;
}

function lines(bytes: Buffer): string[] {
  return bytes.toString('latin1').split('\n');
}
const join_ = (parts: string[]): Buffer => Buffer.from(parts.join('\n'), 'latin1');

const onFile = (file: string, change: (bytes: Buffer) => Buffer | null): Mutation => (extract) => {
  const bytes = extract.get(file);
  if (!bytes) return;
  const changed = change(bytes);
  if (changed === null) extract.delete(file);
  else extract.set(file, changed);
};

/** A valid predictions workbook, damaged: cut short or overwritten in places. */
const WORKBOOK = readFileSync(join(BAD_INPUT, 'predictions-xlsx-valid', 'predictions.xlsx'));
const asWorkbook = (damage: (bytes: Buffer) => Buffer): Mutation => (extract) => {
  extract.delete('predictions.csv');
  extract.set('predictions.xlsx', damage(Buffer.from(WORKBOOK)));
};

/**
 * Stray cells as Excel users leave them, far outside the header's columns (beyond GR, the last
 * column a header may use, up to XFD): a value or only a style, in the header row, beside the
 * data or far below it, with a `dimension` that claims the whole sheet.
 */
interface Stray {
  row: number;
  column: number;
  value: string | number | null;
}
const strayCells: fc.Arbitrary<Stray[]> = fc.array(fc.record({
  row: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 1_048_576 })),
  column: fc.oneof(fc.constant(16_384), fc.integer({ min: 201, max: 16_384 })),
  value: fc.oneof(fc.constantFrom('x', 'Notes', CANARY, '#N/A', null), fc.integer()),
}), { minLength: 1, maxLength: 6 });

const SHEET = 'xl/worksheets/sheet1.xml';
/** The valid workbook's parts, taken apart once (before the properties run). */
let workbookParts: ZipPart[] = [];

/** The sheet XML with the strays added: at the end of their row, or as rows of their own after the last. */
function withStrays(sheet: string, strays: readonly Stray[]): string {
  const cell = ({ row, column, value }: Stray) => {
    const ref = `${columnName(column)}${row}`;
    if (value === null) return `<c r="${ref}" s="0"/>`;
    return typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
  };
  const byRow = new Map<number, Stray[]>();
  for (const stray of strays) byRow.set(stray.row, [...(byRow.get(stray.row) ?? []), stray]);
  const cells = (row: number) => (byRow.get(row) ?? []).sort((a, b) => a.column - b.column).map(cell).join('');
  let xml = sheet.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>');
  xml = xml.replace(/<row r="(\d+)"([^>]*)>(.*?)<\/row>/g, (whole, r: string, attributes: string, content: string) => {
    const extra = cells(Number(r));
    byRow.delete(Number(r));
    return extra ? `<row r="${r}"${attributes}>${content}${extra}</row>` : whole;
  });
  const later = [...byRow.keys()].sort((a, b) => a - b).map((row) => `<row r="${row}">${cells(row)}</row>`).join('');
  return xml.replace('</sheetData>', `${later}</sheetData>`);
}

const withStrayCells = (strays: readonly Stray[]): Mutation => (extract) => {
  extract.delete('predictions.csv');
  extract.set('predictions.xlsx', zipOf(workbookParts.map((part) => (part.name === SHEET ? { ...part, data: withStrays(String(part.data), strays) } : part))));
};

const workbookMutation: fc.Arbitrary<Mutation> = fc.oneof(
  strayCells.map(withStrayCells),
  fc.nat().map((at) => asWorkbook((b) => b.subarray(0, at % (b.length + 1)))),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, random]) => asWorkbook((b) => {
    b.set(random.subarray(0, Math.max(0, b.length - (at % b.length))), at % b.length);
    return b;
  })),
  fc.uint8Array({ maxLength: 200 }).map((random) => asWorkbook(() => Buffer.from(random))),
);

const csvMutation: fc.Arbitrary<Mutation> = fc.constantFrom(...FILES).chain((file) =>
  fc.oneof(
    fc.nat().map((at) => onFile(file, (b) => { const l = lines(b); l.splice(at % l.length, 1); return join_(l); })),
    fc.nat().map((at) => onFile(file, (b) => { const l = lines(b); const i = at % l.length; l.splice(i, 0, l[i]); return join_(l); })),
    fc.nat().map((at) => onFile(file, (b) => b.subarray(0, at % (b.length + 1)))),
    fc.tuple(fc.nat(), nasty).map(([at, text]) => onFile(file, (b) => {
      const i = at % (b.length + 1);
      return Buffer.concat([b.subarray(0, i), Buffer.from(text, 'utf8'), b.subarray(i)]);
    })),
    fc.tuple(fc.nat(), fc.nat(), nasty).map(([row, cell, text]) => onFile(file, (b) => {
      const l = lines(b);
      const r = row % l.length;
      const cells = l[r].split(',');
      cells[cell % cells.length] = Buffer.from(text, 'utf8').toString('latin1');
      l[r] = cells.join(',');
      return join_(l);
    })),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => onFile(file, (bytes) => {
      const l = lines(bytes);
      const names = l[0].split(',');
      const i = a % names.length;
      const j = b % names.length;
      [names[i], names[j]] = [names[j], names[i]];
      l[0] = names.join(',');
      return join_(l);
    })),
    fc.uint8Array({ maxLength: 200 }).map((random) => onFile(file, () => Buffer.from(random))),
    fc.constant(onFile(file, () => Buffer.alloc(0))),
    fc.constant(onFile(file, () => null)),
  ),
);

/** Columns added to a header (named or blank), straddling PPOC_MAX_COLUMNS; the rows padded to match, or not. */
const wideHeaderMutation: fc.Arbitrary<Mutation> = fc.tuple(
  fc.constantFrom(...FILES), fc.integer({ min: 1, max: 400 }), fc.boolean(), fc.boolean(),
).map(([file, extra, named, padRows]) => onFile(file, (bytes) => {
  const widen = (line: string, cells: string) => line.replace(/(\r?)$/, `${cells}$1`);
  const l = lines(bytes);
  l[0] = widen(l[0], Array.from({ length: extra }, (_, i) => `,${named ? `extra${i}` : ''}`).join(''));
  if (padRows) for (let i = 1; i < l.length; i++) if (l[i].trim() !== '') l[i] = widen(l[i], ','.repeat(extra));
  return join_(l);
}));

const mutation = fc.oneof({ weight: 6, arbitrary: csvMutation }, { weight: 1, arbitrary: workbookMutation }, { weight: 1, arbitrary: wideHeaderMutation });
/** PPOC_MAX_COLUMNS for a case: the default (200), or one the example's own headers (13 at most) come near. */
const maxColumns = fc.constantFrom<string | undefined>(undefined, '13', '20');

describe('property: mutated extracts never crash the run or touch yesterday\'s tables', function () {
  this.timeout(120_000);
  before(async () => {
    workbookParts = await partsOf(WORKBOOK);
  });

  /** The run of one mutated extract, into a copy of `template`. */
  async function runMutated(root: string, template: string, name: string, mutations: readonly Mutation[], env: Record<string, string> = {}) {
    const dir = join(root, name);
    mkdirSync(dir);
    const extract: Extract = new Map(EXAMPLE);
    for (const mutate of mutations) mutate(extract);
    for (const [file, bytes] of extract) writeFileSync(join(dir, file), bytes);
    const db = join(dir, 'ppoc.sqlite');
    copyFileSync(template, db);
    const result = await runInProcess(['run', '--source', dir, '--as-at', AS_AT, '--sqlite', db], env);
    return { db, extract, result, output: `${result.stdout}\n${result.stderr}` };
  }

  it(`${RUNS} random mutations of the example extract (fast-check)`, async () => {
    const root = tempDir('mutations');
    const template = join(root, 'template.sqlite');
    const first = await runInProcess(['run', '--source', EXAMPLE_EXTRACT, '--as-at', AS_AT, '--sqlite', template]);
    assert.equal(first.code, 0, first.stderr);
    const yesterday = snapshotCurated(template);
    const seed = process.env.PPOC_FC_SEED ? Number(process.env.PPOC_FC_SEED) : Date.now() % 2 ** 31;
    let attempt = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), maxColumns, async (mutations, columnLimit) => {
        const env: Record<string, string> = columnLimit === undefined ? {} : { PPOC_MAX_COLUMNS: columnLimit };
        const { db, extract, result, output } = await runMutated(root, template, `case-${attempt++}`, mutations, env);
        assert.doesNotMatch(output, STACK_FRAME, 'a stack trace was printed');
        assert.ok([0, 1, 2, 3].includes(result.code ?? -1), `exit ${result.code}: ${output}`);
        if (result.code !== 0) assert.deepEqual(snapshotCurated(db), yesterday, 'a failed run changed yesterday\'s tables');
        const limit = Number(columnLimit ?? 200);
        const wide = [...extract].filter(([file, bytes]) => file.endsWith('.csv') && headerWidth(bytes) > limit);
        if (wide.length > 0) assert.equal(result.code, 1, `${wide.map(([f]) => f).join(', ')} wider than ${limit} columns, yet: ${output}`);
        if (/columns, over the limit/.test(output)) assert.match(output, /the header at line \d+ has [\d,]+ columns, over the limit of \d+ \(PPOC_MAX_COLUMNS\)/);
      }),
      { numRuns: RUNS, seed },
    );
  });

  it(`${Math.ceil(RUNS / 2)} sets of stray workbook cells change no table and are each a warning naming the cell (fast-check)`, async () => {
    const root = tempDir('strays');
    const template = join(root, 'template.sqlite');
    const first = await runInProcess(['run', '--source', EXAMPLE_EXTRACT, '--as-at', AS_AT, '--sqlite', template]);
    assert.equal(first.code, 0, first.stderr);
    const clean = await runMutated(root, template, 'clean', [withStrayCells([])]);
    assert.equal(clean.result.code, 0, clean.output);
    const expected = snapshotCurated(clean.db);
    const seed = process.env.PPOC_FC_SEED ? Number(process.env.PPOC_FC_SEED) : Date.now() % 2 ** 31;
    let attempt = 0;
    await fc.assert(
      fc.asyncProperty(strayCells, async (strays) => {
        const { db, result, output } = await runMutated(root, template, `strays-${attempt++}`, [withStrayCells(strays)]);
        assert.equal(result.code, 0, output);
        assert.deepEqual(snapshotCurated(db), expected, 'a stray cell changed a table');
        const warned = query<{ line: number; column_name: string; message: string }>(db, "SELECT line, column_name, message FROM data_quality_issue WHERE rule = 'cell_outside_header'");
        const rowsWithValues = new Set(strays.filter((s) => s.value !== null).map((s) => s.row));
        assert.deepEqual(warned.map((w) => w.line).sort((a, b) => a - b), [...rowsWithValues].sort((a, b) => a - b));
        assert.ok(!`${output}${JSON.stringify(warned)}`.includes(CANARY), 'a stray value was copied');
      }),
      { numRuns: Math.ceil(RUNS / 2), seed },
    );
  });
});
