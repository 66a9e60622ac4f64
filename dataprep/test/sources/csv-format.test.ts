import assert from 'node:assert/strict';
import { ExtractError } from '../../src/model/data-quality';
import { readExtract } from '../../src/sources/index';
import { csv, HEADERS, removeExtracts, writeExtract } from './extract-fixture';

const EPISODE = '000123,01/06/2020,S,C2,N1,U1,PR1,,,,,,';

/** Runs readExtract and returns the ExtractError it must throw. */
async function extractError(files: Record<string, string | Buffer | null>): Promise<ExtractError> {
  try {
    await readExtract(writeExtract(files));
  } catch (error) {
    assert.ok(error instanceof ExtractError, `expected an ExtractError, got ${String(error)}`);
    return error;
  }
  assert.fail('readExtract should have thrown');
}

describe('readExtract: CSV format', () => {
  after(removeExtracts);

  it('accepts a UTF-8 BOM, CRLF line ends and a file without a final newline', async () => {
    const episodes = `\uFEFF${HEADERS.episodes}\r\n${EPISODE}\r\n000124,02/06/2020,S,C2,N1,U1,PR1,,,,,,`;
    const { data, issues } = await readExtract(writeExtract({ 'episodes.csv': episodes }));
    assert.deepEqual(issues, []);
    assert.deepEqual(data.episodes.map((e) => [e.child, e.decom, e.line]), [['000123', '2020-06-01', 2], ['000124', '2020-06-02', 3]]);
  });

  it('matches header names case-insensitively after trimming and ignores extra columns', async () => {
    const { data, issues } = await readExtract(writeExtract({
      'allocations.csv': csv(' Person_ID ,EXTRA,Child_Name,SOCIAL_WORKER,  team  ', '0042,x,Child A,SW 1,Team A'),
    }));
    assert.deepEqual(issues, []);
    assert.deepEqual(data.allocations.map(({ personId, childName, socialWorker, team, locality }) =>
      ({ personId, childName, socialWorker, team, locality })), [
      { personId: '0042', childName: 'Child A', socialWorker: 'SW 1', team: 'Team A', locality: null },
    ]);
  });

  it('trims values, keeps leading zeros and treats whitespace-only cells as empty', async () => {
    const { data } = await readExtract(writeExtract({
      'allocations.csv': csv(HEADERS.allocations, '  007 ,  Child B , ,   ,  Locality  '),
    }));
    assert.deepEqual(data.allocations.map(({ personId, childName, socialWorker, team, locality }) =>
      ({ personId, childName, socialWorker, team, locality })), [
      { personId: '007', childName: 'Child B', socialWorker: null, team: null, locality: 'Locality' },
    ]);
  });

  it('needs only the episode columns it uses', async () => {
    const { data } = await readExtract(writeExtract({
      'episodes.csv': csv('REC,DEC,PLACE_PROVIDER,PLACE,LS,DECOM,CHILD', 'E11,2022-03-01,PR1,U1,C2,2020-06-01,00099'),
    }));
    assert.deepEqual(data.episodes.map((e) => [e.child, e.decom, e.dec, e.rec]), [['00099', '2020-06-01', '2022-03-01', 'E11']]);
  });

  it('reports a missing required column naming the file and the column (line 1)', async () => {
    const error = await extractError({ 'episodes.csv': csv('CHILD,LS,PLACE,PLACE_PROVIDER,DEC,REC', '1,C2,U1,PR1,,') });
    assert.equal(error.sourceFile, 'episodes.csv');
    assert.equal(error.column, 'DECOM');
    assert.equal(error.line, 1);
    assert.match(error.message, /episodes\.csv.*DECOM/);
  });

  it('reports an unclosed quote with the line where the record starts', async () => {
    const error = await extractError({
      'allocations.csv': csv(HEADERS.allocations, '1,Child A,SW,Team,Loc', '2,"Child B,SW,Team,Loc', '3,Child C,SW,Team,Loc'),
    });
    assert.equal(error.sourceFile, 'allocations.csv');
    assert.equal(error.line, 3);
    assert.match(error.message, /allocations\.csv.*never closed.*line 3/);
    assert.doesNotMatch(error.message, /Child/);
  });

  it('reports a row with too few or too many fields with its line', async () => {
    const short = await extractError({ 'episodes.csv': csv(HEADERS.episodes, EPISODE, '', '000125,01/06/2020,S') });
    assert.deepEqual([short.sourceFile, short.line], ['episodes.csv', 4]);
    assert.match(short.message, /episodes\.csv.*different number of fields.*line 4/);
    const long = await extractError({ 'assessments.csv': csv(HEADERS.assessments, '1,W1,SGO,,', '2,W2,SGO,,,extra') });
    assert.deepEqual([long.sourceFile, long.line], ['assessments.csv', 3]);
  });

  it('reports a stray quote inside a value with its line and column, without quoting the value', async () => {
    const error = await extractError({
      'allocations.csv': csv(HEADERS.allocations, '1,Child A,SW,Team,Loc', '2,Zara "Zed" Fakename,SW,Team,Loc'),
    });
    assert.deepEqual([error.sourceFile, error.line, error.column], ['allocations.csv', 3, 'child_name']);
    assert.doesNotMatch(error.message, /Zara|Fakename/);
  });

  it('keeps the first line of a record whose quoted value spans lines', async () => {
    const { issues } = await readExtract(writeExtract({
      'exclusions.csv': csv(HEADERS.exclusions, '1,"first line', 'second line",01/04/2022', '', '2,ok,31/04/2022', '3,ok,'),
    }));
    assert.deepEqual(issues.map((i) => [i.line, i.column, i.rule]), [[5, 'excluded_on', 'invalid_date']]);
  });

  it('rejects a file that is not UTF-8, naming the line', async () => {
    const latin1 = Buffer.concat([Buffer.from(csv(HEADERS.allocations, '1,A,SW,Team,Loc')), Buffer.from([0x32, 0x2c, 0xe9, 0x2c, 0x2c, 0x2c, 0x0a])]);
    const error = await extractError({ 'allocations.csv': latin1 });
    assert.deepEqual([error.sourceFile, error.line], ['allocations.csv', 3]);
    assert.match(error.message, /UTF-8/);
  });

  it('skips empty lines and rows of empty cells without counting them', async () => {
    const { data, files } = await readExtract(writeExtract({
      'episodes.csv': csv(HEADERS.episodes, '', EPISODE, ',,,,,,,,,,,,', '   ,,,,,,,,,,,,'),
    }));
    assert.equal(data.episodes.length, 1);
    assert.equal(data.episodes[0].line, 3);
    assert.equal(files[0].rowsRead, 1);
  });

  it('reads a large file in chunks with exact line numbers throughout', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? `${i},"multi\nline",SW,Team,Loc` : `${i},Child,SW,Team,Loc`));
    const { data } = await readExtract(writeExtract({ 'allocations.csv': csv(HEADERS.allocations, ...rows) }));
    assert.equal(data.allocations.length, 3000);
    let expected = 2;
    for (const record of data.allocations) {
      assert.equal(record.line, expected, `person ${record.personId}`);
      expected += Number(record.personId) % 7 === 0 ? 2 : 1;
    }
  });
});
