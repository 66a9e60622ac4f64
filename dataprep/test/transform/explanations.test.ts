import { strict as assert } from 'node:assert';
import type { PlanExplanationRow } from '../../src/model/refresh-set';
import { allocation, childWithPlan, episode, exclusion, merge, prediction, run, start } from './builders';

const A = '2022-05-31';

function explain(parts: Parameters<typeof run>[0]): PlanExplanationRow[] {
  return run(parts, A).tables.plan_explanation;
}

describe('transform: plan_explanation', () => {
  it('explains a listed plan with the facts behind its status', () => {
    const parts = {
      episodes: [episode('1', '2020-06-01')],
      allocations: [allocation('1')],
      predictions: [prediction('1', 'Reunification', '2022-04-01', '2022-01-14'), prediction('1', 'Reunification', '2022-05-04', '2022-02-01')],
      assessments: [start('1', 'Reunification', '2022-05-12', { workflowId: 'W0' })],
    };
    assert.deepEqual(explain(parts), [
      {
        person_id: '1',
        assessment_type: 'Reunification',
        listed: 'Yes',
        reason:
          'Listed: in care at 2022-05-31 (FCO Yes); predicted 2022-05-04 (first 2022-04-01, 1 revision, first recorded 2022-01-14); ' +
          'started 2022-05-12 (workflow W0); Started Late, 8 days late.',
        as_at_date: A,
        locality: 'Locality A',
        team: 'Team A',
      },
    ]);
  });

  it('explains a listed plan for a child who left care recently, not yet started', () => {
    const parts = {
      episodes: [episode('1', '2020-06-01', { dec: '2022-04-10', rec: 'E4A' })],
      allocations: [allocation('1')],
      predictions: [prediction('1', 'SGO', '2022-05-30', '2022-01-14')],
    };
    assert.equal(
      explain(parts)[0].reason,
      'Listed: left care on 2022-04-10 (E4A, Reunification; FCO Yes); predicted 2022-05-30 (first 2022-05-30, 0 revisions, ' +
        'first recorded 2022-01-14); not started; Not Yet Started, 1 day late.',
    );
  });

  it('explains an exclusion without its free-text reason', () => {
    const rows = explain(merge(childWithPlan('1', 'SGO', '2022-06-15'), { exclusions: [exclusion('1', '2022-04-01')] }));
    assert.equal(rows[0].listed, 'No');
    assert.match(rows[0].reason, /^Not listed: excluded on 2022-04-01\. Plan: predicted 2022-06-15/);
    assert.doesNotMatch(rows[0].reason, /free text/);
    const undated = explain(merge(childWithPlan('1', 'SGO', '2022-06-15'), { exclusions: [exclusion('1', null)] }));
    assert.match(undated[0].reason, /^Not listed: on the exclusion list \(undated\)\./);
  });

  it('mentions an exclusion dated after A as not yet in force', () => {
    const rows = explain(merge(childWithPlan('1', 'SGO', '2022-06-15'), { exclusions: [exclusion('1', '2022-07-01')] }));
    assert.equal(rows[0].listed, 'Yes');
    assert.match(rows[0].reason, /exclusion dated 2022-07-01 not yet in force/);
  });

  it('explains a child not in care who did not leave in the window', () => {
    const parts = {
      episodes: [episode('1', '2020-06-01', { dec: '2022-02-27', rec: 'E11' })],
      predictions: [prediction('1', 'SGO', '2022-06-15', '2022-01-14')],
    };
    assert.match(
      explain(parts)[0].reason,
      /^Not listed: not in care at 2022-05-31 and did not leave care on or after 2022-02-28 \(left care on 2022-02-27\)\. Plan: /,
    );
  });

  it('explains a child with no episodes and a dangling X1', () => {
    const none = explain({ predictions: [prediction('1', 'SGO', '2022-06-15', '2022-01-14')] });
    assert.match(none[0].reason, /^Not listed: no care episode starting on or before 2022-05-31\./);
    const x1 = explain({
      episodes: [episode('1', '2020-06-01', { dec: '2022-03-01', rec: 'X1' })],
      predictions: [prediction('1', 'SGO', '2022-06-15', '2022-01-14')],
    });
    assert.match(x1[0].reason, /^Not listed: not in care at 2022-05-31: the last episode ended on 2022-03-01 with X1/);
  });

  it('explains a qualifying assessment with no prediction on or before A', () => {
    const rows = explain({ episodes: [episode('1', '2020-06-01')], assessments: [start('1', 'SGO', '2022-03-01', { workflowId: 'W7' })] });
    assert.deepEqual(rows, [
      {
        person_id: '1',
        assessment_type: 'SGO',
        listed: 'No',
        reason: 'Not listed: qualifying assessment W7 started 2022-03-01 but no prediction submitted on or before 2022-05-31.',
        as_at_date: A,
        locality: null,
        team: null,
      },
    ]);
  });

  it('explains predictions submitted only after A', () => {
    const rows = explain({
      episodes: [episode('1', '2020-06-01')],
      predictions: [prediction('1', 'SGO', '2022-07-15', '2022-06-03')],
    });
    assert.equal(rows[0].listed, 'No');
    assert.equal(rows[0].reason, 'Not listed: predictions only submitted after 2022-05-31 (first on 2022-06-03).');
  });

  it('mentions starts ignored as older than the lookback or after A, and later predictions ignored', () => {
    const parts = merge(childWithPlan('1', 'SGO', '2022-05-10'), {
      assessments: [start('1', 'SGO', '2021-10-15', { workflowId: 'W-OLD1' }), start('1', 'SGO', '2022-06-02', { workflowId: 'W-NEW2' })],
      predictions: [prediction('1', 'SGO', '2022-08-01', '2022-06-10')],
    });
    const reason = explain(parts)[0].reason;
    assert.match(reason, /ignored as older than the lookback \(before 2021-10-16\): W-OLD1 started 2021-10-15/);
    assert.match(reason, /ignored as after 2022-05-31: W-NEW2 started 2022-06-02/);
    assert.match(reason, /1 prediction submitted after 2022-05-31 ignored/);
    assert.match(reason, /; Not Yet Started, 21 days late\.$/);
  });

  it('gives every row the child\'s allocated place (blank without an allocation), for row-level security through locality_team', () => {
    const rows = explain(merge(childWithPlan('1', 'SGO', '2022-06-15'), {
      episodes: [episode('2', '2020-06-01')], assessments: [start('2', 'SGO', '2022-03-01')],
    }));
    assert.deepEqual(rows.map((r) => [r.person_id, r.locality, r.team]), [['1', 'Locality A', 'Team A'], ['2', null, null]]);
  });

  it('has one row per pair, sorted by person and type, for every prediction or qualifying start', () => {
    const rows = explain(
      merge(childWithPlan('2', 'SGO', '2022-06-15'), childWithPlan('1', 'Reunification', '2022-06-15'), {
        assessments: [start('1', 'SGO', '2022-03-01'), start('1', 'Reunification', null)],
      }),
    );
    assert.deepEqual(
      rows.map((r) => [r.person_id, r.assessment_type, r.listed]),
      [
        ['1', 'Reunification', 'Yes'],
        ['1', 'SGO', 'No'],
        ['2', 'SGO', 'Yes'],
      ],
    );
  });
});
