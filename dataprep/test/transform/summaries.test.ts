import { strict as assert } from 'node:assert';
import type { SourceData } from '../../src/model/source-records';
import { allocation, childWithPlan, episode, merge, prediction, run, start, target } from './builders';

const A = '2022-05-31';

/** The FCO slice's rows (`All`: every child, as before release 2). */
const slice = <T extends { full_care_order: string }>(rows: T[], fco = 'All') => rows.filter((r) => r.full_care_order === fco);

/** Eight children across two localities, one without an allocation, with exits in and out of 12 months. */
function fixture(): Partial<SourceData> {
  return merge(
    childWithPlan('1', 'SGO', '2022-04-10', { actual: '2022-04-01' }),
    {
      episodes: [episode('2', '2020-01-01', { ls: 'C1' })],
      allocations: [allocation('2', { team: 'Team B' })],
      predictions: [prediction('2', 'Reunification', '2022-03-01', '2022-01-14')],
      assessments: [start('2', 'Reunification', '2022-03-05')],
    },
    {
      episodes: [episode('3', '2020-01-01')],
      allocations: [allocation('3', { team: 'Team C', locality: 'Locality B' })],
      predictions: [prediction('3', 'SGO', '2022-05-01', '2022-01-14')],
    },
    { episodes: [episode('4', '2020-01-01')], predictions: [prediction('4', 'SGO', '2022-06-15', '2022-01-14')] },
    {
      episodes: [episode('5', '2020-01-01', { dec: '2022-04-15', rec: 'E45' })],
      allocations: [allocation('5')],
      predictions: [prediction('5', 'SGO', '2022-07-01', '2022-01-14')],
    },
    {
      episodes: [
        episode('6', '2020-01-01', { dec: '2021-06-01', rec: 'E4A' }),
        episode('7', '2020-01-01', { dec: '2021-05-30', rec: 'E4B' }),
        episode('8', '2020-01-01', { dec: '2022-01-01', rec: 'E45' }),
      ],
      allocations: [
        allocation('6', { team: 'Team C', locality: 'Locality B' }),
        allocation('7', { team: 'Team C', locality: 'Locality B' }),
        allocation('8', { team: 'Team Z', locality: 'Locality Z' }),
      ],
    },
  );
}

describe('transform: locality_summary', () => {
  it('has team rows, locality All rows and All/All, with every count', () => {
    const rows = slice(run(fixture(), A).tables.locality_summary);
    const table = rows.map((r) => [
      r.locality,
      r.team,
      r.children_in_care,
      r.fco_children,
      r.plans,
      r.started_on_time_last_window,
      r.started_late_last_window,
      r.not_yet_started,
      r.upcoming_next_window,
      r.sgo_exits_last_12_months,
      r.reunification_exits_last_12_months,
    ]);
    assert.deepEqual(table, [
      ['All', 'All', 4, 3, 5, 1, 1, 1, 2, 2, 1],
      ['Locality A', 'All', 2, 1, 3, 1, 1, 0, 1, 1, 0],
      ['Locality A', 'Team A', 1, 1, 2, 1, 0, 0, 1, 1, 0],
      ['Locality A', 'Team B', 1, 0, 1, 0, 1, 0, 0, 0, 0],
      ['Locality B', 'All', 1, 1, 1, 0, 0, 1, 0, 0, 1],
      ['Locality B', 'Team C', 1, 1, 1, 0, 0, 1, 0, 0, 1],
      ['Unknown', 'All', 1, 1, 1, 0, 0, 0, 1, 0, 0],
      ['Unknown', 'Unknown', 1, 1, 1, 0, 0, 0, 1, 0, 0],
    ]);
    assert.ok(rows.every((r) => r.as_at_date === A));
  });

  it('counts exits in the last 12 months from A − 12 months inclusive', () => {
    const exitOn = (dec: string) =>
      slice(run({ episodes: [episode('1', '2020-01-01', { dec, rec: 'E4A' })], allocations: [allocation('1')] }, A).tables.locality_summary)[0]
        .reunification_exits_last_12_months;
    assert.equal(exitOn('2021-05-31'), 1);
    assert.equal(exitOn('2021-05-30'), 0);
  });

  it('treats localities and teams differing only in case as one row (SQL Server compares keys that way)', () => {
    const set = run(
      {
        episodes: [episode('1', '2020-01-01'), episode('2', '2020-01-01')],
        allocations: [allocation('1'), allocation('2', { team: 'TEAM A', locality: 'locality a' })],
      },
      A,
    );
    assert.deepEqual(
      slice(set.tables.locality_summary).map((r) => [r.locality, r.team, r.children_in_care]),
      [
        ['All', 'All', 2],
        ['Locality A', 'All', 2],
        ['Locality A', 'Team A', 2],
      ],
    );
  });

  it('with no data has only All/All with zeros, once per FCO slice', () => {
    const rows = run({}, A).tables.locality_summary;
    assert.deepEqual(rows.map((r) => [r.locality, r.team, r.full_care_order, r.children_in_care, r.plans]), [
      ['All', 'All', 'All', 0, 0], ['All', 'All', 'Yes', 0, 0], ['All', 'All', 'No', 0, 0],
    ]);
  });

  it('repeats every row for the FCO slices All, Yes and No; Yes + No = All for every count', () => {
    const rows = run(fixture(), A).tables.locality_summary;
    const all = slice(rows);
    assert.equal(rows.length, all.length * 3);
    const counts = (r: (typeof rows)[number]) => [
      r.children_in_care, r.fco_children, r.plans, r.started_on_time_last_window, r.started_late_last_window, r.not_yet_started,
      r.upcoming_next_window, r.sgo_exits_last_12_months, r.reunification_exits_last_12_months,
    ];
    for (const row of all) {
      const part = (fco: string) => rows.find((r) => r.locality === row.locality && r.team === row.team && r.full_care_order === fco)!;
      assert.deepEqual(counts(part('Yes')).map((n, i) => n + counts(part('No'))[i]), counts(row), `${row.locality}/${row.team}`);
      assert.equal(part('No').fco_children, 0);
    }
    // Child 2 (C1, not FCO) is Team B's only child: its started-late plan is in the No slice only.
    const teamB = (fco: string) => rows.find((r) => r.team === 'Team B' && r.full_care_order === fco)!;
    assert.deepEqual([teamB('Yes').children_in_care, teamB('No').children_in_care, teamB('No').started_late_last_window], [0, 1, 1]);
    // Child 5 left care with an SGO (E45) under a full care order: the exit is in the Yes slice.
    assert.equal(slice(rows, 'Yes')[0].sgo_exits_last_12_months, 2);
    assert.equal(slice(rows, 'No')[0].sgo_exits_last_12_months, 0);
  });

  it('orders All before names, and the slices All, Yes, No within a place', () => {
    const rows = run(fixture(), A).tables.locality_summary;
    assert.deepEqual(rows.slice(0, 4).map((r) => [r.locality, r.team, r.full_care_order]), [
      ['All', 'All', 'All'], ['All', 'All', 'Yes'], ['All', 'All', 'No'], ['Locality A', 'All', 'All'],
    ]);
  });
});

