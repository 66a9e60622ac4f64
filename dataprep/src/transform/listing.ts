import type { IsoDate } from '../../../core/src/index';
import type { CareExit, ChildCare } from './periods-of-care';
import type { Exclusion } from './exclusions';

/** Why a child is, or is not, within the cohort a plan is listed for (docs/rules.md). */
export type CareBasis =
  | { kind: 'inCare'; care: ChildCare }
  | { kind: 'leftRecently'; care: ChildCare; exit: CareExit }
  | { kind: 'leftBefore'; care: ChildCare; exit: CareExit }
  | { kind: 'notInCareNoExit'; care: ChildCare }
  | { kind: 'noEpisodes' };

export interface ListingDecision {
  listed: boolean;
  basis: CareBasis;
  exclusion: Exclusion | null;
}

/** `windowStart` is A − W months: a child who left on or after it still counts. */
export function careBasis(care: ChildCare | undefined, windowStart: IsoDate): CareBasis {
  if (care == null) return { kind: 'noEpisodes' };
  if (care.inCare) return { kind: 'inCare', care };
  const exit = care.leftCare;
  if (exit == null) return { kind: 'notInCareNoExit', care };
  return exit.ceasedDate >= windowStart ? { kind: 'leftRecently', care, exit } : { kind: 'leftBefore', care, exit };
}

export type CohortBasis = Extract<CareBasis, { kind: 'inCare' | 'leftRecently' }>;

/** In care at A, or left on or after A − W months: the care condition of docs/rules.md's listing. */
export function isInCohort(basis: CareBasis): basis is CohortBasis {
  return basis.kind === 'inCare' || basis.kind === 'leftRecently';
}

/** docs/rules.md "Who is on the table": not excluded, and in care at A or left on or after A − W months. */
export function decideListing(basis: CareBasis, exclusion: Exclusion | undefined): ListingDecision {
  const excluded = exclusion?.applies === true;
  return { listed: !excluded && isInCohort(basis), basis, exclusion: exclusion ?? null };
}
