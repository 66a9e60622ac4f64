/**
 * Issue 18: a workbook is read the same way every time. exceljs's streaming reader failed about
 * once in 150 reads of one valid workbook in one process ("Cannot read properties of undefined
 * (reading 'sheets')"): the sheet was parsed before the workbook's parts were resolved. Every
 * workbook of the bad-input corpus, and the valid one in Excel's own part order, is read 2,000
 * times in a row in this process; each read must give the first read's outcome (the same rows,
 * or the same message). PPOC_XLSX_READS changes the count for a longer soak.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_INPUT } from '../../../fixtures/paths';
import { ExtractError } from '../../src/model/data-quality';
import type { RowVisitor } from '../../src/sources/raw-table';
import { DEFAULT_READ_LIMITS } from '../../src/sources/source-file';
import { readXlsx } from '../../src/sources/xlsx-table';
import { readExpected } from '../bad-input/expected';
import { inExcelOrder } from '../helpers/xlsx-zip';
import { removeExtracts, writeExtract } from './extract-fixture';

const READS = Number(process.env.PPOC_XLSX_READS ?? 2000);
const VALID = join(BAD_INPUT, 'predictions-xlsx-valid', 'predictions.xlsx');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Files this process has open (Linux), or null where that cannot be seen. */
const openFiles = (): number | null => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : null);

/** What one read gave: a digest of the header and rows, or the message it failed with. */
async function outcomeOf(path: string): Promise<string> {
  const hash = createHash('sha256');
  // Typed, so a misnamed method is an error rather than never called (it was `warn`, and the
  // stray-cell warnings were left out of the digest).
  const visitor: RowVisitor = {
    header: (names, line) => void hash.update(JSON.stringify([line, names])),
    row: (line, cells) => void hash.update(JSON.stringify([line, cells])),
    warning: (line, _cells, fault) => void hash.update(JSON.stringify([line, fault])),
  };
  try {
    await readXlsx(path, 'predictions.xlsx', visitor, DEFAULT_READ_LIMITS);
    return `read ${hash.digest('hex')}`;
  } catch (error) {
    if (error instanceof ExtractError) return `failed: ${error.message}`;
    return `threw: ${(error as Error).stack}`;
  }
}

const corpus = readdirSync(BAD_INPUT)
  .map((name) => join(BAD_INPUT, name, 'predictions.xlsx'))
  .filter((path) => existsSync(path))
  .sort();

describe(`workbooks: ${READS} consecutive reads of each give one outcome`, function () {
  this.timeout(0); // a soak: its length is the count, never an assertion on time
  after(removeExtracts);

  it('finds the corpus workbooks', () => assert.ok(corpus.length >= 7, corpus.join(', ')));

  /** What a read of each workbook must give: the corpus case's own failure, or rows. */
  const expectedOf = (folder: string): RegExp => {
    const message = readExpected(join(BAD_INPUT, folder)).message ?? '';
    return message.includes('not a readable Excel workbook') ? new RegExp(`^failed: ${escape(message)}`) : /^read /;
  };
  const cases: [string, () => Promise<string>, RegExp][] = [
    ...corpus.map((path): [string, () => Promise<string>, RegExp] => {
      const folder = path.slice(BAD_INPUT.length + 1, -'/predictions.xlsx'.length);
      return [folder, async () => path, expectedOf(folder)];
    }),
    ['predictions-xlsx-valid in Excel\'s own part order', async () => {
      const path = join(writeExtract(), 'predictions.xlsx');
      writeFileSync(path, await inExcelOrder(readFileSync(VALID)));
      return path;
    }, /^read /],
  ];
  for (const [name, pathOf, expected] of cases) {
    it(name, async () => {
      const path = await pathOf();
      const first = await outcomeOf(path);
      assert.match(first, expected);
      const fds = openFiles();
      const different = new Map<string, number>();
      for (let i = 1; i < READS; i++) {
        const outcome = await outcomeOf(path);
        if (outcome !== first) different.set(outcome, (different.get(outcome) ?? 0) + 1);
      }
      assert.deepEqual([...different], [], `first read: ${first}`);
      // Every read closes its file (a few closes may still be on their way: never one per read).
      if (fds !== null) assert.ok((openFiles() ?? 0) <= fds + 4, `${openFiles()} files open, ${fds} before the reads`);
    });
  }

  it('reads the same rows from a workbook in either part order', async () => {
    const path = join(writeExtract(), 'predictions.xlsx');
    writeFileSync(path, await inExcelOrder(readFileSync(VALID)));
    assert.equal(await outcomeOf(path), await outcomeOf(VALID));
  });
});
