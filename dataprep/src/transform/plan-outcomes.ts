import {
  daysLate,
  deriveStatus,
  sentenceMembership,
  windowsFor,
  type IsoDate,
  type SentenceMembership,
  type StatusKey,
} from '../../../core/src/index';
import type { TransformOptions } from '../model/refresh-set';
import type { Exclusion } from './exclusions';
import { pairKey } from './grouping';
import { IssueLog } from './issues';
import { careBasis, decideListing, isInCohort, type ListingDecision } from './listing';
import type { ChildCare } from './periods-of-care';
import type { Plan, PredictionGroup } from './plans';
import { matchStart, type QualifyingStart, type StartMatch } from './actual-starts';

/** Everything the rules say about one plan at A. */
export interface PlanOutcome {
  plan: Plan;
  group: PredictionGroup;
  match: StartMatch;
  decision: ListingDecision;
  status: StatusKey;
  daysLate: number;
  membership: SentenceMembership;
}

export interface PlanInputs {
  groups: ReadonlyMap<string, PredictionGroup>;
  starts: ReadonlyMap<string, QualifyingStart[]>;
  care: ReadonlyMap<string, ChildCare>;
  exclusions: ReadonlyMap<string, Exclusion>;
}

/**
 * A plan for a child who is not in care (and not a recent leaver) is unusual only when the child
 * was already out of care when the plan was first recorded. A child who left after that has
 * simply aged out of the window: plan_explanation says so, and MI's issue list stays actionable.
 */
function warnNotInCare(plan: Plan, decision: ListingDecision, asAt: IsoDate, log: IssueLog): void {
  const { basis } = decision;
  if (decision.exclusion?.applies === true || isInCohort(basis)) return;
  if (basis.kind === 'leftBefore' && basis.exit.ceasedDate >= plan.firstRecordedOn) return;
  log.warn('prediction_for_child_not_in_care', `Prediction for a child not in care at ${asAt} and not in care when the plan was first recorded; not listed`, {
    ref: plan.latest,
    column: 'person_id',
    personId: plan.personId,
  });
}

/** Status, days late, sentence membership and listing for every plan, in input order. */
export function buildPlanOutcomes(inputs: PlanInputs, options: TransformOptions, log: IssueLog): PlanOutcome[] {
  const { asAt, windowMonths, lookbackDays } = options;
  const windows = windowsFor(asAt, windowMonths);
  const outcomes: PlanOutcome[] = [];
  for (const group of inputs.groups.values()) {
    const plan = group.plan;
    if (plan == null) continue;
    const match = matchStart(inputs.starts.get(pairKey(plan.personId, plan.type)) ?? [], plan.firstRecordedOn, lookbackDays, asAt);
    const basis = careBasis(inputs.care.get(plan.personId), windows.last.from);
    const decision = decideListing(basis, inputs.exclusions.get(plan.personId));
    warnNotInCare(plan, decision, asAt, log);
    const dates = { predicted: plan.predicted, actual: match.used?.startDate ?? null };
    const status = deriveStatus(dates, asAt, windowMonths) as StatusKey;
    outcomes.push({
      plan,
      group,
      match,
      decision,
      status,
      daysLate: daysLate(status, dates, asAt),
      membership: sentenceMembership({ status, ...dates }, windows),
    });
  }
  return outcomes;
}
