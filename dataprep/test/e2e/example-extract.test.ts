import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EXAMPLE_EXTRACT, query, runCli, tempDir } from '../helpers/cli';

const SENTENCE =
  'In the LAST 3 months 2 assessments started on time, 1 started late and 1 prediction is yet to start. ' +
  'In the NEXT 3 months 5 assessments are planned to start.';

// fixtures/example-extract/README.md, as at 2022-05-31.
const EXPECTED: [string, string, string, string | null, string][] = [
  ['100001', 'Reunification', '2022-05-04', '2022-05-12', 'Started Late'],
  ['100002', 'Reunification', '2022-03-17', '2022-03-17', 'Started on Time'],
  ['100003', 'Reunification', '2022-03-04', '2022-03-04', 'Started on Time'],
  ['100004', 'SGO', '2022-05-05', null, 'Not Yet Started'],
  ['100005', 'SGO', '2022-06-06', null, 'Upcoming - Planned Start in Next 3 Months'],
  ['100006', 'Reunification', '2022-08-11', null, 'Upcoming - Planned Start in Next 3 Months'],
  ['100007', 'Reunification', '2022-08-11', null, 'Upcoming - Planned Start in Next 3 Months'],
  ['100008', 'Reunification', '2022-08-11', null, 'Upcoming - Planned Start in Next 3 Months'],
  ['100009', 'SGO', '2022-07-20', null, 'Upcoming - Planned Start in Next 3 Months'],
];

describe('e2e: the brief\'s example extract through the CLI', function () {
  this.timeout(120_000);
  const db = join(tempDir('example'), 'ppoc.sqlite');
  let run: Awaited<ReturnType<typeof runCli>>;

  before(async () => {
    run = await runCli(['run', '--source', EXAMPLE_EXTRACT, '--as-at', '2022-05-31', '--sqlite', db]);
  });

  it('succeeds (exit 0) and prints the summary with the sentence and row counts', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /SUCCEEDED \(as at 2022-05-31, window 3 months/);
    assert.ok(run.stdout.includes(SENTENCE), run.stdout);
    assert.match(run.stdout, /planned_assessment\s+9/);
    assert.match(run.stdout, /episodes\.csv\s+9\s+0/);
    assert.match(run.stdout, /warning\s+exclusion_for_unknown_child\s+1/);
  });

  it('writes exactly the statuses of the example table', () => {
    const rows = query<{ person_id: string; assessment_type: string; predicted_start_date: string; actual_start_date: string | null; status: string }>(
      db, 'SELECT * FROM planned_assessment ORDER BY person_id',
    );
    assert.deepEqual(
      rows.map((r) => [r.person_id, r.assessment_type, r.predicted_start_date, r.actual_start_date, r.status]),
      EXPECTED,
    );
  });

  it('fills the display columns the visual shows', () => {
    const [row] = query<Record<string, unknown>>(db, "SELECT * FROM planned_assessment WHERE person_id = '100001'");
    assert.equal(row.placement_type, 'U6: Foster placement - not FFA');
    assert.equal(row.placement_provider, 'Private provision');
    assert.equal(row.team, 'CS HPND Children In Care Team');
    assert.equal(row.locality, 'High Peak & North Dales');
    assert.equal(row.full_care_order, 'Yes');
    assert.equal(row.days_late, 8);
    assert.equal(row.status_order, 3);
    assert.equal(row.in_last_window, 'Yes');
    assert.equal(row.as_at_date, '2022-05-31');
  });

  it('`summary` prints exactly the sentence, and follows its filters', async () => {
    const all = await runCli(['summary', '--sqlite', db]);
    assert.equal(all.code, 0, all.stderr);
    assert.equal(all.stdout, `${SENTENCE}\n`);
    const sgo = await runCli(['summary', '--sqlite', db, '--assessment-type', 'sgo']);
    assert.equal(sgo.stdout.trim(),
      'In the LAST 3 months 0 assessments started on time, 0 started late and 1 prediction is yet to start. ' +
      'In the NEXT 3 months 2 assessments are planned to start.');
    const anyCase = await runCli(['summary', '--sqlite', db, '--locality', 'high peak & NORTH dales']);
    assert.equal(anyCase.stdout, `${SENTENCE}\n`, anyCase.stderr);
    const fco = await runCli(['summary', '--sqlite', db, '--full-care-order', 'Yes', '--team', 'CS HPND Children In Care Team']);
    assert.equal(fco.stdout, `${SENTENCE}\n`);
  });

  it('`explain` answers why a child is on the dashboard', async () => {
    const result = await runCli(['explain', '100001', '--sqlite', db]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Reunification: Listed/);
    assert.match(result.stdout, /2022-05-12/);
    assert.match(result.stdout, /Started Late/);
  });

  it('typos are errors: an unknown locality or team names itself and lists the values that occur; an unknown ID says so', async () => {
    const nowhere = await runCli(['summary', '--sqlite', db, '--locality', 'Nowhere']);
    assert.equal(nowhere.code, 2);
    assert.equal(nowhere.stdout, '');
    assert.match(nowhere.stderr, /^ppoc-prep summary: --locality "Nowhere" does not occur in run \S+; localities that do: "High Peak & North Dales"\n$/);
    const team = await runCli(['summary', '--sqlite', db, '--team', 'CS Nowhere Team']);
    assert.equal(team.code, 2);
    assert.match(team.stderr, /--team "CS Nowhere Team" does not occur .*teams that do: "CS HPND Children In Care Team"/);
    const unknown = await runCli(['explain', '999999', '--sqlite', db]);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /^ppoc-prep explain: no person with ID 999999 in the extract of run \S+ \(as at 2022-05-31\)/);
    const inExclusionsOnly = await runCli(['explain', '100099', '--sqlite', db]);
    assert.equal(inExclusionsOnly.code, 0, 'a person known only from a data-quality issue is known');
    assert.match(inExclusionsOnly.stdout, /No prediction and no qualifying assessment/);
  });

  it('`status` lists the run', async () => {
    const result = await runCli(['status', '--sqlite', db]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /succeeded\s+2022-05-31/);
  });

  it('stores the as-at date, window and user access with the data', () => {
    assert.deepEqual(query(db, 'SELECT DISTINCT as_at_date FROM planned_assessment'), [{ as_at_date: '2022-05-31' }]);
    assert.equal(query(db, 'SELECT * FROM user_access').length, 3);
    assert.equal(query(db, "SELECT * FROM target_progress WHERE full_care_order = 'All'").length, 2);
    assert.deepEqual(query(db, "SELECT full_care_order, plans FROM locality_summary WHERE locality = 'All' AND team = 'All' ORDER BY 1"),
      [{ full_care_order: 'All', plans: 9 }, { full_care_order: 'No', plans: 0 }, { full_care_order: 'Yes', plans: 9 }]);
    assert.equal(query(db, "SELECT * FROM plan_status_history WHERE as_at_date = '2022-05-31'").length, 9);
    assert.equal(query<{ n: number }>(db, 'SELECT count(*) n FROM cic_cohort')[0].n, 9);
  });
});
