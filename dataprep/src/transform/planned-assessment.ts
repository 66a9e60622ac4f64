import { STATUS_ORDER, statusText, yesNo, type IsoDate } from '../../../core/src/index';
import type { PlannedAssessmentRow } from '../model/refresh-set';
import { episodeView } from './episode-codes';
import { isInCohort } from './listing';
import { MissingAllocationWarner } from './lookups';
import type { PlanOutcome } from './plan-outcomes';
import { compareText as cmp } from './grouping';

function compareRows(a: PlannedAssessmentRow, b: PlannedAssessmentRow): number {
  return (
    a.status_order - b.status_order ||
    cmp(a.predicted_start_date, b.predicted_start_date) ||
    cmp(a.person_id, b.person_id) ||
    cmp(a.assessment_type, b.assessment_type)
  );
}

function rowFor(outcome: PlanOutcome, allocations: MissingAllocationWarner, asAt: IsoDate, windowMonths: number): PlannedAssessmentRow {
  const { plan, decision } = outcome;
  const basis = decision.basis;
  if (!isInCohort(basis)) throw new Error('planned_assessment rows are for listed plans only');
  const episode = episodeView(basis.care.currentEpisode);
  const allocation = allocations.require(plan.personId, 'with a listed plan');
  const exit = basis.kind === 'leftRecently' ? basis.exit : null;
  return {
    person_id: plan.personId,
    child_name: allocation?.childName ?? null,
    social_worker: allocation?.socialWorker ?? null,
    team: allocation?.team ?? null,
    locality: allocation?.locality ?? null,
    placement_type: episode.placementType,
    placement_provider: episode.placementProvider,
    legal_status: episode.legalStatus,
    full_care_order: episode.fullCareOrder,
    assessment_type: plan.type,
    predicted_start_date: plan.predicted,
    first_predicted_start_date: plan.firstPredicted,
    prediction_revisions: plan.revisions,
    actual_start_date: outcome.match.used?.startDate ?? null,
    status: statusText(outcome.status, windowMonths),
    status_order: STATUS_ORDER[outcome.status],
    days_late: outcome.daysLate,
    in_care: yesNo(basis.kind === 'inCare'),
    ceased_date: exit?.ceasedDate ?? null,
    ceased_reason: exit?.reasonCode ?? null,
    in_last_window: yesNo(outcome.membership.last != null),
    in_next_window: yesNo(outcome.membership.next),
    as_at_date: asAt,
  };
}

/** One row per listed plan, ordered by status order, predicted date, person. */
export function buildPlannedAssessment(
  outcomes: readonly PlanOutcome[],
  allocations: MissingAllocationWarner,
  asAt: IsoDate,
  windowMonths: number,
): PlannedAssessmentRow[] {
  return outcomes
    .filter((outcome) => outcome.decision.listed)
    .map((outcome) => rowFor(outcome, allocations, asAt, windowMonths))
    .sort(compareRows);
}
