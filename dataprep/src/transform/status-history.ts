import { addDays, type IsoDate } from '../../../core/src/index';
import type { HistoryUpdate, PlannedAssessmentRow, PlanStatusHistoryRow } from '../model/refresh-set';

/** PPOC_HISTORY_DAYS = N keeps the history dated on or after A − N days; null keeps everything. */
export function historyKeepFrom(asAt: IsoDate, historyDays: number | null): IsoDate | null {
  return historyDays === null ? null : addDays(asAt, -historyDays);
}

/** One row per listed plan for the run's as-at date: the day's status, to follow over time. */
export function buildStatusHistory(
  planned: readonly PlannedAssessmentRow[],
  options: { asAt: IsoDate; runId: string; historyDays: number | null },
): HistoryUpdate {
  const rows: PlanStatusHistoryRow[] = planned.map((plan) => ({
    as_at_date: options.asAt,
    person_id: plan.person_id,
    assessment_type: plan.assessment_type,
    status: plan.status,
    status_order: plan.status_order,
    predicted_start_date: plan.predicted_start_date,
    actual_start_date: plan.actual_start_date,
    days_late: plan.days_late,
    locality: plan.locality,
    team: plan.team,
    full_care_order: plan.full_care_order,
    run_id: options.runId,
  }));
  return { rows, keepFrom: historyKeepFrom(options.asAt, options.historyDays) };
}
