import type { IsoDate } from '../../../core/src/index';
import type { PlanExplanationRow, TransformOptions } from '../model/refresh-set';
import type { QualifyingStart } from './actual-starts';
import { careText, describeStart, listSome, planDetails } from './explanation-text';
import { compareText, pairKey } from './grouping';
import { placeOf, type AllocationLookup } from './lookups';
import type { PlanOutcome } from './plan-outcomes';
import type { PredictionGroup } from './plans';

/** Reasons are stored in NVARCHAR(1000). */
const MAX_REASON = 1000;

export interface ExplanationInputs {
  groups: ReadonlyMap<string, PredictionGroup>;
  starts: ReadonlyMap<string, QualifyingStart[]>;
  outcomes: readonly PlanOutcome[];
  /** The child's place on each row, so row-level security on locality_team reaches the table. */
  allocations: AllocationLookup;
}

function exclusionText(excludedOn: IsoDate | null): string {
  return excludedOn == null ? 'on the exclusion list (undated)' : `excluded on ${excludedOn}`;
}

function planReason(outcome: PlanOutcome, options: TransformOptions): string {
  const { decision } = outcome;
  const details = planDetails(outcome, options);
  if (decision.listed) {
    const future = decision.exclusion && !decision.exclusion.applies ? `; exclusion dated ${decision.exclusion.excludedOn} not yet in force` : '';
    return `Listed: ${careText(decision.basis, options)}${future}; ${details}.`;
  }
  const why = decision.exclusion?.applies ? exclusionText(decision.exclusion.excludedOn) : careText(decision.basis, options);
  return `Not listed: ${why}. Plan: ${details}.`;
}

/** A pair with no prediction on or before A: only later predictions and/or qualifying starts. */
function unplannedReason(group: PredictionGroup | undefined, starts: readonly QualifyingStart[], asAt: IsoDate): string {
  const describe = (start: QualifyingStart) =>
    start.startDate > asAt ? `${describeStart(start)} (after the as-at date, ignored)` : describeStart(start);
  const startsText = starts.length > 0 ? listSome(starts.map(describe)) : null;
  if (group != null && group.afterAsAt.length > 0) {
    const first = group.afterAsAt[0].submittedOn;
    const also = startsText ? ` Qualifying assessments: ${startsText}.` : '';
    return `Not listed: predictions only submitted after ${asAt} (first on ${first}).${also}`;
  }
  const noun = starts.length === 1 ? 'qualifying assessment' : 'qualifying assessments';
  return `Not listed: ${noun} ${startsText} but no prediction submitted on or before ${asAt}.`;
}

function clip(reason: string): string {
  return reason.length <= MAX_REASON ? reason : `${reason.slice(0, MAX_REASON - 1)}…`;
}

/** One row per (person, type) with any prediction or any qualifying assessment. */
export function buildPlanExplanations(inputs: ExplanationInputs, options: TransformOptions): PlanExplanationRow[] {
  const byKey = new Map<string, PlanExplanationRow>();
  for (let i = 0; i < inputs.outcomes.length; i++) {
    const outcome = inputs.outcomes[i];
    const { personId, type } = outcome.plan;
    byKey.set(pairKey(personId, type), {
      person_id: personId,
      assessment_type: type,
      listed: outcome.decision.listed ? 'Yes' : 'No',
      reason: clip(planReason(outcome, options)),
      as_at_date: options.asAt,
      ...placeOf(inputs.allocations, personId),
    });
  }
  const pairs = new Map<string, { personId: string; type: string }>();
  inputs.groups.forEach((group, key) => pairs.set(key, { personId: group.personId, type: group.type }));
  inputs.starts.forEach((starts, key) => pairs.set(key, { personId: starts[0].personId, type: starts[0].type }));
  pairs.forEach((pair, key) => {
    if (byKey.has(key)) return;
    const reason = unplannedReason(inputs.groups.get(key), inputs.starts.get(key) ?? [], options.asAt);
    byKey.set(key, {
      person_id: pair.personId, assessment_type: pair.type, listed: 'No', reason: clip(reason), as_at_date: options.asAt,
      ...placeOf(inputs.allocations, pair.personId),
    });
  });
  return [...byKey.values()].sort((a, b) => compareText(a.person_id, b.person_id) || compareText(a.assessment_type, b.assessment_type));
}
