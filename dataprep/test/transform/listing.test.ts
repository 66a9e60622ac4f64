import { strict as assert } from 'node:assert';
import { allocation, childWithPlan, episode, exclusion, merge, prediction, rulesOf, run, team } from './builders';

const A = '2022-05-31';

describe('transform: exclusions', () => {
  it('an exclusion dated before or on A removes the plan; after A it does not apply yet', () => {
    const listed = (excludedOn: string | null) =>
      run(merge(childWithPlan('1', 'SGO', '2022-06-15'), { exclusions: [exclusion('1', excludedOn)] }), A).tables.planned_assessment
        .length;
    assert.equal(listed('2022-04-01'), 0);
    assert.equal(listed(A), 0);
    assert.equal(listed(null), 0);
    assert.equal(listed('2022-06-01'), 1);
  });

  it('an excluded child is still in the cohort, without a listed plan, and is not warned as not in care', () => {
    const set = run(merge(childWithPlan('1', 'SGO', '2022-06-15'), { exclusions: [exclusion('1', '2022-04-01')] }), A);
    assert.equal(set.tables.cic_cohort[0].has_plan, 'No');
    assert.deepEqual(rulesOf(set), []);
  });

  it('an exclusion for a person with no other rows is a warning with its line', () => {
    const unknown = exclusion('999', '2022-04-01');
    const set = run(merge(childWithPlan('1', 'SGO', '2022-06-15'), { exclusions: [unknown, exclusion('1', '2022-07-01')] }), A);
    const issues = set.issues.filter((i) => i.rule === 'exclusion_for_unknown_child');
    assert.deepEqual(
      issues.map((i) => [i.sourceFile, i.line, i.personId, i.severity]),
      [['exclusions.csv', unknown.line, '999', 'warning']],
    );
  });
});

describe('transform: allocations and localities', () => {
  it('takes child, social worker, team and locality from the allocation', () => {
    const row = run(childWithPlan('1', 'SGO', '2022-06-15'), A).tables.planned_assessment[0];
    assert.deepEqual(
      [row.child_name, row.social_worker, row.team, row.locality],
      ['Child 1', 'SW 01', 'Team A', 'Locality A'],
    );
  });

  it('falls back to the team locality in teams.csv, else null warned once per team', () => {
    const set = run(
      {
        episodes: [episode('1', '2021-01-01'), episode('2', '2021-01-01'), episode('3', '2021-01-01'), episode('4', '2021-01-01')],
        allocations: [
          allocation('1', { team: 'Team B', locality: null }),
          allocation('2', { team: 'Team B', locality: '  ' }),
          allocation('3', { team: 'Team C', locality: null }),
          allocation('4', { team: 'Team C', locality: null }),
        ],
        teams: [team('Team B', 'Locality B')],
      },
      A,
    );
    assert.deepEqual(
      set.tables.cic_cohort.map((r) => r.locality),
      ['Locality B', 'Locality B', null, null],
    );
    const issues = set.issues.filter((i) => i.rule === 'unknown_team_locality');
    assert.equal(issues.length, 1);
    assert.equal(issues[0].sourceFile, 'allocations.csv');
  });

  it('matches a team to teams.csv in any case and with spaces around it, as duplicates are found', () => {
    const set = run(
      {
        episodes: [episode('1', '2021-01-01')],
        allocations: [allocation('1', { team: ' cs hpnd children in care team ', locality: null })],
        teams: [team('CS HPND Children In Care Team', 'High Peak & North Dales')],
      },
      A,
    );
    assert.equal(set.tables.cic_cohort[0].locality, 'High Peak & North Dales');
    assert.deepEqual(set.issues.filter((i) => i.rule === 'unknown_team_locality'), []);
  });

  it('a listed plan or in-care child without an allocation is warned once, with blank columns', () => {
    const set = run(
      { episodes: [episode('1', '2021-01-01'), episode('2', '2021-01-01')], predictions: [prediction('1', 'SGO', '2022-06-15', '2022-01-14')] },
      A,
    );
    const row = set.tables.planned_assessment[0];
    assert.deepEqual([row.child_name, row.social_worker, row.team, row.locality], [null, null, null, null]);
    assert.deepEqual(
      set.issues.filter((i) => i.rule === 'no_allocation').map((i) => i.personId),
      ['1', '2'],
    );
  });
});

