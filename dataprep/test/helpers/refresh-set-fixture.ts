import type { IsoDate } from '../../../core/src/index';
import type { PlannedAssessmentRow, PlanStatusHistoryRow, RefreshSet } from '../../src/model/refresh-set';
import type { RunInfo, RunOutcome } from '../../src/warehouse/warehouse';

const AS_AT = '2022-05-31' as IsoDate;

export function plannedRow(overrides: Partial<PlannedAssessmentRow> = {}): PlannedAssessmentRow {
  return {
    person_id: '100001', child_name: 'Child 100001', social_worker: 'SW 01', team: 'CS HPND Children In Care Team',
    locality: 'High Peak & North Dales', placement_type: 'U6: Foster placement - not FFA', placement_provider: 'Private provision',
    legal_status: 'C2', full_care_order: 'Yes', assessment_type: 'Reunification', predicted_start_date: '2022-05-04' as IsoDate,
    first_predicted_start_date: '2022-05-04' as IsoDate, prediction_revisions: 0, actual_start_date: '2022-05-12' as IsoDate,
    status: 'Started Late', status_order: 3, days_late: 8, in_care: 'Yes', ceased_date: null, ceased_reason: null,
    in_last_window: 'Yes', in_next_window: 'No', as_at_date: AS_AT, ...overrides,
  };
}

/** A small but complete RefreshSet: every curated table has at least one row. */
export function sampleRefreshSet(tag = 'a', asAt: IsoDate = AS_AT): RefreshSet {
  return {
    asAtDate: asAt,
    windowMonths: 3,
    issues: [],
    tables: {
      planned_assessment: [
        plannedRow({ person_id: `${tag}1`, as_at_date: asAt }),
        plannedRow({
          person_id: `${tag}2`, assessment_type: 'SGO', status: 'Upcoming - Planned Start in Next 3 Months', status_order: 2,
          predicted_start_date: '2022-06-06' as IsoDate, actual_start_date: null, days_late: 0, in_last_window: 'No',
          in_next_window: 'Yes', locality: 'Chesterfield', team: 'CS Chesterfield CIC Team', full_care_order: 'No', as_at_date: asAt,
        }),
      ],
      cic_cohort: [{
        person_id: `${tag}1`, child_name: 'Child', legal_status: 'C2', legal_status_description: 'Full care order', full_care_order: 'Yes',
        placement_type: 'U6: Foster placement - not FFA', placement_provider: 'Private provision', team: 'T', locality: 'L',
        social_worker: 'SW', period_of_care_start: '2020-06-01' as IsoDate, days_in_care: 729, ppoc_group: 'Other', has_plan: 'Yes',
        as_at_date: asAt,
      }],
      care_exit: [{
        person_id: `${tag}9`, ceased_date: '2022-04-01' as IsoDate, reason_code: 'E45', reason_group: 'SGO', legal_status_at_exit: 'C2',
        full_care_order_at_exit: 'Yes', team: 'T', locality: 'L', had_plan: 'No', as_at_date: asAt,
      }],
      locality_summary: [{
        locality: 'All', team: 'All', children_in_care: 1, fco_children: 1, plans: 2, started_on_time_last_window: 0,
        started_late_last_window: 1, not_yet_started: 0, upcoming_next_window: 1, sgo_exits_last_12_months: 1,
        reunification_exits_last_12_months: 0, as_at_date: asAt, full_care_order: 'All',
      }],
      target_progress: [{
        locality: 'All', measure: 'assessments_started', period_start: '2022-04-01' as IsoDate, period_end: '2023-03-31' as IsoDate,
        target: 40, actual: 1, as_at_date: asAt, full_care_order: 'All',
      }],
      plan_explanation: [{
        person_id: `${tag}1`, assessment_type: 'Reunification', listed: 'Yes', reason: 'Listed.', as_at_date: asAt, locality: 'L', team: 'T',
      }],
      user_access: [{ user_principal_name: 'tc@example.org', locality: 'L', team: null }],
      assessment_workflow: [{
        person_id: `${tag}1`, workflow_id: `W${tag}1`, workflow_type: 'SINGLE', start_date: '2022-05-12' as IsoDate,
        for_reunification: 'Yes', qualifies: 'Yes', reason: 'counts', as_at_date: asAt, locality: 'L', team: 'T',
      }],
      timeliness_by_month: [{
        month: '2022-05', locality: 'All', team: 'All', assessment_type: 'All', started: 3, started_on_time: 2, started_late: 1,
        pct_on_time: 66.7, median_days_late: 8, not_yet_started_at_month_end: 1, target_pct_on_time: null,
      }],
      locality_team: [{ locality: 'High Peak & North Dales', team: 'CS HPND Children In Care Team', sort_order: 1 }],
    },
    history: { rows: [historyRow(`${tag}1`, asAt), historyRow(`${tag}2`, asAt)], keepFrom: null },
  };
}

/** A plan_status_history row for the sample's first plan shape (run_id `run-history`). */
export function historyRow(personId: string, asAt: IsoDate, overrides: Partial<PlanStatusHistoryRow> = {}): PlanStatusHistoryRow {
  return {
    as_at_date: asAt, person_id: personId, assessment_type: 'Reunification', status: 'Started Late', status_order: 3,
    predicted_start_date: '2022-05-04' as IsoDate, actual_start_date: '2022-05-12' as IsoDate, days_late: 8,
    locality: 'High Peak & North Dales', team: 'CS HPND Children In Care Team', full_care_order: 'Yes', run_id: 'run-history',
    ...overrides,
  };
}

let counter = 0;
export function runInfo(overrides: Partial<RunInfo> = {}): RunInfo {
  counter += 1;
  return {
    runId: `run-${String(counter).padStart(4, '0')}`, startedAtUtc: new Date(Date.UTC(2022, 4, 31, 6, 0, counter)).toISOString(),
    asAtDate: AS_AT, windowMonths: 3, source: '/extracts/today', ...overrides,
  };
}

export function runOutcome(overrides: Partial<RunOutcome> = {}): RunOutcome {
  return {
    finishedAtUtc: new Date(Date.UTC(2022, 4, 31, 6, 5, counter)).toISOString(), rowsRead: 10, rowsRejected: 1, rowsWritten: 8,
    message: 'ok', issues: [], ...overrides,
  };
}
