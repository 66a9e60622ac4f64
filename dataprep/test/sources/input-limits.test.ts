/**
 * Only regular files are read, within limits: FIFOs and devices refused before they are
 * opened, PPOC_MAX_FILE_MB, and workbooks bounded by rows and by their real unpacked size.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_INPUT } from '../../../fixtures/paths';
import { ExtractError } from '../../src/model/data-quality';
import { DEFAULT_READ_LIMITS, readExtract } from '../../src/sources/index';
import { ZipParts } from '../../src/sources/xlsx/zip-parts';
import { workbookParts, zipOf, type ZipPart } from '../helpers/xlsx-zip';
import { HEADERS, removeExtracts, writeExtract } from './extract-fixture';

const MB = 1024 * 1024;

async function failure(dir: string, limits = DEFAULT_READ_LIMITS): Promise<ExtractError> {
  try {
    await readExtract(dir, limits);
  } catch (error) {
    assert.ok(error instanceof ExtractError, String(error));
    return error;
  }
  assert.fail('readExtract should have thrown');
}

/** A valid predictions workbook whose shared strings inflate to `size` bytes (one long note cell). */
function bigWorkbook(size: number): ZipPart[] {
  const header = ['person_id', 'assessment_type', 'predicted_start_date', 'submitted_at', 'notes'];
  const cells = header.map((_, i) => `<c r="${'ABCDE'[i]}1" t="s"><v>${i}</v></c>`).join('');
  return workbookParts({
    rows: `<row r="1">${cells}</row><row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>5</v></c><c r="C2" t="s"><v>6</v></c><c r="D2" t="s"><v>6</v></c></row>`,
    sharedStrings: [...header, 'SGO', '01/06/2022', 'x'.repeat(size)],
  });
}

/** Opens a workbook's zip as the reader does, reads every part it lists, and says how far it got. */
async function inflate(bytes: Buffer, budget: number, parts: string[]): Promise<{ error: string | null; inflated: number }> {
  const path = join(writeExtract(), 'book.xlsx');
  writeFileSync(path, bytes);
  const zip = await ZipParts.open(openSync(path, 'r'), budget);
  try {
    for (const part of parts) await zip.read(part, () => undefined);
    return { error: null, inflated: zip.inflatedBytes };
  } catch (error) {
    return { error: (error as Error).constructor.name, inflated: zip.inflatedBytes };
  } finally {
    zip.close();
  }
}

