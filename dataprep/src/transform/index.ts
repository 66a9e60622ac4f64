import { isIsoDate, isValidWindowMonths } from '../../../core/src/index';
import { NO_PRIOR_HISTORY, type PriorHistory, type RefreshSet, type TransformOptions } from '../model/refresh-set';
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
import { buildLocalityTeam } from './locality-team';
import { buildAllocationLookup, MissingAllocationWarner } from './lookups';
import { buildChildCare } from './periods-of-care';
import { buildPlanOutcomes } from './plan-outcomes';
import { buildPlannedAssessment } from './planned-assessment';
import { buildPredictionGroups } from './plans';
import { buildStatusHistory } from './status-history';
import { buildTargetProgress, distinctTargets } from './target-progress';
import { buildTimelinessByMonth } from './timeliness';
import { TimelinessTargets } from './timeliness-targets';
import { buildUserAccess } from './user-access';

/** A programming error, not a data problem: the CLI validates user input before this. */
function checkOptions(options: TransformOptions): void {
  if (!isIsoDate(options.asAt)) throw new RangeError('as-at date must be a valid YYYY-MM-DD date');
  if (!isValidWindowMonths(options.windowMonths)) throw new RangeError('window must be a whole number of months from 1 to 24');
  if (!Number.isInteger(options.lookbackDays) || options.lookbackDays < 0) {
    throw new RangeError('lookback must be a whole number of days, 0 or more');
  }
  if (options.historyDays !== null && (!Number.isInteger(options.historyDays) || options.historyDays < 1)) {
    throw new RangeError('history retention must be a whole number of days, 1 or more (null keeps all)');
  }
}

/**
 * Applies docs/rules.md to validated source records and builds every curated table in memory.
 * Pure: no files, no database, no clock (A comes in the options; the earlier history comes
 * as data, read by the pipeline). Modules: periods-of-care (in care / left care / exits),
 * plans + actual-starts + listing → plan-outcomes (status, days late, windows, listed), then
 * one module per table; warnings collect in an IssueLog.
 */
export function buildRefreshSet(data: SourceData, options: TransformOptions, prior: PriorHistory = NO_PRIOR_HISTORY): RefreshSet {
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
  const targets = data.targets ? distinctTargets(data.targets, log) : null;
  const timeliness = buildTimelinessByMonth(
    { planned: plannedAssessment, prior, targets: new TimelinessTargets(targets, log) }, asAt,
  );
  const explanations = buildPlanExplanations({ groups, starts, outcomes, allocations }, options);
  const workflows = buildAssessmentWorkflows(data.assessments, outcomes, options, allocations);
  return {
    asAtDate: asAt,
    windowMonths,
    tables: {
      planned_assessment: plannedAssessment,
      cic_cohort: cicCohort,
      care_exit: careExit,
      locality_summary: buildLocalitySummary({ cohort: cicCohort, planned: plannedAssessment, exits: careExit }, asAt),
      target_progress: targets ? buildTargetProgress(targets, { planned: plannedAssessment, exits: careExit }, asAt) : [],
      plan_explanation: explanations,
      user_access: buildUserAccess(data.userAccess),
      assessment_workflow: workflows,
      timeliness_by_month: timeliness,
      locality_team: buildLocalityTeam([plannedAssessment, cicCohort, careExit, explanations, workflows, timeliness, prior.places]),
    },
    history: buildStatusHistory(plannedAssessment, options),
    issues: log.issues,
  };
}
