/**
 * Only regular files are read, within limits: FIFOs and devices refused before they are
 * opened, PPOC_MAX_FILE_MB, and workbooks bounded by rows and by their real unpacked size.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { BAD_INPUT } from '../../../fixtures/paths';
import { ExtractError } from '../../src/model/data-quality';
import { DEFAULT_READ_LIMITS, readExtract } from '../../src/sources/index';
import { unpackedSize } from '../../src/sources/xlsx-size';
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

/** A one-entry zip whose headers declare `declared` bytes but whose data inflates to `actual`. */
function lyingZip(actual: number, declared: number): Buffer {
  const name = Buffer.from('xl/sharedStrings.xml');
  const data = deflateRawSync(Buffer.alloc(actual, 0x41));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
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

  it('measures what a workbook really inflates to, whatever its headers declare', async () => {
    const bomb = join(writeExtract(), 'bomb.xlsx');
    writeFileSync(bomb, lyingZip(5 * MB, 100));
    const size = (await import('node:fs')).statSync(bomb).size;
    assert.ok(size < 20_000, `${size} bytes packed`);
    assert.equal(await unpackedSize(bomb, size, 1 * MB), 1 * MB + 1, 'stops counting past the bound');
    assert.equal(await unpackedSize(bomb, size, 10 * MB), 5 * MB);
    const dir = writeExtract({ 'predictions.csv': null, 'predictions.xlsx': lyingZip(5 * MB, 100) });
    const error = await failure(dir, { ...DEFAULT_READ_LIMITS, maxFileBytes: 1 * MB });
    assert.equal(error.message, 'predictions.xlsx: the workbook unpacks to more than 1 MB (PPOC_MAX_FILE_MB)');
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
