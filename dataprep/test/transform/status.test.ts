import { strict as assert } from 'node:assert';
import type { PlannedAssessmentRow } from '../../src/model/refresh-set';
import { allocation, childWithPlan, episode, merge, prediction, rulesOf, run, start } from './builders';

const A = '2022-05-31';

function onlyRow(parts: Parameters<typeof run>[0], asAt = A): PlannedAssessmentRow {
  const rows = run(parts, asAt).tables.planned_assessment;
  assert.equal(rows.length, 1);
  return rows[0];
}

describe('transform: status, days late and windows', () => {
  it('a start on the predicted day is on time', () => {
    const row = onlyRow(childWithPlan('1', 'SGO', '2022-05-04', { actual: '2022-05-04' }));
    assert.equal(row.status, 'Started on Time');
    assert.equal(row.status_order, 4);
    assert.equal(row.days_late, 0);
    assert.equal(row.actual_start_date, '2022-05-04');
    assert.equal(row.in_last_window, 'Yes');
  });

  it('a start one day after the predicted day is late by 1 day', () => {
    const row = onlyRow(childWithPlan('1', 'Reunification', '2022-05-04', { actual: '2022-05-05' }));
    assert.equal(row.status, 'Started Late');
    assert.equal(row.status_order, 3);
    assert.equal(row.days_late, 1);
  });

  it('a prediction due today is upcoming, not late', () => {
    const row = onlyRow(childWithPlan('1', 'SGO', A));
    assert.equal(row.status, 'Upcoming - Planned Start in Next 3 Months');
    assert.equal(row.status_order, 2);
    assert.equal(row.days_late, 0);
    assert.equal(row.in_next_window, 'Yes');
    assert.equal(row.in_last_window, 'No');
  });

  it('predicted exactly A + 3 months is upcoming; one day later is Planned - Later', () => {
    assert.equal(onlyRow(childWithPlan('1', 'SGO', '2022-08-31')).status, 'Upcoming - Planned Start in Next 3 Months');
    const later = onlyRow(childWithPlan('1', 'SGO', '2022-09-01'));
    assert.equal(later.status, 'Planned - Later');
    assert.equal(later.status_order, 5);
    assert.equal(later.in_next_window, 'No');
  });

  it('upcoming text follows the window length', () => {
    const rows = run(childWithPlan('1', 'SGO', '2022-06-10'), A, { windowMonths: 6 }).tables.planned_assessment;
    assert.equal(rows[0].status, 'Upcoming - Planned Start in Next 6 Months');
  });

  it('not yet started with P = A − 1 counts in the last window and is 1 day late', () => {
    const row = onlyRow(childWithPlan('1', 'SGO', '2022-05-30'));
    assert.equal(row.status, 'Not Yet Started');
    assert.equal(row.status_order, 1);
    assert.equal(row.days_late, 1);
    assert.equal(row.in_last_window, 'Yes');
  });

  it('month-end window: A = 2022-05-31 starts the last window on 2022-02-28', () => {
    assert.equal(onlyRow(childWithPlan('1', 'SGO', '2022-02-28')).in_last_window, 'Yes');
    const outside = onlyRow(childWithPlan('1', 'SGO', '2022-02-27'));
    assert.equal(outside.status, 'Not Yet Started');
    assert.equal(outside.in_last_window, 'No');
    assert.equal(outside.days_late, 93);
    const startedOnEdge = onlyRow(childWithPlan('1', 'SGO', '2022-03-10', { actual: '2022-02-28' }));
    assert.equal(startedOnEdge.in_last_window, 'Yes');
    const startedBefore = onlyRow(childWithPlan('1', 'SGO', '2022-03-10', { actual: '2022-02-27' }));
    assert.equal(startedBefore.status, 'Started on Time');
    assert.equal(startedBefore.in_last_window, 'No');
  });

  it('month-end window in a leap year: A = 2024-05-31 starts the last window on 2024-02-29', () => {
    const fixture = (predicted: string) => childWithPlan('1', 'SGO', predicted, { submitted: '2024-01-10' });
    assert.equal(onlyRow(fixture('2024-02-29'), '2024-05-31').in_last_window, 'Yes');
    assert.equal(onlyRow(fixture('2024-02-28'), '2024-05-31').in_last_window, 'No');
  });

  it('lookback: a start exactly first_recorded_on − 90 days counts, − 91 does not', () => {
    // first recorded 2022-01-14; − 90 days = 2021-10-16.
    const edge = onlyRow(childWithPlan('1', 'SGO', '2022-03-01', { actual: '2021-10-16' }));
    assert.equal(edge.actual_start_date, '2021-10-16');
    assert.equal(edge.status, 'Started on Time');
    const older = onlyRow(childWithPlan('1', 'SGO', '2022-03-01', { actual: '2021-10-15' }));
    assert.equal(older.actual_start_date, null);
    assert.equal(older.status, 'Not Yet Started');
  });

  it('the lookback length is an option', () => {
    const rows = run(childWithPlan('1', 'SGO', '2022-03-01', { actual: '2021-10-15' }), A, { lookbackDays: 91 }).tables
      .planned_assessment;
    assert.equal(rows[0].actual_start_date, '2021-10-15');
  });

  it('the earliest qualifying start in range is used', () => {
    const parts = merge(childWithPlan('1', 'SGO', '2022-03-01'), {
      assessments: [start('1', 'SGO', '2022-04-02'), start('1', 'SGO', '2022-03-05'), start('1', 'SGO', null)],
    });
    assert.equal(onlyRow(parts).actual_start_date, '2022-03-05');
  });

  it('a start after A is ignored and warned with file, line and column', () => {
    const late = start('1', 'SGO', '2022-06-01');
    const set = run(merge(childWithPlan('1', 'SGO', '2022-05-10'), { assessments: [late] }), A);
    const row = set.tables.planned_assessment[0];
    assert.equal(row.actual_start_date, null);
    assert.equal(row.status, 'Not Yet Started');
    const issue = set.issues.find((i) => i.rule === 'assessment_after_as_at');
    assert.deepEqual(
      [issue?.severity, issue?.sourceFile, issue?.line, issue?.column, issue?.personId],
      ['warning', 'assessments.csv', late.line, 'start_date', '1'],
    );
  });

  it('only SGO workflows and SINGLE workflows for reunification qualify', () => {
    const parts = merge(childWithPlan('1', 'Reunification', '2022-05-10'), {
      assessments: [
        start('1', 'Reunification', '2022-05-01', { forReunification: false }),
        start('1', 'Reunification', '2022-05-02', { forReunification: null }),
        start('1', 'SGO', '2022-05-03'),
      ],
    });
    assert.equal(onlyRow(parts).actual_start_date, null);
  });
});

