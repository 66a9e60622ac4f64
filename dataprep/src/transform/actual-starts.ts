import { addDays, type IsoDate } from '../../../core/src/index';
import type { AssessmentRecord, AssessmentType } from '../model/source-records';
import { groupBy, pairKey, sortGroup } from './grouping';
import { IssueLog } from './issues';

/** A Mosaic workflow that counts as an assessment start (docs/rules.md "Actual starts"). */
export interface QualifyingStart {
  personId: string;
  type: AssessmentType;
  workflowId: string;
  startDate: IsoDate;
  record: AssessmentRecord;
}

export interface StartMatch {
  /** The plan's actual start `S`, or null. */
  used: QualifyingStart | null;
  /** Starts before first_recorded_on − L: earlier, failed attempts. */
  tooOld: QualifyingStart[];
  /** Starts after A: data errors, reported and not used. */
  afterAsAt: QualifyingStart[];
  /** Starts in the lookback range that are later than the one used. */
  laterInRange: QualifyingStart[];
}

/** What keeps a workflow from being an assessment start (rules.md "Actual starts"). */
export type WorkflowShortfall = 'not_sgo_or_single' | 'no_start_date' | 'not_for_reunification';

const NO_SHORTFALL: readonly WorkflowShortfall[] = [];
const NOT_SGO_OR_SINGLE: readonly WorkflowShortfall[] = ['not_sgo_or_single'];

/**
 * Empty for a qualifying workflow: the one statement of the rule, for starts and their
 * explanations alike. (Asked twice for every workflow: the common answers are shared lists.)
 */
export function workflowShortfalls(record: AssessmentRecord): readonly WorkflowShortfall[] {
  if (record.workflowType !== 'SGO' && record.workflowType !== 'SINGLE') return NOT_SGO_OR_SINGLE;
  const noStart = record.startDate == null;
  const notForReunification = record.workflowType === 'SINGLE' && record.forReunification !== true;
  if (!noStart && !notForReunification) return NO_SHORTFALL;
  const missing: WorkflowShortfall[] = [];
  if (noStart) missing.push('no_start_date');
  if (notForReunification) missing.push('not_for_reunification');
  return missing;
}

export function qualifyingType(record: AssessmentRecord): AssessmentType | null {
  if (workflowShortfalls(record).length > 0) return null;
  return record.workflowType === 'SGO' ? 'SGO' : 'Reunification';
}

function byStartDate(a: QualifyingStart, b: QualifyingStart): number {
  return a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.record.line - b.record.line;
}

/**
 * Qualifying starts grouped by `pairKey`, earliest first. Every start after A is warned as
 * `assessment_after_as_at` here, whether or not a plan would have used it.
 */
export function buildQualifyingStarts(
  assessments: readonly AssessmentRecord[],
  asAt: IsoDate,
  log: IssueLog,
): Map<string, QualifyingStart[]> {
  const starts: QualifyingStart[] = [];
  for (let i = 0; i < assessments.length; i++) {
    const record = assessments[i];
    const type = qualifyingType(record);
    if (type == null) continue;
    const start = { personId: record.personId, type, workflowId: record.workflowId, startDate: record.startDate!, record };
    if (start.startDate > asAt) {
      log.warn('assessment_after_as_at', `Assessment start ${start.startDate} is after the as-at date ${asAt}; not used`, {
        ref: record,
        column: 'start_date',
        personId: record.personId,
      });
    }
    starts.push(start);
  }
  const groups = groupBy(starts, (s) => pairKey(s.personId, s.type));
  groups.forEach((group) => sortGroup(group, byStartDate));
  return groups;
}

/** The plan's actual start: the earliest qualifying start in [first_recorded_on − L, A]. */
export function matchStart(
  starts: readonly QualifyingStart[],
  firstRecordedOn: IsoDate,
  lookbackDays: number,
  asAt: IsoDate,
): StartMatch {
  const from = addDays(firstRecordedOn, -lookbackDays);
  const match: StartMatch = { used: null, tooOld: [], afterAsAt: [], laterInRange: [] };
  for (const start of starts) {
    if (start.startDate < from) match.tooOld.push(start);
    else if (start.startDate > asAt) match.afterAsAt.push(start);
    else if (match.used == null) match.used = start;
    else match.laterInRange.push(start);
  }
  return match;
}
