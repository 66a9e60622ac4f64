import { strict as assert } from 'node:assert';
import { allocation, episode, prediction, rulesOf, run } from './builders';

const A = '2022-05-31';

/** A child with one SGO plan predicted in the next window, plus the given episodes. */
function planFor(id: string, episodes: ReturnType<typeof episode>[]) {
  return {
    episodes,
    allocations: [allocation(id)],
    predictions: [prediction(id, 'SGO', '2022-06-15', '2022-01-14')],
  };
}

describe('transform: in care and periods of care', () => {
  it('in care: an episode with DECOM ≤ A and no DEC, or DEC after A', () => {
    const set = run(
      {
        episodes: [
          episode('1', '2022-05-31'),
          episode('2', '2021-01-01', { dec: '2022-06-01', rec: 'E11' }),
          episode('3', '2022-06-01'),
          episode('4', '2021-01-01', { dec: '2022-05-31', rec: 'E11' }),
        ],
      },
      A,
    );
    assert.deepEqual(
      set.tables.cic_cohort.map((r) => r.person_id),
      ['1', '2'],
    );
    // Child 4 left on A itself: an exit; child 3's only episode is in the future: ignored.
    assert.deepEqual(
      set.tables.care_exit.map((r) => [r.person_id, r.ceased_date]),
      [['4', '2022-05-31']],
    );
  });

  it('warns episode_starts_after_as_at for an open episode starting after A (the child is then not in the cohort)', () => {
    const set = run(
      {
        episodes: [
          episode('1', '2022-06-10'), // open, after A: child 1 drops out of cic_cohort
          episode('2', '2020-01-01'), episode('2', '2022-06-10'), // still in care through the earlier episode
          episode('3', '2022-06-10', { dec: '2022-07-01', rec: 'E11' }), // closed: an ordinary later episode
        ],
      },
      A,
    );
    assert.deepEqual(set.tables.cic_cohort.map((r) => r.person_id), ['2']);
    const warnings = set.issues.filter((i) => i.rule === 'episode_starts_after_as_at');
    assert.deepEqual(warnings.map((w) => [w.personId, w.severity, w.sourceFile, w.column]), [
      ['1', 'warning', 'episodes.csv', 'DECOM'], ['2', 'warning', 'episodes.csv', 'DECOM'],
    ]);
    assert.ok(warnings.every((w) => w.line !== null));
    assert.equal(warnings[0].message, 'Open episode starts on 2022-06-10, after the as-at date 2022-05-31; it is not counted');
  });

  it('left care on A − 3 months is listed; one day earlier is not (and is warned)', () => {
    const onEdge = run(planFor('1', [episode('1', '2020-01-01', { dec: '2022-02-28', rec: 'E45' })]), A);
    const row = onEdge.tables.planned_assessment[0];
    assert.equal(row.in_care, 'No');
    assert.equal(row.ceased_date, '2022-02-28');
    assert.equal(row.ceased_reason, 'E45');
    const earlier = planFor('1', [episode('1', '2020-01-01', { dec: '2022-02-27', rec: 'E45' })]);
    const aged = run(earlier, A);
    assert.equal(aged.tables.planned_assessment.length, 0);
    // Left after the plan was first recorded (2022-01-14): normal, explained, not a warning.
    assert.equal(aged.issues.filter((i) => i.rule === 'prediction_for_child_not_in_care').length, 0);
    assert.match(aged.tables.plan_explanation[0].reason, /^Not listed: not in care/);
    const before = planFor('1', [episode('1', '2020-01-01', { dec: '2022-01-13', rec: 'E45' })]);
    const set = run(before, A);
    assert.equal(set.tables.planned_assessment.length, 0);
    const issue = set.issues.find((i) => i.rule === 'prediction_for_child_not_in_care');
    assert.equal(issue?.sourceFile, 'predictions.csv');
    assert.equal(issue?.line, before.predictions[0].line);
    assert.equal(issue?.personId, '1');
  });

  it('a plan for a child with no episodes is not listed and warned', () => {
    const set = run({ allocations: [allocation('1')], predictions: [prediction('1', 'SGO', '2022-06-15', '2022-01-14')] }, A);
    assert.equal(set.tables.planned_assessment.length, 0);
    assert.deepEqual(rulesOf(set), ['prediction_for_child_not_in_care']);
  });

  it('episodes starting after A are ignored, so a child only in future episodes is not in care', () => {
    const set = run(planFor('1', [episode('1', '2022-06-01')]), A);
    assert.equal(set.tables.cic_cohort.length, 0);
    assert.equal(set.tables.planned_assessment.length, 0);
  });

  it('X1 chains join episodes into one period of care', () => {
    const set = run(
      planFor('1', [
        episode('1', '2021-03-01', { dec: '2021-09-01', rec: 'X1' }),
        episode('1', '2020-01-10', { dec: '2021-03-01', rec: 'X1', ls: 'C1' }),
        episode('1', '2021-09-01', { place: 'P1', placeProvider: 'PR0' }),
      ]),
      A,
    );
    const child = set.tables.cic_cohort[0];
    assert.equal(child.period_of_care_start, '2020-01-10');
    assert.equal(child.days_in_care, 872);
    assert.equal(child.ppoc_group, 'Placed with parents');
    assert.equal(child.placement_type, 'P1: Placed with parents');
    assert.equal(child.placement_provider, 'Parents/Parental responsibility');
    assert.equal(set.tables.care_exit.length, 0);
    assert.deepEqual(rulesOf(set), []);
  });

  it('a new period after an exit: exits are rows, the cohort counts from the new start', () => {
    const set = run(
      planFor('1', [
        episode('1', '2019-01-01', { dec: '2019-06-01', rec: 'X1' }),
        episode('1', '2019-06-01', { dec: '2020-01-01', rec: 'E4A', ls: 'C1' }),
        episode('1', '2021-05-01', { dec: '2021-06-01', rec: 'E13' }),
        episode('1', '2022-01-01', { ls: 'C2', place: 'U1' }),
      ]),
      A,
    );
    assert.equal(set.tables.cic_cohort[0].period_of_care_start, '2022-01-01');
    assert.equal(set.tables.cic_cohort[0].ppoc_group, 'Connected carers');
    assert.deepEqual(
      set.tables.care_exit.map((r) => [r.ceased_date, r.reason_code, r.reason_group, r.legal_status_at_exit, r.full_care_order_at_exit, r.had_plan]),
      [
        ['2020-01-01', 'E4A', 'Reunification', 'C1', 'No', 'Yes'],
        ['2021-06-01', 'E13', 'Other', 'C2', 'Yes', 'Yes'],
      ],
    );
  });

  it('the latest of several open episodes is current, warned once on the later line', () => {
    const later = episode('1', '2021-02-01', { ls: 'V2', place: 'U4' });
    const set = run(planFor('1', [episode('1', '2020-01-01'), later, episode('1', '2020-06-01')]), A);
    const issues = set.issues.filter((i) => i.rule === 'multiple_open_episodes');
    assert.equal(issues.length, 1);
    assert.equal(issues[0].line, later.line);
    assert.equal(issues[0].sourceFile, 'episodes.csv');
    assert.equal(set.tables.cic_cohort[0].legal_status, 'V2');
    assert.equal(set.tables.cic_cohort[0].full_care_order, 'No');
    assert.equal(set.tables.planned_assessment[0].placement_type, 'U4: Foster placement - long term');
  });

  it('DEC with an empty REC is an exit for reason Other, warned', () => {
    const ep = episode('1', '2020-01-01', { dec: '2022-04-01', rec: null });
    const set = run(planFor('1', [ep]), A);
    assert.equal(set.tables.planned_assessment[0].ceased_reason, null);
    assert.deepEqual(
      set.tables.care_exit.map((r) => [r.reason_code, r.reason_group]),
      [[null, 'Other']],
    );
    const issue = set.issues.find((i) => i.rule === 'missing_reason_ceased');
    assert.deepEqual([issue?.line, issue?.column], [ep.line, 'REC']);
  });

  it('X1 with no following episode: not in care, no exit, not listed, warned', () => {
    const ep = episode('1', '2020-01-01', { dec: '2022-04-01', rec: 'X1' });
    const set = run(planFor('1', [ep]), A);
    assert.equal(set.tables.planned_assessment.length, 0);
    assert.equal(set.tables.care_exit.length, 0);
    assert.equal(set.tables.cic_cohort.length, 0);
    const issue = set.issues.find((i) => i.rule === 'x1_without_next_episode');
    assert.deepEqual([issue?.line, issue?.column, issue?.personId], [ep.line, 'REC', '1']);
    assert.ok(rulesOf(set).includes('prediction_for_child_not_in_care'));
  });

  it('X1 followed by a gap: warned, no exit, and a new period starts with the next episode', () => {
    const x1 = episode('1', '2020-01-01', { dec: '2021-01-01', rec: 'X1' });
    const set = run(planFor('1', [x1, episode('1', '2021-02-01')]), A);
    assert.equal(set.tables.cic_cohort[0].period_of_care_start, '2021-02-01');
    assert.equal(set.tables.care_exit.length, 0);
    const issue = set.issues.find((i) => i.rule === 'x1_without_next_episode');
    assert.equal(issue?.line, x1.line);
    assert.equal(set.tables.planned_assessment.length, 1);
  });

  it('an episode open at A keeps the period open even when a later overlapping one has ended', () => {
    const set = run(
      planFor('1', [episode('1', '2020-01-01'), episode('1', '2021-01-01', { dec: '2021-06-01', rec: 'E4A' })]),
      A,
    );
    assert.equal(set.tables.cic_cohort[0].period_of_care_start, '2020-01-01');
    assert.equal(set.tables.care_exit.length, 0);
    assert.equal(set.tables.planned_assessment[0].in_care, 'Yes');
  });

  it('two periods of one child ending on the same date give one care_exit row', () => {
    const set = run(
      {
        episodes: [
          episode('1', '2020-01-01', { dec: '2021-01-01', rec: 'E11' }),
          episode('1', '2020-06-01', { dec: '2021-01-01', rec: 'E45' }),
        ],
      },
      A,
    );
    assert.equal(set.tables.care_exit.length, 1);
  });

  it('a child who left is shown with the last episode: FCO and placement at exit', () => {
    const set = run(planFor('1', [episode('1', '2020-01-01', { dec: '2022-04-01', rec: 'E45', ls: 'C2', place: 'U3' })]), A);
    const row = set.tables.planned_assessment[0];
    assert.equal(row.full_care_order, 'Yes');
    assert.equal(row.legal_status, 'C2');
    assert.equal(row.placement_type, 'U3: Foster placement - relative - not FFA');
    assert.equal(row.in_care, 'No');
  });

  it('FCO is Yes only for LS C2 (trimmed, any case)', () => {
    const set = run(
      {
        episodes: [episode('1', '2021-01-01', { ls: ' c2 ' }), episode('2', '2021-01-01', { ls: 'C1' }), episode('3', '2021-01-01', { ls: '' })],
        allocations: [allocation('1'), allocation('2'), allocation('3')],
      },
      A,
    );
    assert.deepEqual(
      set.tables.cic_cohort.map((r) => [r.full_care_order, r.legal_status, r.legal_status_description]),
      [
        ['Yes', 'c2', 'Full care order'],
        ['No', 'C1', 'Interim care order'],
        ['No', null, null],
      ],
    );
  });

  it('has_plan is Yes only for a listed plan', () => {
    const set = run(
      {
        episodes: [episode('1', '2021-01-01'), episode('2', '2021-01-01')],
        allocations: [allocation('1'), allocation('2')],
        predictions: [prediction('1', 'SGO', '2022-06-15', '2022-01-14'), prediction('2', 'SGO', '2022-06-15', '2022-06-14')],
      },
      A,
    );
    assert.deepEqual(
      set.tables.cic_cohort.map((r) => r.has_plan),
      ['Yes', 'No'],
    );
  });
});
