import type { IsoDate } from '../../../core/src/index';
import type { AssessmentType, PredictionRecord } from '../model/source-records';
import { groupBy, pairKey } from './grouping';

/** A (child, assessment type) pair with at least one prediction submitted on or before A. */
export interface Plan {
  personId: string;
  type: AssessmentType;
  /** Current predicted start date `P` (the latest submission's date). */
  predicted: IsoDate;
  firstPredicted: IsoDate;
  revisions: number;
  firstRecordedOn: IsoDate;
  /** The latest submission counted (for warnings: its file and line). */
  latest: PredictionRecord;
}

/** Every prediction for one pair, split at the as-at date. */
export interface PredictionGroup {
  personId: string;
  type: AssessmentType;
  /** Submitted on or before A, in submission order. */
  known: PredictionRecord[];
  /** Submitted after A (ignored), in submission order. */
  afterAsAt: PredictionRecord[];
  plan: Plan | null;
}

/** Submission order: submitted_at, then the later line in the file. */
function bySubmission(a: PredictionRecord, b: PredictionRecord): number {
  return a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : a.line - b.line;
}

function countRevisions(submissions: readonly PredictionRecord[]): number {
  let revisions = 0;
  for (let i = 1; i < submissions.length; i += 1) {
    if (submissions[i].predictedStartDate !== submissions[i - 1].predictedStartDate) revisions += 1;
  }
  return revisions;
}

function planOf(known: readonly PredictionRecord[]): Plan | null {
  if (known.length === 0) return null;
  const first = known[0];
  const latest = known[known.length - 1];
  return {
    personId: first.personId,
    type: first.assessmentType,
    predicted: latest.predictedStartDate,
    firstPredicted: first.predictedStartDate,
    revisions: countRevisions(known),
    firstRecordedOn: first.submittedOn,
    latest,
  };
}

/** docs/rules.md "Plans": predictions grouped by pair, keyed by `pairKey`. */
export function buildPredictionGroups(predictions: readonly PredictionRecord[], asAt: IsoDate): Map<string, PredictionGroup> {
  const groups = new Map<string, PredictionGroup>();
  for (const [key, records] of groupBy(predictions, (p) => pairKey(p.personId, p.assessmentType))) {
    const sorted = [...records].sort(bySubmission);
    const known = sorted.filter((p) => p.submittedOn <= asAt);
    groups.set(key, {
      personId: sorted[0].personId,
      type: sorted[0].assessmentType,
      known,
      afterAsAt: sorted.filter((p) => p.submittedOn > asAt),
      plan: planOf(known),
    });
  }
  return groups;
}
