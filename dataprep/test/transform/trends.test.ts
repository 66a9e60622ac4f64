import { strict as assert } from 'node:assert';
import type { IsoDate } from '../../../core/src/index';
import { NO_PRIOR_HISTORY, type PlanStatusHistoryRow, type PriorHistory, type TimelinessByMonthRow } from '../../src/model/refresh-set';
import type { SourceData } from '../../src/model/source-records';
import { buildRefreshSet } from '../../src/transform/index';
import { historyKeepFrom } from '../../src/transform/status-history';
import { percentOneDecimal } from '../../src/transform/timeliness-targets';
import { historyRow } from '../helpers/refresh-set-fixture';
import { allocation, childWithPlan, episode, merge, options, sourceData, target } from './builders';

const A = '2022-05-31';

function build(parts: Partial<SourceData>, prior: Partial<PriorHistory> = {}, asAt = A) {
  return buildRefreshSet(sourceData(parts), options(asAt), { ...NO_PRIOR_HISTORY, ...prior });
}

type Row = TimelinessByMonthRow;
const cell = (rows: Row[], month: string, locality = 'All', team = 'All', type = 'All') =>
  rows.find((r) => r.month === month && r.locality === locality && r.team === team && r.assessment_type === type);
const counts = (row: Row | undefined) =>
  row && [row.started, row.started_on_time, row.started_late, row.pct_on_time, row.median_days_late, row.not_yet_started_at_month_end];

/** A child in care whose plan (predicted P) started on S, in Team A / Locality A unless told. */
const started = (id: string, predicted: string, actual: string, place: { team?: string; locality?: string | null } = {}) => ({
  ...childWithPlan(id, 'SGO', predicted, { actual }),
  allocations: [allocation(id, place)],
});

const past = (person: string, asAt: string, fields: Partial<PlanStatusHistoryRow> = {}) =>
  historyRow(person, asAt as IsoDate, { locality: 'Locality A', team: 'Team A', assessment_type: 'SGO', ...fields });