describe('readExtract: regular files only, within limits', () => {
  after(removeExtracts);

  it('refuses a FIFO at once, without opening it', async () => {
    const dir = writeExtract({ 'episodes.csv': null });
    assert.equal(spawnSync('mkfifo', [join(dir, 'episodes.csv')]).status, 0);
    const error = await failure(dir);
    assert.equal(error.message, 'episodes.csv: not a regular file (a named pipe); the extract folder must hold ordinary files');
  });

  it('follows symlinks: a link to /dev/zero is a device, a link to a regular file is read', async () => {
    const dir = writeExtract({ 'predictions.csv': null });
    symlinkSync('/dev/zero', join(dir, 'predictions.csv'));
    assert.match((await failure(dir)).message, /^predictions\.csv: not a regular file \(a device\)/);
    const linked = writeExtract();
    const real = join(linked, 'allocations-real.csv');
    copyFileSync(join(linked, 'allocations.csv'), real);
    rmSync(join(linked, 'allocations.csv'));
    symlinkSync(real, join(linked, 'allocations.csv'));
    assert.equal((await readExtract(linked)).data.allocations.length, 1);
  });

  it('refuses a file over the size limit, giving both sizes', async () => {
    const dir = writeExtract({ 'allocations.csv': `person_id,child_name,social_worker,team\n1,${'x'.repeat(2 * MB)},SW,T\n` });
    const error = await failure(dir, { ...DEFAULT_READ_LIMITS, maxFileBytes: 1 * MB });
    assert.equal(error.message, 'allocations.csv: the file is 2 MB, over the limit of 1 MB (PPOC_MAX_FILE_MB)');
  });

  it('bounds a workbook by what its parts really inflate to, whatever the zip directory says', async () => {
    const strings = (parts: ZipPart[], change: Partial<ZipPart>) => parts.map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, ...change } : p));
    const honest = zipOf(bigWorkbook(5 * MB));
    assert.ok(honest.length < 40_000, `${honest.length} bytes packed`);
    const dir = writeExtract({ 'predictions.csv': null, 'predictions.xlsx': honest });
    assert.equal((await failure(dir, { ...DEFAULT_READ_LIMITS, maxFileBytes: 1 * MB })).message,
      'predictions.xlsx: the workbook unpacks to more than 1 MB (PPOC_MAX_FILE_MB)');
    assert.equal((await readExtract(dir, { ...DEFAULT_READ_LIMITS, maxFileBytes: 6 * MB })).data.predictions.length, 1);

    // The directory under-states the shared strings, or leaves them out: stopped, never inflated in full.
    for (const change of [{ declaredSize: 100 }, { listed: false }]) {
      const lying = writeExtract({ 'predictions.csv': null, 'predictions.xlsx': zipOf(strings(bigWorkbook(5 * MB), change)) });
      assert.equal((await failure(lying, { ...DEFAULT_READ_LIMITS, maxFileBytes: 6 * MB })).message,
        'predictions.xlsx: the file is not a readable Excel workbook (.xlsx)', JSON.stringify(change));
    }
    const underStated = await inflate(zipOf(strings(bigWorkbook(5 * MB), { declaredSize: 100 })), 6 * MB, ['xl/sharedStrings.xml']);
    assert.equal(underStated.error, 'NotAWorkbookError');
    assert.ok(underStated.inflated < 100_000, `${underStated.inflated} bytes inflated`);
    const lyingOverBudget = await inflate(zipOf(strings(bigWorkbook(5 * MB), { declaredSize: 100 })), 1000, ['xl/sharedStrings.xml']);
    assert.ok(lyingOverBudget.error !== null && lyingOverBudget.inflated <= 1000, JSON.stringify(lyingOverBudget));
    const declaredTooLarge = await inflate(honest, 1 * MB, ['xl/workbook.xml', 'xl/sharedStrings.xml']);
    assert.equal(declaredTooLarge.error, 'UnpackedTooLargeError');
    assert.ok(declaredTooLarge.inflated < 1000, 'refused on the directory\'s word, before inflating');
  });

  it('never inflates a part nothing refers to, however large', async () => {
    const junk: ZipPart = { name: 'xl/media/junk.xml', data: 'x'.repeat(5 * MB), listed: false };
    const dir = writeExtract({ 'predictions.csv': null, 'predictions.xlsx': zipOf([...bigWorkbook(10), junk]) });
    assert.equal((await readExtract(dir, { ...DEFAULT_READ_LIMITS, maxFileBytes: 1 * MB })).data.predictions.length, 1);
  });

  it('refuses a CSV header wider than PPOC_MAX_COLUMNS on either reading path, with the count, line and setting', async () => {
    const wide = (columns: number, quoted: boolean) => {
      const extra = Array.from({ length: columns - 13 }, (_, i) => (quoted && i === 0 ? '"extra, quoted"' : `c${i}`));
      return `\n\n${HEADERS.episodes},${extra.join(',')}\n000123,01/06/2020,S,C2,N1,U1,PR1,,,,,,${','.repeat(columns - 13)}\n`;
    };
    // A million columns (8.7 MB) on the fast path; a quoted comma in the header sends it to csv-parse.
    for (const [columns, quoted] of [[1_000_000, false], [250, true]] as const) {
      const error = await failure(writeExtract({ 'episodes.csv': wide(columns, quoted) }));
      assert.equal(error.message, `episodes.csv: the header at line 3 has ${columns.toLocaleString('en-GB')} columns, over the limit of 200 (PPOC_MAX_COLUMNS)`);
      assert.equal(error.line, 3);
    }
    const atLimit = writeExtract({ 'episodes.csv': wide(200, false) });
    assert.equal((await readExtract(atLimit)).data.episodes.length, 1, 'a header of exactly 200 columns is read');
  });

  it('stops reading a workbook at the row limit', async () => {
    const dir = writeExtract({ 'predictions.csv': null });
    copyFileSync(join(BAD_INPUT, 'predictions-xlsx-valid', 'predictions.xlsx'), join(dir, 'predictions.xlsx'));
    assert.equal((await readExtract(dir, { ...DEFAULT_READ_LIMITS, maxXlsxRows: 10 })).data.predictions.length, 9);
    const error = await failure(dir, { ...DEFAULT_READ_LIMITS, maxXlsxRows: 9 });
    assert.deepEqual([error.message, error.line], ['predictions.xlsx: the workbook has more than 9 rows (PPOC_MAX_XLSX_ROWS)', 10]);
  });
});