describe('transform: duplicate allocations', () => {
  it('uses the first allocation row for a person and warns on the repeat', () => {
    const repeat = allocation('1', { socialWorker: 'SW 02' });
    const set = run({ episodes: [episode('1', '2021-01-01')], allocations: [allocation('1'), repeat] }, A);
    assert.equal(set.tables.cic_cohort[0].social_worker, 'SW 01');
    const issue = set.issues.find((i) => i.rule === 'duplicate_allocation');
    assert.deepEqual([issue?.line, issue?.personId], [repeat.line, '1']);
  });
});

describe('transform: SSDA903 codes', () => {
  it('shows unknown codes bare and warns on every episode row with one, with line and column', () => {
    const old = episode('1', '2019-01-01', { dec: '2020-01-01', rec: 'X1', place: 'Z1' });
    const current = episode('1', '2020-01-01', { place: 'H5', placeProvider: 'PR9', ls: 'ZZ' });
    const set = run(merge({ episodes: [old, current] }, { allocations: [allocation('1')], predictions: [prediction('1', 'SGO', '2022-06-15', '2022-01-14')] }), A);
    const warned = set.issues
      .filter((i) => i.rule.startsWith('unknown_'))
      .map((i) => [i.rule, i.line, i.column, i.sourceFile, i.personId]);
    assert.deepEqual(warned, [
      ['unknown_placement_code', old.line, 'PLACE', 'episodes.csv', '1'],
      ['unknown_placement_code', current.line, 'PLACE', 'episodes.csv', '1'],
      ['unknown_provider_code', current.line, 'PLACE_PROVIDER', 'episodes.csv', '1'],
      ['unknown_legal_status', current.line, 'LS', 'episodes.csv', '1'],
    ]);
    const row = set.tables.planned_assessment[0];
    assert.deepEqual([row.placement_type, row.placement_provider, row.legal_status], ['H5', 'PR9', 'ZZ']);
    assert.equal(set.tables.cic_cohort[0].legal_status_description, 'ZZ');
  });

  it('empty codes are not warned and show as null', () => {
    const set = run({ episodes: [episode('1', '2020-01-01', { place: '', placeProvider: ' ', ls: '' })], allocations: [allocation('1')] }, A);
    assert.deepEqual(rulesOf(set), []);
    const row = set.tables.cic_cohort[0];
    assert.deepEqual([row.placement_type, row.placement_provider, row.legal_status], [null, null, null]);
    assert.equal(row.ppoc_group, 'Other');
  });
});

describe('transform: options', () => {
  it('rejects an invalid as-at date, window or lookback', () => {
    assert.throws(() => run({}, '2022-02-30'), RangeError);
    assert.throws(() => run({}, A, { windowMonths: 0 }), RangeError);
    assert.throws(() => run({}, A, { windowMonths: 2.5 }), RangeError);
    assert.throws(() => run({}, A, { lookbackDays: -1 }), RangeError);
    assert.doesNotThrow(() => run({}, A, { lookbackDays: 0, windowMonths: 24 }));
  });
});

describe('transform: user_access', () => {
  it('copies user access records, blank team as null', () => {
    const set = run(
      {
        userAccess: [
          { sourceFile: 'user_access.csv', line: 2, userPrincipalName: 'a@example.org', locality: 'All', team: null },
          { sourceFile: 'user_access.csv', line: 3, userPrincipalName: 'b@example.org', locality: 'Locality A', team: 'Team A' },
        ],
      },
      A,
    );
    assert.deepEqual(set.tables.user_access, [
      { user_principal_name: 'a@example.org', locality: 'All', team: null },
      { user_principal_name: 'b@example.org', locality: 'Locality A', team: 'Team A' },
    ]);
  });
});