describe('transform: target_progress', () => {
  function progress(targets: ReturnType<typeof target>[], fco = 'All') {
    return slice(run({ ...fixture(), targets }, A).tables.target_progress, fco)
      .map((r) => [r.locality, r.measure, r.period_start, r.period_end, r.actual]);
  }

  it('is empty without targets.csv', () => {
    assert.deepEqual(run(fixture(), A).tables.target_progress, []);
  });

  it('counts each measure in [period_start, min(period_end, A)] and keeps target values', () => {
    const targets = [
      target('All', 'assessments_started', '2022-04-01', '2023-03-31', 40),
      target('Locality A', 'assessments_started', '2022-01-01', '2022-12-31'),
      target('All', 'assessments_started', '2022-01-01', '2022-03-31'),
      target('All', 'assessments_started_on_time', '2022-01-01', '2022-12-31'),
      target('All', 'sgo_exits', '2022-01-01', '2022-12-31'),
      target('locality a', 'sgo_exits', '2022-01-01', '2022-12-31'),
      target('All', 'reunification_exits', '2021-04-01', '2022-03-31'),
      target('All', 'plans', '2022-01-01', '2022-12-31'),
      target('All', 'plans', '2022-06-01', '2022-12-31'),
    ];
    assert.deepEqual(progress(targets), [
      ['All', 'assessments_started', '2022-04-01', '2023-03-31', 1],
      ['Locality A', 'assessments_started', '2022-01-01', '2022-12-31', 2],
      ['All', 'assessments_started', '2022-01-01', '2022-03-31', 1],
      ['All', 'assessments_started_on_time', '2022-01-01', '2022-12-31', 1],
      ['All', 'sgo_exits', '2022-01-01', '2022-12-31', 2],
      ['locality a', 'sgo_exits', '2022-01-01', '2022-12-31', 1],
      ['All', 'reunification_exits', '2021-04-01', '2022-03-31', 2],
      ['All', 'plans', '2022-01-01', '2022-12-31', 3],
      ['All', 'plans', '2022-06-01', '2022-12-31', 0],
    ]);
    const first = run({ ...fixture(), targets }, A).tables.target_progress[0];
    assert.deepEqual([first.target, first.as_at_date, first.full_care_order], [40, A, 'All']);
  });

  it('gives each target an All, a Yes and a No row: the whole target, the actual of that FCO slice', () => {
    const targets = [target('All', 'assessments_started', '2022-01-01', '2022-12-31', 40), target('All', 'sgo_exits', '2022-01-01', '2022-12-31')];
    const rows = run({ ...fixture(), targets }, A).tables.target_progress;
    assert.deepEqual(rows.map((r) => [r.measure, r.full_care_order, r.target, r.actual]), [
      ['assessments_started', 'All', 40, 2], ['assessments_started', 'Yes', 40, 1], ['assessments_started', 'No', 40, 1],
      ['sgo_exits', 'All', 10, 2], ['sgo_exits', 'Yes', 10, 2], ['sgo_exits', 'No', 10, 0],
    ]);
  });

  it('keeps the first of two targets with the same key and warns', () => {
    const repeat = target('all', 'plans', '2022-01-01', '2022-12-31', 99);
    const set = run({ ...fixture(), targets: [target('All', 'plans', '2022-01-01', '2022-12-31', 5), repeat] }, A);
    assert.deepEqual(
      slice(set.tables.target_progress).map((r) => r.target),
      [5],
    );
    assert.equal(set.issues.filter((i) => i.rule === 'duplicate_target').length, 1, 'warned once');
    assert.equal(set.issues.find((i) => i.rule === 'duplicate_target')?.line, repeat.line);
  });
});
