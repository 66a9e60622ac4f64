/**
 * The CSV reader's fast path (sources/csv-fast.ts) and csv-parse read every text alike: the
 * same header, the same rows with the same lines, or the same error (message, line, column).
 * Property test over texts built to hit the edges (quotes in and around values, quoted line
 * ends, CR, LF and CRLF, empty and blank lines, a BOM, rows of the wrong width, non-ASCII).
 * Seeded; PPOC_FC_SEED replays a failure.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ExtractError } from '../../src/model/data-quality';
import { visitCsv } from '../../src/sources/csv-table';
import { DEFAULT_READ_LIMITS } from '../../src/sources/source-file';
import type { RawCell, RowVisitor } from '../../src/sources/raw-table';

type Outcome = { calls: unknown[] } | { error: { message: string; line: number | null; column: string | null } };

/** What a reader hands on (copies: the reader lends its arrays), or the file-level error it throws. */
function outcome(bytes: Buffer, fastPath: boolean): Outcome {
  const calls: unknown[] = [];
  const visitor: RowVisitor = {
    header: (names: readonly string[], line: number) => calls.push(['header', line, [...names]]),
    row: (line: number, cells: readonly RawCell[]) => calls.push(['row', line, [...cells]]),
  };
  try {
    visitCsv(bytes, 'episodes.csv', visitor, DEFAULT_READ_LIMITS, fastPath);
    return { calls };
  } catch (error) {
    if (!(error instanceof ExtractError)) throw error;
    return { error: { message: error.message, line: error.line, column: error.column } };
  }
}

const field = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', 'a', 'abc', ' x ', '2022-05-31', 'Zoë', '😀', '1,2') },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\n', '\r', 'é'), maxLength: 6 }) },
);
/** A value written as exports write it, or with the mistakes people make. */
const written = fc.tuple(field, fc.constantFrom('plain', 'quoted', 'quoted', 'broken-open', 'trailing-text')).map(([value, how]) => {
  const quoted = `"${value.replaceAll('"', '""')}"`;
  if (how === 'quoted') return quoted;
  if (how === 'broken-open') return `"${value}`;
  if (how === 'trailing-text') return `${quoted}x`;
  return value;
});
const lineEnd = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\n\r\n');
const csvText = fc
  .record({
    width: fc.integer({ min: 1, max: 4 }),
    rows: fc.array(fc.tuple(fc.array(written, { minLength: 1, maxLength: 5 }), lineEnd), { maxLength: 12 }),
    bom: fc.boolean(),
    finalEnd: fc.boolean(),
  })
  .map(({ width, rows, bom, finalEnd }) => {
    const header = Array.from({ length: width }, (_, i) => `C${i}`).join(',');
    const body = rows.map(([cells, end], i) => `${cells.join(',')}${i < rows.length - 1 || finalEnd ? end : ''}`).join('');
    return `${bom ? '\uFEFF' : ''}${header}\n${body}`;
  });

describe('sources: the CSV fast path reads as csv-parse does', () => {
  it('the same header, rows, lines and errors on generated texts (fast-check)', () => {
    const seed = process.env.PPOC_FC_SEED ? Number(process.env.PPOC_FC_SEED) : Date.now() % 2 ** 31;
    fc.assert(
      fc.property(csvText, (text) => {
        const bytes = Buffer.from(text, 'utf8');
        assert.deepEqual(outcome(bytes, true), outcome(bytes, false), JSON.stringify(text));
      }),
      { seed, numRuns: 600 },
    );
  });

  it('and on the cases that decide a path: plain rows, quoted line ends, a chunk boundary, a wrong width', () => {
    const many = Array.from({ length: 1100 }, (_, i) => `${i},"v${i}"`).join('\r\n');
    for (const text of [
      'A,B\n1,2\n\n3,4\n',
      'A,B\r\n"x\r\ny",2\r\n3,"4 ""q"""\r\n',
      `A,B\n${many}`,
      `A,B\n${many}\n1,2,3\n`,
      'A,B\n1,2\n3\n4,5\n',
      'A,B\n1,"2\n',
      '\n\nA\n\n',
      '',
    ]) {
      const bytes = Buffer.from(text, 'utf8');
      assert.deepEqual(outcome(bytes, true), outcome(bytes, false), JSON.stringify(text.slice(0, 60)));
    }
    assert.ok('calls' in outcome(Buffer.from(`A,B\n${many}`), true), 'the long file is read, not refused');
  });
});
