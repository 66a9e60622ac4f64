import type { DemoChild } from './children';
import type { ChildSummary } from './cohort';
import { flag, ukDay } from './formats';
import type { DemoPlan, WorkflowIds } from './permanence';
import type { Rng } from './random';
import { fromDayNumber } from '../../../core/src/index';

/**
 * The deliberate data-quality problems of a demo extract: one of each kind the job must
 * report (docs/source-contract.md "Bad input"), chosen by the seed. Each kind is skipped when
 * the extract is too small to hold it.
 */
export const DELIBERATE = {
  invalidPredictedDate: (year: number): string => `31/02/${year}`,
  unknownAssessmentType: 'Adoption',
  retiredPlacement: 'Z1',
  unknownProvider: 'PR7',
} as const;

/** Finds a child matching `test`, scanning from a random place, not already used. */
function findChild<T extends { id: string }>(rng: Rng, items: readonly T[], used: Set<string>, test: (item: T) => boolean): T | null {
  const offset = items.length > 0 ? rng.int(0, items.length - 1) : 0;
  for (let k = 0; k < items.length; k++) {
    const item = items[(offset + k) % items.length];
    if (!used.has(item.id) && test(item)) {
      used.add(item.id);
      return item;
    }
  }
  return null;
}

/** Retired placement code, unknown provider, and a child with two open episodes. */
export function injectEpisodeProblems(rng: Rng, children: DemoChild[], summaries: ReadonlyMap<string, ChildSummary>): void {
  const used = new Set<string>();
  const inCare = (c: DemoChild): boolean => summaries.get(c.id)?.inCare === true;
  const retired = findChild(rng, children, used, inCare);
  if (retired) retired.episodes[retired.episodes.length - 1].place = DELIBERATE.retiredPlacement;
  const provider = findChild(rng, children, used, inCare);
  if (provider) provider.episodes[provider.episodes.length - 1].provider = DELIBERATE.unknownProvider;
  const twoOpen = findChild(rng, children, used, (c) => inCare(c) && c.episodes.length >= 2
    && c.episodes[c.episodes.length - 2].rec === 'X1');
  if (twoOpen) {
    // The earlier episode was never closed in the case system.
    const earlier = twoOpen.episodes[twoOpen.episodes.length - 2];
    earlier.dec = null;
    earlier.rec = '';
  }
}

export interface RowProblemInput {
  rng: Rng;
  asAt: number;
  summaries: readonly ChildSummary[];
  plans: readonly DemoPlan[];
  predictions: string[][];
  assessments: string[][];
  ids: WorkflowIds;
  /** An ID no child has, for the "not in care" prediction when no child left long ago. */
  unusedId: string;
}

function insertAt<T>(rng: Rng, rows: T[], row: T, after = -1): void {
  rows.splice(rng.int(after + 1, rows.length), 0, row);
}

export function injectPredictionProblems(input: RowProblemInput): void {
  const { rng, asAt, predictions } = input;
  if (predictions.length > 0) {
    const i = rng.int(0, predictions.length - 1);
    const bad = [...predictions[i]];
    bad[2] = DELIBERATE.invalidPredictedDate(Number(fromDayNumber(asAt).slice(0, 4)));
    insertAt(rng, predictions, bad, i);
  }
  const gone = input.summaries.find((s) => s.leftOn !== null && s.leftOn < asAt - 365);
  const submitted = asAt - rng.int(5, 60);
  insertAt(rng, predictions, [gone?.id ?? input.unusedId, 'SGO', ukDay(asAt + rng.int(10, 90)), ukDay(submitted), 'TC HPND']);
}

export function injectAssessmentProblems(input: RowProblemInput): void {
  const { rng, asAt, assessments, ids } = input;
  const anyone = input.summaries.length > 0 ? rng.pick(input.summaries).id : input.unusedId;
  insertAt(rng, assessments, [anyone, ids.take(), DELIBERATE.unknownAssessmentType, ukDay(asAt - rng.int(10, 200)), '']);
  insertAt(rng, assessments, ['', ids.take(), 'SINGLE', ukDay(asAt - rng.int(10, 200)), flag(rng, false)]);
  if (assessments.length > 0) {
    const i = rng.int(0, assessments.length - 1);
    const original = assessments[i];
    insertAt(rng, assessments, [original[0], original[1], 'SINGLE', ukDay(asAt - rng.int(10, 200)), flag(rng, false)], i);
  }
  const waiting = input.plans.find((p) => p.start === null) ?? input.plans[0];
  const person = waiting?.personId ?? anyone;
  const future = ukDay(asAt + rng.int(5, 40));
  insertAt(rng, assessments, waiting?.type === 'SGO'
    ? [person, ids.take(), 'SGO', future, '']
    : [person, ids.take(), 'SINGLE', future, flag(rng, true)]);
}
