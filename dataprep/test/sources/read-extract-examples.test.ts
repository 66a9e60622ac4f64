import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readExtract } from '../../src/sources/index';
import { removeExtracts, writeExtract } from './extract-fixture';
import { EXAMPLE_EXTRACT, SSDA903_FAKE } from '../../../fixtures/paths';

const EXAMPLE = EXAMPLE_EXTRACT;
const FAKE_903 = SSDA903_FAKE;

describe('readExtract: the example extract', () => {
  it('reads every file with the exact record counts and no issues', async () => {
    const { data, issues, files } = await readExtract(EXAMPLE);
    assert.deepEqual(issues, []);
    assert.deepEqual(
      files.map((f) => [f.file, f.rowsRead, f.rowsRejected]),
      [
        ['episodes.csv', 9, 0],
        ['allocations.csv', 9, 0],
        ['teams.csv', 2, 0],
        ['assessments.csv', 3, 0],
        ['predictions.csv', 9, 0],
        ['exclusions.csv', 1, 0],
        ['user_access.csv', 3, 0],
        ['targets.csv', 2, 0],
      ],
    );
    assert.equal(data.episodes.length, 9);
    assert.equal(data.header.length, 0, 'header.csv is absent');
    assert.equal(data.allocations.length, 9);
    assert.equal(data.teams.length, 2);
    assert.equal(data.assessments.length, 3);
    assert.equal(data.predictions.length, 9);
    assert.equal(data.exclusions.length, 1);
    assert.equal(data.userAccess.length, 3);
    assert.equal(data.targets?.length, 2);
  });

  it('parses UK dates, flags, types and optional values', async () => {
    const { data } = await readExtract(EXAMPLE);
    assert.deepEqual(data.episodes[0], {
      child: '100001', decom: '2020-06-01', ls: 'C2', place: 'U6', placeProvider: 'PR4', dec: null, rec: null,
      sourceFile: 'episodes.csv', line: 2,
    });
    assert.deepEqual(data.assessments[0], {
      personId: '100001', workflowId: 'W0', workflowType: 'SINGLE', startDate: '2022-05-12', forReunification: true,
      sourceFile: 'assessments.csv', line: 2,
    });
    assert.deepEqual(data.predictions[3], {
      personId: '100004', assessmentType: 'SGO', predictedStartDate: '2022-05-05',
      submittedAt: '2022-01-14T00:00:00', submittedOn: '2022-01-14', submittedBy: 'TC',
      sourceFile: 'predictions.csv', line: 5,
    });
    assert.equal(data.allocations[8].locality, 'High Peak & North Dales');
    assert.deepEqual(data.exclusions[0].excludedOn, '2022-04-01');
    assert.deepEqual(
      data.userAccess.map((u) => [u.locality, u.team]),
      [['High Peak & North Dales', null], ['High Peak & North Dales', 'CS HPND Children In Care Team'], ['All', null]],
    );
    assert.deepEqual(data.targets?.[0], {
      locality: 'All', measure: 'assessments_started', periodStart: '2022-04-01', periodEnd: '2023-03-31', target: 40,
      sourceFile: 'targets.csv', line: 2,
    });
  });
});

describe('readExtract: the synthetic SSDA903 files (csc-validator-be-903 fake data)', () => {
  after(removeExtracts);

  it('loads all 5,050 episodes and 2,675 header rows without errors', async () => {
    const dir = writeExtract({
      'episodes.csv': readFileSync(`${FAKE_903}/episodes.csv`),
      'header.csv': readFileSync(`${FAKE_903}/header.csv`),
    });
    const { data, issues } = await readExtract(dir);
    assert.deepEqual(issues, []);
    assert.equal(data.episodes.length, 5050);
    assert.equal(data.header.length, 2675);
    assert.equal(data.episodes.filter((e) => e.dec === null).length, 1413, 'open episodes, as its README says');
    assert.deepEqual(data.episodes[0], {
      child: '566910', decom: '2016-02-15', ls: 'C2', place: 'T2', placeProvider: 'PR0', dec: '2017-08-14', rec: 'X1',
      sourceFile: 'episodes.csv', line: 2,
    });
    assert.deepEqual(data.header[0], { child: '566910', sex: '2', dob: '2008-03-27', sourceFile: 'header.csv', line: 2 });
  });

  it('keeps retired codes (H5, P2, Z1) for the transform to warn about', async () => {
    const dir = writeExtract({ 'episodes.csv': readFileSync(`${FAKE_903}/episodes.csv`) });
    const { data } = await readExtract(dir);
    const places = new Set(data.episodes.map((e) => e.place));
    assert.ok(['H5', 'P2', 'Z1'].some((code) => places.has(code)));
  });
});
