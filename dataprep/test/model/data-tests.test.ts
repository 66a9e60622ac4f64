import assert from 'node:assert/strict';
import { catalogViolations } from '../../src/model/data-tests';
import { plannedRow, sampleRefreshSet } from '../helpers/refresh-set-fixture';

describe('catalog data tests (run on every refresh before publishing)', () => {
  it('pass on a well-formed set', () => {
    assert.deepEqual(catalogViolations(sampleRefreshSet()), []);
  });

  it('name the table, column and row of each kind of violation', () => {
    const set = sampleRefreshSet();
    const rows = set.tables.planned_assessment as unknown as Record<string, unknown>[];
    rows[0].status = null;
    rows[1].predicted_start_date = '31/05/2022';
    set.tables.cic_cohort[0].days_in_care = 1.5;
    (set.tables.care_exit[0] as unknown as Record<string, unknown>).had_plan = 'Y';
    set.tables.plan_explanation[0].reason = 'x'.repeat(1001);
    assert.deepEqual(catalogViolations(set), [
      'planned_assessment.status is empty but required (row 1)',
      'planned_assessment.predicted_start_date is not a calendar date (row 2)',
      'cic_cohort.days_in_care is not a whole number (row 1)',
      'care_exit.had_plan is not Yes/No (row 1)',
      'plan_explanation.reason is longer than 1000 characters (row 1)',
    ]);
  });

  it('report an invalid value again on the next row, however often a column repeats its values', () => {
    const set = sampleRefreshSet();
    const rows = set.tables.planned_assessment as unknown as Record<string, unknown>[];
    for (const row of rows) row.predicted_start_date = '31/05/2022';
    rows[0].as_at_date = '2024-02-30';
    rows[1].as_at_date = '2024-02-30';
    assert.deepEqual(catalogViolations(set), [
      'planned_assessment.predicted_start_date is not a calendar date (row 1)',
      'planned_assessment.as_at_date is not a calendar date (row 1)',
      'planned_assessment.predicted_start_date is not a calendar date (row 2)',
      'planned_assessment.as_at_date is not a calendar date (row 2)',
    ]);
  });

  it('check decimals against DECIMAL(p, s), and the history rows too', () => {
    const set = sampleRefreshSet();
    const [row] = set.tables.timeliness_by_month;
    row.pct_on_time = 66.67;
    row.median_days_late = 1_000_000;
    row.target_pct_on_time = Number.NaN;
    set.history.rows[1].run_id = null as unknown as string;
    assert.deepEqual(catalogViolations(set), [
      'timeliness_by_month.pct_on_time does not fit DECIMAL(4,1) (row 1)',
      'timeliness_by_month.median_days_late does not fit DECIMAL(7,1) (row 1)',
      'timeliness_by_month.target_pct_on_time does not fit DECIMAL(4,1) (row 1)',
      'plan_status_history.run_id is empty but required (row 2)',
    ]);
    row.pct_on_time = 100;
    row.median_days_late = 99_999.5;
    row.target_pct_on_time = null;
    set.history.rows[1].run_id = 'r';
    assert.deepEqual(catalogViolations(set), []);
  });

  it('find duplicate keys case-insensitively, as SQL Server compares them', () => {
    const set = sampleRefreshSet();
    set.tables.planned_assessment.push(plannedRow({ person_id: 'A1', assessment_type: 'reunification' }));
    assert.deepEqual(catalogViolations(set), ['planned_assessment has a duplicate key (person_id, assessment_type) (row 3)']);
  });

  it('find duplicate keys that differ only by trailing spaces, which SQL Server ignores when comparing', () => {
    const set = sampleRefreshSet();
    set.tables.planned_assessment.push(plannedRow({ person_id: 'a1  ', assessment_type: 'Reunification' }));
    assert.deepEqual(catalogViolations(set), ['planned_assessment has a duplicate key (person_id, assessment_type) (row 3)']);
    const leading = sampleRefreshSet();
    leading.tables.planned_assessment.push(plannedRow({ person_id: ' a1', assessment_type: 'Reunification' }));
    assert.deepEqual(catalogViolations(leading), [], 'leading spaces count');
  });

  it('stop at the limit', () => {
    const set = sampleRefreshSet();
    for (const row of set.tables.planned_assessment) (row as unknown as Record<string, unknown>).status = null;
    assert.equal(catalogViolations(set, 1).length, 1);
  });
});
