import { addDays, type IsoDate } from '../../../core/src/index';
import type { AssessmentWorkflowRow, TransformOptions } from '../model/refresh-set';
import { WORKFLOW_TYPES, type AssessmentRecord } from '../model/source-records';
import { describeId, shapeOf } from '../model/value-shape';
import { qualifyingType, workflowShortfalls, type QualifyingStart } from './actual-starts';
import { compareText } from './grouping';
import { placeOf, type AllocationLookup } from './lookups';
import type { PlanOutcome } from './plan-outcomes';

/**
 * assessment_workflow: every workflow read from assessments.csv, qualifying or not, with why
 * it did or did not count ("I started the assessment on Mosaic but it isn't showing"). The
 * rule itself lives in actual-starts.ts; this only words its verdict and the plan matching.
 * Texts carry IDs, the known types and dates only.
 */

/** How a qualifying start took part in its plan, keyed by the workflow's record. */
type StartRole =
  | { kind: 'used'; listed: boolean }
  | { kind: 'tooOld'; from: IsoDate }
  | { kind: 'laterInRange'; used: QualifyingStart };

function rolesOf(outcomes: readonly PlanOutcome[], lookbackDays: number): Map<AssessmentRecord, StartRole> {
  const roles = new Map<AssessmentRecord, StartRole>();
  for (let i = 0; i < outcomes.length; i++) {
    const { match, plan, decision } = outcomes[i];
    const from = addDays(plan.firstRecordedOn, -lookbackDays);
    if (match.used) roles.set(match.used.record, { kind: 'used', listed: decision.listed });
    for (const start of match.tooOld) roles.set(start.record, { kind: 'tooOld', from });
    for (const start of match.laterInRange) roles.set(start.record, { kind: 'laterInRange', used: match.used as QualifyingStart });
  }
  return roles;
}

/**
 * The workflow type, in words only when it is one the rules know (SGO, SINGLE): a one-word name
 * typed into workflow_type would otherwise reach `explain`. Another type is shown by its shape
 * (assessment_workflow.workflow_type keeps it as stored).
 */
function typeShown(type: string): string {
  if ((WORKFLOW_TYPES as readonly string[]).includes(type)) return type;
  return type.startsWith('[') ? type : `[${shapeOf(type)}]`; // a stored type is already a shape when not one word
}

function label(record: AssessmentRecord): string {
  return record.workflowType === 'SGO' ? `SGO workflow ${describeId(record.workflowId)}` : `single assessment ${describeId(record.workflowId)}`;
}

/** Why a workflow is not an assessment start, in MI's words. */
function shortfallReason(record: AssessmentRecord): string {
  const missing = workflowShortfalls(record);
  if (missing.includes('not_sgo_or_single')) {
    return `workflow type ${typeShown(record.workflowType)} is not an SGO or single assessment (workflow ${describeId(record.workflowId)})`;
  }
  const noStart = missing.includes('no_start_date');
  if (record.workflowType === 'SGO') return `${label(record)} has no section-9 start date`;
  const unticked = 'the section-2 reunification box is not ticked';
  if (noStart && missing.includes('not_for_reunification')) return `${label(record)} has no start date and ${unticked}`;
  if (noStart) return `${label(record)} is ticked for reunification but has no start date`;
  return `${label(record)} started ${record.startDate} but ${unticked}`;
}

function qualifyingReason(record: AssessmentRecord, role: StartRole | undefined, options: TransformOptions): string {
  const type = qualifyingType(record) as string;
  const started = `${label(record)} started ${record.startDate}`;
  if (role === undefined) return `${started}: qualifies, but there is no ${type} prediction submitted on or before ${options.asAt}`;
  switch (role.kind) {
    case 'used':
      return role.listed
        ? `${started}: counts as the start of the ${type} plan`
        : `${started}: counts as the start of the ${type} plan, which is not listed (see the plan's explanation)`;
    case 'tooOld':
      return `${started}: qualifies, but is older than the lookback (before ${role.from}): an earlier attempt, not counted`;
    case 'laterInRange':
      return `${started}: qualifies, but the earlier start ${describeId(role.used.workflowId)} (${role.used.startDate}) counts for the ${type} plan`;
  }
}

function rowFor(
  record: AssessmentRecord, roles: Map<AssessmentRecord, StartRole>, options: TransformOptions, allocations: AllocationLookup,
): AssessmentWorkflowRow {
  const qualifying = qualifyingType(record) !== null;
  const afterAsAt = qualifying && (record.startDate as IsoDate) > options.asAt;
  let reason: string;
  if (!qualifying) reason = shortfallReason(record);
  else if (afterAsAt) reason = `${label(record)} started after the as-at date ${options.asAt} (on ${record.startDate}): not counted`;
  else reason = qualifyingReason(record, roles.get(record), options);
  return {
    person_id: record.personId,
    workflow_id: record.workflowId,
    workflow_type: record.workflowType,
    start_date: record.startDate,
    for_reunification: record.forReunification === true ? 'Yes' : 'No',
    qualifies: qualifying && !afterAsAt ? 'Yes' : 'No',
    reason,
    as_at_date: options.asAt,
    ...placeOf(allocations, record.personId),
  };
}

export function buildAssessmentWorkflows(
  assessments: readonly AssessmentRecord[],
  outcomes: readonly PlanOutcome[],
  options: TransformOptions,
  allocations: AllocationLookup,
): AssessmentWorkflowRow[] {
  const roles = rolesOf(outcomes, options.lookbackDays);
  return assessments
    .map((record) => rowFor(record, roles, options, allocations))
    .sort((a, b) => compareText(a.person_id, b.person_id) || compareText(a.start_date ?? '9999', b.start_date ?? '9999') ||
      compareText(a.workflow_id, b.workflow_id));
}