describe('transform: timeliness_by_month rules', () => {
  it('rounds pct_on_time to one decimal, halves away from zero, exactly (no binary-fraction drift)', () => {
    assert.deepEqual(
      [[2, 3], [1, 3], [1, 8], [1, 16], [1, 80], [1, 40], [0, 5], [5, 5], [1, 0]].map(([p, w]) => percentOneDecimal(p, w)),
      [66.7, 33.3, 12.5, 6.3, 1.3, 2.5, 0, 100, null],
    );
  });

  it('counts a start in the calendar month of its actual start date, on time when S ≤ P (month-end boundary)', () => {
    const rows = build(merge(
      started('1', '2022-03-31', '2022-03-31'), // on the predicted day: on time, in March
      started('2', '2022-03-30', '2022-04-01'), // a day into April, late by 2
      started('3', '2022-04-01', '2022-03-31'), // early: on time, in March
    )).tables.timeliness_by_month;
    assert.deepEqual(counts(cell(rows, '2022-03')), [2, 2, 0, 100, null, null]);
    assert.deepEqual(counts(cell(rows, '2022-04')), [1, 0, 1, 0, 2, null]);
  });

  it('takes the median of late starts only; an even count averages the two middle values', () => {
    const rows = build(merge(
      started('1', '2022-04-01', '2022-04-04'), // 3 late
      started('2', '2022-04-01', '2022-04-11'), // 10 late
      started('3', '2022-04-20', '2022-04-20'), // on time: not in the median
      started('4', '2022-04-01', '2022-04-06'), // 5 late
    )).tables.timeliness_by_month;
    assert.deepEqual(counts(cell(rows, '2022-04')), [4, 1, 3, 25, 5, null]);
    const even = build(merge(started('1', '2022-04-01', '2022-04-04'), started('2', '2022-04-01', '2022-04-09'))).tables.timeliness_by_month;
    assert.equal(cell(even, '2022-04')?.median_days_late, 5.5);
  });

  it('counts not yet started on the last as-at date of each month in the history; null for a month without history', () => {
    const prior = {
      monthEnds: [
        past('7', '2022-03-31', { status: 'Not Yet Started', actual_start_date: null }),
        past('8', '2022-03-31', { status: 'Upcoming - Planned Start in Next 3 Months', actual_start_date: null }),
        past('8', '2022-04-30', { status: 'Not Yet Started', actual_start_date: null }),
        past('9', '2022-04-30', { status: 'Not Yet Started', actual_start_date: null, locality: 'Locality B', team: 'Team B' }),
      ],
    };
    const rows = build(merge(started('1', '2022-02-01', '2022-02-01'), childWithPlan('2', 'SGO', '2022-05-01')), prior).tables.timeliness_by_month;
    assert.equal(cell(rows, '2022-02')?.not_yet_started_at_month_end, null, 'no history in February');
    assert.equal(cell(rows, '2022-03')?.not_yet_started_at_month_end, 1);
    assert.equal(cell(rows, '2022-04')?.not_yet_started_at_month_end, 2);
    assert.equal(cell(rows, '2022-04', 'Locality A', 'All')?.not_yet_started_at_month_end, 1);
    assert.equal(cell(rows, '2022-05')?.not_yet_started_at_month_end, 1, 'A\'s month: today\'s listing (plan 2) is its last date');
    assert.deepEqual(counts(cell(rows, '2022-03')), [0, 0, 0, null, null, 1], 'a month with history and no start: pct null');
  });

  it('uses only the last as-at date of a month even when the history holds earlier ones', () => {
    const prior = {
      monthEnds: [
        past('7', '2022-04-15', { status: 'Not Yet Started', actual_start_date: null }),
        past('7', '2022-04-29', { status: 'Started Late', actual_start_date: '2022-04-20' as IsoDate, days_late: 5 }),
      ],
    };
    const rows = build({}, prior).tables.timeliness_by_month;
    assert.equal(cell(rows, '2022-04')?.not_yet_started_at_month_end, 0);
  });

  it('counts the start of a plan no longer listed from its latest history row; today\'s row wins for a listed plan', () => {
    const prior = {
      latestByPlan: [
        past('5', '2021-10-31', { status: 'Started on Time', actual_start_date: '2021-09-01' as IsoDate }), // child left care since
        past('1', '2022-04-30', { status: 'Started Late', actual_start_date: '2022-04-02' as IsoDate, days_late: 1 }),
      ],
    };
    // Child 1's prediction was revised: today its start on 2022-04-02 is on time.
    const rows = build(started('1', '2022-04-05', '2022-04-02'), prior).tables.timeliness_by_month;
    assert.deepEqual(counts(cell(rows, '2021-09')), [1, 1, 0, 100, null, null]);
    assert.deepEqual(counts(cell(rows, '2022-04')), [1, 1, 0, 100, null, null]);
  });

  it('rolls up into team All within a locality, locality and team All, and type All; never a team under locality All', () => {
    const rows = build(merge(
      started('1', '2022-04-01', '2022-04-01'),
      started('2', '2022-04-01', '2022-04-01', { team: 'TEAM A', locality: 'locality a' }), // same place, other case: first spelling kept
      started('3', '2022-04-01', '2022-04-01', { team: 'Team C', locality: null }),
    )).tables.timeliness_by_month;
    const april = rows.filter((r) => r.month === '2022-04');
    assert.deepEqual(april.map((r) => [r.locality, r.team, r.assessment_type, r.started]), [
      ['All', 'All', 'All', 3], ['All', 'All', 'SGO', 3],
      ['Locality A', 'All', 'All', 2], ['Locality A', 'All', 'SGO', 2],
      ['Locality A', 'Team A', 'All', 2], ['Locality A', 'Team A', 'SGO', 2],
      ['Unknown', 'All', 'All', 1], ['Unknown', 'All', 'SGO', 1],
      ['Unknown', 'Team C', 'All', 1], ['Unknown', 'Team C', 'SGO', 1],
    ]);
    const may = rows.filter((r) => r.month === '2022-05');
    assert.deepEqual(may.map((r) => [r.started, r.not_yet_started_at_month_end]), april.map(() => [0, 0]), 'A\'s month: the same cells, from today\'s listing');
  });

  it('sets target_pct_on_time from the on-time and started targets of the same locality and period covering the month\'s first day', () => {
    const targets = [
      target('All', 'assessments_started', '2022-04-01', '2023-03-31', 30),
      target('All', 'assessments_started_on_time', '2022-04-01', '2023-03-31', 20),
      target('Locality A', 'assessments_started', '2022-04-01', '2023-03-31', 8),
      target('locality a', 'assessments_started_on_time', '2022-04-01', '2023-03-31', 7),
    ];
    const rows = build({ ...merge(started('1', '2022-03-01', '2022-03-31'), started('2', '2022-04-01', '2022-04-01')), targets })
      .tables.timeliness_by_month;
    assert.equal(cell(rows, '2022-03')?.target_pct_on_time, null, 'March 1st is before the period');
    assert.equal(cell(rows, '2022-04')?.target_pct_on_time, 66.7);
    assert.equal(cell(rows, '2022-04', 'Locality A', 'Team A', 'SGO')?.target_pct_on_time, 87.5, 'team rows take their locality\'s');
  });

  it('gives no percentage target without both measures, and warns when the on-time target exceeds the started one', () => {
    const only = build({ ...started('1', '2022-04-01', '2022-04-01'), targets: [target('All', 'assessments_started', '2022-04-01', '2023-03-31', 30)] });
    assert.equal(cell(only.tables.timeliness_by_month, '2022-04')?.target_pct_on_time, null);
    const over = build({
      ...started('1', '2022-04-01', '2022-04-01'),
      targets: [target('All', 'assessments_started', '2022-04-01', '2023-03-31', 3), target('All', 'assessments_started_on_time', '2022-04-01', '2023-03-31', 4)],
    });
    assert.equal(cell(over.tables.timeliness_by_month, '2022-04')?.target_pct_on_time, null);
    assert.deepEqual(over.issues.filter((i) => i.rule === 'target_on_time_not_a_share').map((i) => [i.sourceFile, i.column]), [['targets.csv', 'target']]);
  });
});

