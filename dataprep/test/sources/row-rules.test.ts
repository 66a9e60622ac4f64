import assert from 'node:assert/strict';
import { readExtract } from '../../src/sources/index';
import { countsOf, csv, HEADERS, removeExtracts, where, writeExtract } from './extract-fixture';

const EP = (child: string, decom: string, dec = '', rec = '') => `${child},${decom},S,C2,N1,U1,PR1,${dec},${rec},,,,`;

async function read(files: Record<string, string | null>) {
  return readExtract(writeExtract(files));
}

const error = (sourceFile: string, line: number, column: string | null, personId: string | null, rule: string) => ({
  severity: 'error', sourceFile, line, column, personId, rule,
});

describe('readExtract: row errors (row skipped, run goes on)', () => {
  after(removeExtracts);

  it('missing_person_id in CHILD and person_id', async () => {
    const { data, issues } = await read({
      'episodes.csv': csv(HEADERS.episodes, EP('1', '01/06/2020'), EP('', '01/06/2020'), EP('3', '01/06/2020')),
      'allocations.csv': csv(HEADERS.allocations, '1,A,SW,T,L', ' ,B,SW,T,L', '3,C,SW,T,L'),
    });
    assert.deepEqual(where(issues), [
      error('episodes.csv', 3, 'CHILD', null, 'missing_person_id'),
      error('allocations.csv', 3, 'person_id', null, 'missing_person_id'),
    ]);
    assert.deepEqual(data.episodes.map((e) => e.child), ['1', '3']);
    assert.deepEqual(data.allocations.map((a) => a.personId), ['1', '3']);
  });

  it('invalid_date: UK and ISO dates, 29/02/2024 valid, 29/02/2023 invalid', async () => {
    const { data, issues } = await read({
      'episodes.csv': csv(
        HEADERS.episodes,
        EP('1', '29/02/2024'), EP('2', '2024-02-29'), EP('3', '29/02/2023'), EP('4', '5/3/2021'), EP('5', '2023-02-29'),
        EP('6', '2022/05/04'), EP('7', '01/06/2020', '31/04/2022'), EP('8', '01-06-2020'), EP('9', '2021-03-05'),
        EP('10', '1 June 2020'), EP('11', '01/06/2020'), EP('12', '01/06/2020'), EP('13', '01/06/2020'),
      ),
    });
    assert.deepEqual(where(issues), [
      error('episodes.csv', 4, 'DECOM', '3', 'invalid_date'),
      error('episodes.csv', 6, 'DECOM', '5', 'invalid_date'),
      error('episodes.csv', 7, 'DECOM', '6', 'invalid_date'),
      error('episodes.csv', 8, 'DEC', '7', 'invalid_date'),
      error('episodes.csv', 9, 'DECOM', '8', 'invalid_date'),
      error('episodes.csv', 11, 'DECOM', '10', 'invalid_date'),
    ]);
    assert.match(issues[0].message, /DECOM "29\/02\/2023" is not a valid date/);
    assert.deepEqual(data.episodes.slice(0, 4).map((e) => e.decom), ['2024-02-29', '2024-02-29', '2021-03-05', '2021-03-05']);
  });

  it('missing_required_value for an empty DECOM, predicted_start_date, team (teams.csv), user_principal_name', async () => {
    const { issues } = await read({
      'episodes.csv': csv(HEADERS.episodes, EP('1', '01/06/2020'), EP('2', '')),
      'predictions.csv': csv(HEADERS.predictions, '1,SGO,01/06/2022,01/01/2022,', '2,SGO,,01/01/2022,'),
      'teams.csv': csv(HEADERS.teams, 'Team A,Loc', ' ,Loc'),
      'user_access.csv': csv(HEADERS.userAccess, 'a@example.org,All,', ',Loc,'),
    });
    assert.deepEqual(where(issues), [
      error('episodes.csv', 3, 'DECOM', '2', 'missing_required_value'),
      error('teams.csv', 3, 'team', null, 'missing_required_value'),
      error('predictions.csv', 3, 'predicted_start_date', '2', 'missing_required_value'),
      error('user_access.csv', 3, 'user_principal_name', null, 'missing_required_value'),
    ]);
  });

  it('ceased_before_start when DEC is before DECOM (same day is fine)', async () => {
    const { data, issues } = await read({
      'episodes.csv': csv(HEADERS.episodes, EP('1', '01/06/2020', '01/06/2020', 'E11'), EP('2', '01/06/2020', '31/05/2020', 'E11')),
    });
    assert.deepEqual(where(issues), [error('episodes.csv', 3, 'DEC', '2', 'ceased_before_start')]);
    assert.match(issues[0].message, /2020-05-31.*2020-06-01/);
    assert.equal(data.episodes.length, 1);
  });

  it('accepts unknown 903 codes and overlapping open episodes (the transform warns)', async () => {
    const { data, issues } = await read({
      'episodes.csv': csv(HEADERS.episodes, '1,01/06/2020,S,ZZ,N1,Q9,PR9,,,,,,', '1,01/07/2020,S,C2,N1,U1,PR1,,,,,,'),
    });
    assert.deepEqual(issues, []);
    assert.deepEqual(data.episodes.map((e) => [e.ls, e.place, e.placeProvider]), [['ZZ', 'Q9', 'PR9'], ['C2', 'U1', 'PR1']]);
  });

  it('keeps an episode with a blank PLACE_PROVIDER (T0–T4, Z1) silently, and with a blank LS or PLACE as a warning', async () => {
    const { data, issues, files } = await read({
      'episodes.csv': csv(HEADERS.episodes, '1,01/06/2020,S,C2,N1,T1,,,,,,,', '2,01/06/2020,S,,N1,U1,PR1,,,,,,', '3,01/06/2020,S,C2,N1, ,PR1,,,,,,'),
    });
    assert.deepEqual(where(issues), [
      { ...error('episodes.csv', 3, 'LS', '2', 'missing_code'), severity: 'warning' },
      { ...error('episodes.csv', 4, 'PLACE', '3', 'missing_code'), severity: 'warning' },
    ]);
    assert.deepEqual(data.episodes.map((e) => [e.ls, e.place, e.placeProvider]), [['C2', 'T1', ''], ['', 'U1', 'PR1'], ['C2', '', 'PR1']]);
    assert.equal(files[0].rowsRejected, 0);
  });

  it('unknown_workflow_type is a warning and the workflow is kept as written; invalid_flag; case-insensitive types and flags', async () => {
    const { data, issues } = await read({
      'assessments.csv': csv(
        HEADERS.assessments,
        '1,W1,sgo,01/05/2022,', '2,W2,single,2022-05-02,yes', '3,W3,SINGLE,,N', '4,W4,Single,,TRUE', '5,W5,SINGLE,,0',
        '6,W6,CIN,01/05/2022,', '7,W7,SINGLE,01/05/2022,maybe', '8,W8,SINGLE,,',
      ),
    });
    assert.deepEqual(where(issues), [
      { ...error('assessments.csv', 7, 'workflow_type', '6', 'unknown_workflow_type'), severity: 'warning' },
      error('assessments.csv', 8, 'for_reunification', '7', 'invalid_flag'),
    ]);
    assert.equal(issues[0].message, 'workflow_type is not SGO or SINGLE: the workflow is kept but never counts as an assessment start');
    assert.deepEqual(
      data.assessments.map((a) => [a.workflowType, a.startDate, a.forReunification]),
      [['SGO', '2022-05-01', null], ['SINGLE', '2022-05-02', true], ['SINGLE', null, false], ['SINGLE', null, true],
        ['SINGLE', null, false], ['CIN', '2022-05-01', null], ['SINGLE', null, null]],
    );
  });

  it('keeps another workflow type as written only when it is one word or code; otherwise its shape (a swapped-in name never stored)', async () => {
    const { data, issues } = await read({
      'assessments.csv': csv(HEADERS.assessments, '1,W1,Adoption,,', '2,W2,CP-Review2,,', '3,W3,Zebedee Quuxley,,', `4,W4,"+cmd|' /C calc'!A0",,`),
    });
    assert.deepEqual(data.assessments.map((a) => a.workflowType), [
      'Adoption', 'CP-Review2', '[15 characters: letters and spaces]',
      '[18 characters: letters, digits, spaces and other characters, starting like a spreadsheet formula]',
    ]);
    assert.deepEqual(issues.map((i) => [i.severity, i.rule]), Array(4).fill(['warning', 'unknown_workflow_type']));
  });

  it('duplicate_workflow_id on the second and later occurrences; the first is kept', async () => {
    const { data, issues } = await read({
      'assessments.csv': csv(HEADERS.assessments, '1,W1,SGO,,', '2,W2,SGO,,', '3,W1,SGO,,', '4,W3,SGO,,', '5,W1,SGO,,'),
    });
    assert.deepEqual(where(issues), [
      error('assessments.csv', 4, 'workflow_id', '3', 'duplicate_workflow_id'),
      error('assessments.csv', 6, 'workflow_id', '5', 'duplicate_workflow_id'),
    ]);
    assert.match(issues[0].message, /line 2/);
    assert.deepEqual(data.assessments.map((a) => a.personId), ['1', '2', '4']);
  });

  it('names the first line of each duplicated workflow, for a few duplicates and for many (found another way past 16)', async () => {
    // 30 workflows on lines 2–31, then each again in reverse order (lines 32–61): the 30 duplicates cross the scan limit.
    const firsts = Array.from({ length: 30 }, (_, i) => `${i + 1},w${i + 1},SGO,,`);
    const again = Array.from({ length: 30 }, (_, i) => `${100 + i},W${30 - i},SGO,,`);
    const { data, issues } = await read({ 'assessments.csv': csv(HEADERS.assessments, ...firsts, ...again) });
    assert.equal(issues.length, 30);
    issues.forEach((issue, i) => {
      assert.equal(issue.line, 32 + i);
      assert.match(issue.message, new RegExp(`already appears on line ${31 - i};`));
    });
    assert.equal(data.assessments.length, 30);
  });

  it('duplicate_person in allocations keeps the first row', async () => {
    const { data, issues } = await read({
      'allocations.csv': csv(HEADERS.allocations, '01,A,SW1,T1,L', '02,B,SW,T,L', '01,A,SW2,T2,L'),
    });
    assert.deepEqual(where(issues), [error('allocations.csv', 4, 'person_id', '01', 'duplicate_person')]);
    assert.deepEqual(data.allocations.map((a) => [a.personId, a.socialWorker]), [['01', 'SW1'], ['02', 'SW']]);
  });

  it('unknown_assessment_type; types are case-insensitive; submitted_at forms', async () => {
    const { data, issues } = await read({
      'predictions.csv': csv(
        HEADERS.predictions,
        '1,sgo,01/06/2022,2022-01-14,', '2,REUNIFICATION,2022-06-02,2022-01-14T09:30,TC',
        '3,Reunification,03/06/2022,2022-01-14T09:30:15.250,', '4,SGO,04/06/2022,2022-01-14 23:59:59,',
        '5,SGO,05/06/2022,14/01/2022 7:05,', '6,SGO,06/06/2022,14/01/2022 07:05:09,',
        '7,Adoption,07/06/2022,14/01/2022,', '8,SGO,08/06/2022,14/01/2022 25:00,', '9,SGO,09/06/2022,2022-01-14T09:30Z,',
        '10,SGO,10/06/2022,Jan 14 2022,',
      ),
    });
    assert.deepEqual(where(issues), [
      error('predictions.csv', 8, 'assessment_type', '7', 'unknown_assessment_type'),
      error('predictions.csv', 9, 'submitted_at', '8', 'invalid_date'),
      error('predictions.csv', 10, 'submitted_at', '9', 'invalid_date'),
      error('predictions.csv', 11, 'submitted_at', '10', 'invalid_date'),
    ]);
    assert.match(issues[0].message, /^assessment_type \[8 characters: letters\] is not one of SGO, Reunification$/);
    assert.deepEqual(data.predictions.map((p) => [p.assessmentType, p.submittedAt, p.submittedOn]), [
      ['SGO', '2022-01-14T00:00:00', '2022-01-14'],
      ['Reunification', '2022-01-14T09:30:00', '2022-01-14'],
      ['Reunification', '2022-01-14T09:30:15', '2022-01-14'],
      ['SGO', '2022-01-14T23:59:59', '2022-01-14'],
      ['SGO', '2022-01-14T07:05:00', '2022-01-14'],
      ['SGO', '2022-01-14T07:05:09', '2022-01-14'],
    ]);
    assert.deepEqual(data.predictions.map((p) => p.submittedBy), [null, 'TC', null, null, null, null]);
  });

  it('targets: unknown_measure, invalid_number, period_end_before_start, duplicate_target', async () => {
    const { data, issues } = await read({
      'targets.csv': csv(
        HEADERS.targets,
        'all,assessments_started,2022-04-01,2023-03-31,40', 'Loc A,SGO_EXITS,01/04/2022,31/03/2023,0',
        'Loc A,plans,2022-04-01,2023-03-31,12', 'Loc A,plans,2022-04-01,2023-03-31,13',
        'Loc A,adoptions,2022-04-01,2023-03-31,5', 'Loc A,plans,2023-04-01,2023-03-31,5',
        'Loc B,plans,2022-04-01,2023-03-31,-1', 'Loc B,plans,2022-04-01,2023-03-31,2.5', 'Loc B,plans,2022-04-01,2023-03-31,ten',
        'Loc C,plans,2022-04-01,2023-03-31,1', 'Loc D,plans,2022-04-01,2023-03-31,1', 'Loc E,plans,2022-04-01,2023-03-31,1',
        'Loc F,plans,2022-04-01,2023-03-31,1', 'Loc G,plans,2022-04-01,2023-03-31,1',
      ),
    });
    assert.deepEqual(where(issues), [
      error('targets.csv', 5, null, null, 'duplicate_target'),
      error('targets.csv', 6, 'measure', null, 'unknown_measure'),
      error('targets.csv', 7, 'period_end', null, 'period_end_before_start'),
      error('targets.csv', 8, 'target', null, 'invalid_number'),
      error('targets.csv', 9, 'target', null, 'invalid_number'),
      error('targets.csv', 10, 'target', null, 'invalid_number'),
    ]);
    assert.deepEqual(data.targets?.slice(0, 3).map((t) => [t.locality, t.measure, t.periodStart, t.target]), [
      ['All', 'assessments_started', '2022-04-01', 40], ['Loc A', 'sgo_exits', '2022-04-01', 0], ['Loc A', 'plans', '2022-04-01', 12],
    ]);
  });

  it('too_long for text over its NVARCHAR length; an over-long ID is not reported as the person ID', async () => {
    const longId = '9'.repeat(51);
    const { data, issues } = await read({
      'allocations.csv': csv(
        HEADERS.allocations, `1,${'n'.repeat(200)},SW,T,L`, `2,${'n'.repeat(201)},SW,T,L`, `${longId},A,SW,T,L`,
        `4,A,SW,${'t'.repeat(201)},L`, '5,A,SW,T,L', '6,A,SW,T,L',
      ),
    });
    assert.deepEqual(where(issues), [
      error('allocations.csv', 3, 'child_name', '2', 'too_long'),
      error('allocations.csv', 4, 'person_id', null, 'too_long'),
      error('allocations.csv', 5, 'team', '4', 'too_long'),
    ]);
    assert.match(issues[0].message, /201 characters.*limit is 200/);
    assert.equal(data.allocations[0].childName?.length, 200);
  });

  it('header.csv: an invalid DOB is an error that never quotes the DOB', async () => {
    const { issues } = await read({
      'header.csv': csv(HEADERS.header, '1,1,31/02/2010,WBRI,A1,,', '2,2,01/02/2010,WBRI,A2,,', '3,1,,WBRI,A3,,'),
    });
    assert.deepEqual(where(issues), [error('header.csv', 2, 'DOB', '1', 'invalid_date')]);
    assert.doesNotMatch(issues[0].message, /31|2010/);
  });

  it('reports every problem of a bad row but skips the row once', async () => {
    const { files, issues } = await read({
      'predictions.csv': csv(HEADERS.predictions, '1,SGO,01/06/2022,14/01/2022,', ',Adoption,32/01/2022,never,', '3,SGO,01/06/2022,14/01/2022,'),
    });
    assert.deepEqual(issues.map((i) => [i.line, i.column, i.rule]), [
      [3, 'person_id', 'missing_person_id'],
      [3, 'assessment_type', 'unknown_assessment_type'],
      [3, 'predicted_start_date', 'invalid_date'],
      [3, 'submitted_at', 'invalid_date'],
    ]);
    assert.deepEqual(countsOf(files.find((f) => f.file === 'predictions.csv')), { file: 'predictions.csv', rowsRead: 3, rowsRejected: 1 });
  });

  it('never puts a child name, social worker or submitter into a message', async () => {
    const name = 'Zebedee Quartermaine-Fakechild';
    const worker = 'Worker Yolanda-Fakeworker';
    const { issues } = await read({
      'allocations.csv': csv(HEADERS.allocations, `,${name},${worker},T,L`, `2,${name}${'x'.repeat(200)},${worker},T,L`, '3,A,B,T,L', '4,A,B,T,L'),
      'predictions.csv': csv(HEADERS.predictions, `1,Adoption,01/06/2022,14/01/2022,${worker}`, '2,SGO,01/06/2022,14/01/2022,TC'),
      'exclusions.csv': csv(HEADERS.exclusions, `1,${name},not a date`, '2,ok,'),
    });
    assert.equal(issues.length, 4);
    for (const issue of issues) {
      assert.doesNotMatch(issue.message, /Zebedee|Quartermaine|Fakechild|Yolanda|Fakeworker/);
    }
  });
});
