import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExtractError } from '../../src/model/data-quality';
import type { FileReadStats } from '../../src/model/source-records';
import { readFingerprinted, whileFingerprinted } from '../../src/sources/fingerprint';
import { DEFAULT_READ_LIMITS, readExtract } from '../../src/sources/index';
import { csv, HEADERS, removeExtracts, writeExtract } from './extract-fixture';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('source file fingerprints (source_file) and files that change while read', () => {
  after(removeExtracts);

  it('records size, modification time (UTC) and the SHA-256 of the bytes read, for every file read', async () => {
    const dir = writeExtract();
    utimesSync(join(dir, 'episodes.csv'), new Date('2026-11-30T05:00:00Z'), new Date('2026-11-30T05:00:00Z'));
    const { files } = await readExtract(dir);
    assert.deepEqual(files.map((f) => f.file), ['episodes.csv', 'allocations.csv', 'assessments.csv', 'predictions.csv']);
    for (const f of files) {
      const bytes = readFileSync(join(dir, f.file));
      assert.deepEqual(f.fingerprint, {
        sizeBytes: bytes.length, modifiedAtUtc: statSync(join(dir, f.file)).mtime.toISOString(), sha256: sha256(bytes),
      }, f.file);
    }
    assert.equal(files[0].fingerprint?.modifiedAtUtc, '2026-11-30T05:00:00.000Z');
  });

  it('fails a file that grows while it is read (an export still being written)', () => {
    const path = join(writeExtract(), 'episodes.csv');
    assert.throws(
      () => readFingerprinted(path, 'episodes.csv', (p) => {
        const bytes = readFileSync(p);
        appendFileSync(p, '9,01/01/2022,S,C2,N1,U1,PR1,,,,,,\n');
        return bytes;
      }),
      (e: ExtractError) => e instanceof ExtractError && e.sourceFile === 'episodes.csv' &&
        /^episodes\.csv: the file changed while it was being read \(size or modification time differ\)/.test(e.message),
    );
  });

  it('fails a file rewritten with the same size while it is read (the modification time moved)', () => {
    const path = join(writeExtract(), 'allocations.csv');
    utimesSync(path, new Date('2026-11-30T05:00:00Z'), new Date('2026-11-30T05:00:00Z'));
    assert.throws(
      () => readFingerprinted(path, 'allocations.csv', (p) => {
        const bytes = readFileSync(p);
        writeFileSync(p, Buffer.from(bytes.toString('utf8').toUpperCase()));
        return bytes;
      }),
      /allocations\.csv: the file changed while it was being read/,
    );
  });

  it('fails a workbook that changes while the reader has it open, and hashes it from a stream otherwise', async () => {
    const path = join(writeExtract(), 'predictions.csv');
    await assert.rejects(
      whileFingerprinted(path, 'predictions.xlsx', async () => appendFileSync(path, 'x')),
      /predictions\.xlsx: the file changed while it was being read/,
    );
    const { value, fingerprint } = await whileFingerprinted(path, 'predictions.xlsx', async () => 42);
    assert.equal(value, 42);
    assert.equal(fingerprint.sha256, sha256(readFileSync(path)));
  });

  it('hands over the files read before a file-level failure, the failing file with its counts', async () => {
    const bad = ['1,W1,SINGLE,,maybe', '2,W2,SINGLE,,maybe', '3,W3,SGO,,'];
    const files: FileReadStats[] = [];
    await assert.rejects(readExtract(writeExtract({ 'assessments.csv': csv(HEADERS.assessments, ...bad) }), DEFAULT_READ_LIMITS, files), ExtractError);
    assert.deepEqual(files.map((f) => [f.file, f.rowsRead, f.rowsRejected, typeof f.fingerprint?.sha256]), [
      ['episodes.csv', 1, 0, 'string'], ['allocations.csv', 1, 0, 'string'], ['assessments.csv', 3, 2, 'string'],
    ]);
  });
});
