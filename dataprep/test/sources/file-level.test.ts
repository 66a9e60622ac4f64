import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ExtractError } from '../../src/model/data-quality';
import { readExtract } from '../../src/sources/index';
import { countsOf, csv, HEADERS, removeExtracts, writeExtract } from './extract-fixture';

async function failure(dir: string): Promise<ExtractError> {
  try {
    await readExtract(dir);
  } catch (error) {
    assert.ok(error instanceof ExtractError, `expected an ExtractError, got ${String(error)}`);
    return error;
  }
  assert.fail('readExtract should have thrown');
}

/** A workflow row; `flag` 'maybe' makes it invalid (an unknown workflow type is only a warning). */
const assessment = (i: number, flag = '') => `${i},W${i},SINGLE,,${flag}`;

describe('readExtract: file-level failures', () => {
  after(removeExtracts);

  for (const file of ['episodes.csv', 'allocations.csv', 'assessments.csv']) {
    it(`fails when the required ${file} is missing`, async () => {
      const error = await failure(writeExtract({ [file]: null }));
      assert.equal(error.sourceFile, file);
      assert.match(error.message, new RegExp(`${file.replace('.', '\\.')}.*missing`));
    });
  }

  it('fails when neither predictions.csv nor predictions.xlsx is present', async () => {
    const error = await failure(writeExtract({ 'predictions.csv': null }));
    assert.match(error.message, /predictions\.csv \(or predictions\.xlsx\).*missing/);
  });

  it('fails when the folder does not exist', async () => {
    await assert.rejects(readExtract(join(writeExtract(), 'no-such-folder')), ExtractError);
  });

  it('fails when a required file is a folder, not a regular file', async () => {
    const dir = writeExtract({ 'allocations.csv': null });
    mkdirSync(join(dir, 'allocations.csv'));
    const error = await failure(dir);
    assert.equal(error.sourceFile, 'allocations.csv');
    assert.match(error.message, /^allocations\.csv: not a regular file \(a folder\)/);
  });

  it('fails an episodes.csv with a header but no rows, and an empty file', async () => {
    const noRows = await failure(writeExtract({ 'episodes.csv': csv(HEADERS.episodes) }));
    assert.match(noRows.message, /episodes\.csv: the file has no data rows/);
    const empty = await failure(writeExtract({ 'allocations.csv': '' }));
    assert.match(empty.message, /allocations\.csv: the file is empty/);
  });

  for (const file of ['allocations.csv', 'assessments.csv', 'predictions.csv'] as const) {
    it(`fails a header-only ${file}: an empty export never replaces yesterday's report`, async () => {
      const header = HEADERS[file === 'allocations.csv' ? 'allocations' : file === 'assessments.csv' ? 'assessments' : 'predictions'];
      const error = await failure(writeExtract({ [file]: csv(header, '', ',,,,') }));
      assert.equal(error.sourceFile, file);
      assert.equal(error.message, `${file}: the file has no data rows (a required file cannot be empty)`);
    });
  }

  it('reads the minimal extract with every required file and no optional one', async () => {
    const { data, issues, files } = await readExtract(writeExtract());
    assert.deepEqual(issues, []);
    assert.deepEqual([data.allocations.length, data.assessments.length, data.predictions.length], [1, 1, 1]);
    assert.deepEqual(files.map((f) => f.file), ['episodes.csv', 'allocations.csv', 'assessments.csv', 'predictions.csv']);
  });

  it('gives empty lists and targets null when optional files are absent', async () => {
    const { data } = await readExtract(writeExtract());
    assert.deepEqual([data.header, data.teams, data.exclusions, data.userAccess, data.targets], [[], [], [], [], null]);
    const withTargets = await readExtract(writeExtract({ 'targets.csv': csv(HEADERS.targets) }));
    assert.deepEqual(withTargets.data.targets, []);
  });

  it('goes on when exactly half of the rows are invalid', async () => {
    const rows = [assessment(1), assessment(2), assessment(3, 'maybe'), assessment(4, 'maybe')];
    const { data, files } = await readExtract(writeExtract({ 'assessments.csv': csv(HEADERS.assessments, ...rows) }));
    assert.equal(data.assessments.length, 2);
    assert.deepEqual(countsOf(files.find((f) => f.file === 'assessments.csv')), { file: 'assessments.csv', rowsRead: 4, rowsRejected: 2 });
  });

  it('fails when more than half of the rows are invalid, naming the first problem', async () => {
    const rows = [assessment(1), assessment(2, 'maybe'), assessment(3), assessment(4, 'maybe'), assessment(5, 'maybe')];
    const error = await failure(writeExtract({ 'assessments.csv': csv(HEADERS.assessments, ...rows) }));
    assert.equal(error.sourceFile, 'assessments.csv');
    assert.deepEqual([error.line, error.column], [3, 'for_reunification']);
    assert.match(error.message, /^assessments\.csv: 3 of 5 rows are invalid \(first: line 3, column for_reunification: for_reunification \[5 characters: letters\] is not Y\/N/);
  });

  it('counts duplicates towards the threshold, and fails a single-row file whose row is bad', async () => {
    const dupes = await failure(writeExtract({
      'assessments.csv': csv(HEADERS.assessments, '1,W1,SGO,,', '2,W1,SGO,,', '3,W1,SGO,,'),
    }));
    assert.match(dupes.message, /2 of 3 rows are invalid/);
    const single = await failure(writeExtract({ 'episodes.csv': csv(HEADERS.episodes, '1,not a date,S,C2,N1,U1,PR1,,,,,,') }));
    assert.match(single.message, /^episodes\.csv: 1 of 1 rows are invalid \(first: line 2, column DECOM/);
  });

  it('never puts a child name into a file-level message', async () => {
    const name = 'Zebedee Quartermaine-Fakechild';
    const error = await failure(writeExtract({
      'allocations.csv': csv(HEADERS.allocations, `,${name},SW,T,L`, `,${name},SW,T,L`, '3,A,SW,T,L'),
    }));
    assert.match(error.message, /allocations\.csv: 2 of 3 rows are invalid/);
    assert.doesNotMatch(error.message, /Zebedee|Quartermaine|Fakechild/);
  });
});