describe('transform: plan_status_history and locality_team', () => {
  it('records every listed plan for A with the run id, and the retention cut-off A − N days', () => {
    const set = buildRefreshSet(sourceData(started('1', '2022-04-01', '2022-04-03')), options(A, { runId: 'run-7', historyDays: 30 }));
    assert.deepEqual(set.history.rows.map((r) => [r.as_at_date, r.person_id, r.status, r.days_late, r.run_id]), [
      [A, '1', 'Started Late', 2, 'run-7'],
    ]);
    assert.equal(set.history.keepFrom, '2022-05-01');
    assert.equal(historyKeepFrom(A as IsoDate, null), null);
    assert.equal(historyKeepFrom('2024-03-01' as IsoDate, 1), '2024-02-29');
    assert.throws(() => buildRefreshSet(sourceData(), options(A, { historyDays: 0 })), RangeError);
  });

  it('lists every place of any table and of the kept history once, case-insensitively, Unknown last, no All', () => {
    const set = build(
      {
        ...merge(
          started('1', '2022-04-01', '2022-04-01', { team: 'Team B' }),
          started('2', '2022-04-01', '2022-04-01', { team: 'team b', locality: 'LOCALITY A' }),
          { episodes: [episode('3', '2020-01-01', { dec: '2022-01-01', rec: 'E45' })], allocations: [allocation('3', { team: null })] },
        ),
      },
      { places: [{ locality: 'Locality Z', team: 'Old Team' }, { locality: 'All', team: 'All' }] },
    );
    assert.deepEqual(set.tables.locality_team, [
      { locality: 'Locality A', team: 'Team B', sort_order: 1 },
      { locality: 'Locality A', team: 'Unknown', sort_order: 2 },
      { locality: 'Locality Z', team: 'Old Team', sort_order: 3 },
    ]);
  });
});