describe('transform: plans from prediction submissions', () => {
  const base = { episodes: [episode('1', '2020-06-01')], allocations: [allocation('1')] };

  it('submissions after A are ignored', () => {
    const row = onlyRow({
      ...base,
      predictions: [prediction('1', 'SGO', '2022-05-04', '2022-01-14'), prediction('1', 'SGO', '2022-09-30', '2022-06-01')],
    });
    assert.equal(row.predicted_start_date, '2022-05-04');
    assert.equal(row.prediction_revisions, 0);
  });

  it('a submission on A counts', () => {
    const row = onlyRow({
      ...base,
      predictions: [prediction('1', 'SGO', '2022-05-04', '2022-01-14'), prediction('1', 'SGO', '2022-07-30', '2022-05-31T23:59:00')],
    });
    assert.equal(row.predicted_start_date, '2022-07-30');
  });

  it('the latest submission wins, whatever the file order; first date and first recorded come from the earliest', () => {
    const row = onlyRow({
      ...base,
      predictions: [
        prediction('1', 'SGO', '2022-06-20', '2022-03-01T09:00:00'),
        prediction('1', 'SGO', '2022-04-01', '2022-01-14T10:00:00'),
        prediction('1', 'SGO', '2022-05-04', '2022-02-01T08:00:00'),
      ],
    });
    assert.equal(row.predicted_start_date, '2022-06-20');
    assert.equal(row.first_predicted_start_date, '2022-04-01');
    assert.equal(row.prediction_revisions, 2);
  });

  it('on a tie of submitted_at the later line wins', () => {
    const row = onlyRow({
      ...base,
      predictions: [
        prediction('1', 'SGO', '2022-07-07', '2022-02-01T08:00:00', { line: 9 }),
        prediction('1', 'SGO', '2022-06-06', '2022-02-01T08:00:00', { line: 8 }),
      ],
    });
    assert.equal(row.predicted_start_date, '2022-07-07');
  });

  it('revisions count changes only: A → B → B → A is 2', () => {
    const row = onlyRow({
      ...base,
      predictions: [
        prediction('1', 'SGO', '2022-06-01', '2022-01-01'),
        prediction('1', 'SGO', '2022-07-01', '2022-01-02'),
        prediction('1', 'SGO', '2022-07-01', '2022-01-03'),
        prediction('1', 'SGO', '2022-06-01', '2022-01-04'),
      ],
    });
    assert.equal(row.prediction_revisions, 2);
    assert.equal(row.predicted_start_date, '2022-06-01');
  });

  it('the lookback runs from the first submission on or before A', () => {
    const row = onlyRow({
      ...base,
      predictions: [prediction('1', 'SGO', '2022-05-04', '2022-03-01'), prediction('1', 'SGO', '2022-05-04', '2021-12-01')],
      assessments: [start('1', 'SGO', '2021-09-02')],
    });
    // 2021-12-01 − 90 days = 2021-09-02.
    assert.equal(row.actual_start_date, '2021-09-02');
  });

  it('SGO and Reunification plans of one child are separate rows', () => {
    const set = run(
      {
        ...base,
        predictions: [prediction('1', 'SGO', '2022-05-04', '2022-01-14'), prediction('1', 'Reunification', '2022-07-04', '2022-01-14')],
      },
      A,
    );
    assert.deepEqual(
      set.tables.planned_assessment.map((r) => r.assessment_type),
      ['SGO', 'Reunification'],
    );
    assert.deepEqual(rulesOf(set), []);
  });

  it('rows are ordered by status order, predicted date, person', () => {
    const parts = merge(
      childWithPlan('3', 'SGO', '2022-09-10'),
      childWithPlan('2', 'SGO', '2022-06-10'),
      childWithPlan('1', 'SGO', '2022-06-10'),
      childWithPlan('4', 'SGO', '2022-05-10'),
      childWithPlan('5', 'SGO', '2022-05-10', { actual: '2022-05-10' }),
      childWithPlan('6', 'SGO', '2022-05-10', { actual: '2022-05-11' }),
    );
    const rows = run(parts, A).tables.planned_assessment;
    assert.deepEqual(
      rows.map((r) => r.person_id),
      ['4', '1', '2', '6', '5', '3'],
    );
  });
});
