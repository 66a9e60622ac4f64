import { isIsoDate, isValidWindowMonths } from '../../../core/src/index';
import type { RefreshSet, TransformOptions } from '../model/refresh-set';
import type { SourceData } from '../model/source-records';
import { buildQualifyingStarts } from './actual-starts';
import { buildAssessmentWorkflows } from './assessment-workflows';
import { buildCareExits } from './care-exits';
import { buildCicCohort } from './cohort';
import { warnUnknownCodes } from './episode-codes';
import { buildExclusions, warnUnknownExclusions } from './exclusions';
import { buildPlanExplanations } from './explanations';
import { IssueLog } from './issues';
import { buildLocalitySummary } from './locality-summary';
import { buildAllocationLookup, MissingAllocationWarner } from './lookups';
import { buildChildCare } from './periods-of-care';
import { buildPlanOutcomes } from './plan-outcomes';
import { buildPlannedAssessment } from './planned-assessment';
import { buildPredictionGroups } from './plans';
import { buildTargetProgress } from './target-progress';
import { buildUserAccess } from './user-access';

/** A programming error, not a data problem: the CLI validates user input before this. */
function checkOptions(options: TransformOptions): void {
  if (!isIsoDate(options.asAt)) throw new RangeError('as-at date must be a valid YYYY-MM-DD date');
  if (!isValidWindowMonths(options.windowMonths)) throw new RangeError('window must be a whole number of months from 1 to 24');
  if (!Number.isInteger(options.lookbackDays) || options.lookbackDays < 0) {
    throw new RangeError('lookback must be a whole number of days, 0 or more');
  }
}

/**
 * Applies docs/rules.md to validated source records and builds every curated table in memory.
 * Pure: no files, no database, no clock (A comes in the options). Modules: periods-of-care
 * (in care / left care / exits), plans + actual-starts + listing → plan-outcomes (status,
 * days late, windows, listed), then one module per table; warnings collect in an IssueLog.
 */
export function buildRefreshSet(data: SourceData, options: TransformOptions): RefreshSet {
  checkOptions(options);
  const { asAt, windowMonths } = options;
  const log = new IssueLog();
  warnUnknownCodes(data.episodes, log);
  const care = buildChildCare(data.episodes, asAt, log);
  const allocations = buildAllocationLookup(data.allocations, data.teams, log);
  const allocationWarner = new MissingAllocationWarner(allocations, log);
  const groups = buildPredictionGroups(data.predictions, asAt);
  const starts = buildQualifyingStarts(data.assessments, asAt, log);
  const exclusions = buildExclusions(data.exclusions, asAt);
  warnUnknownExclusions(data, log);

  const outcomes = buildPlanOutcomes({ groups, starts, care, exclusions }, options, log);
  const plannedAssessment = buildPlannedAssessment(outcomes, allocationWarner, asAt, windowMonths);
  const listedPersons = new Set(plannedAssessment.map((row) => row.person_id));
  const plannedPersons = new Set(outcomes.map((outcome) => outcome.plan.personId));
  const cicCohort = buildCicCohort(care, listedPersons, allocationWarner, asAt);
  const careExit = buildCareExits(care, plannedPersons, allocations, asAt);
  return {
    asAtDate: asAt,
    windowMonths,
    tables: {
      planned_assessment: plannedAssessment,
      cic_cohort: cicCohort,
      care_exit: careExit,
      locality_summary: buildLocalitySummary({ cohort: cicCohort, planned: plannedAssessment, exits: careExit }, asAt),
      target_progress: data.targets ? buildTargetProgress(data.targets, { planned: plannedAssessment, exits: careExit }, asAt, log) : [],
      plan_explanation: buildPlanExplanations({ groups, starts, outcomes }, options),
      user_access: buildUserAccess(data.userAccess),
      assessment_workflow: buildAssessmentWorkflows(data.assessments, outcomes, options),
    },
    issues: log.issues,
  };
}
