import { EARLIER_LS, OUTWARD_POSTCODES, PLACE_CHANGE_REASON, PLACEMENT, POSTCODE_LETTERS, providerTable } from './codes';
import type { Rng } from './random';

/** One 903 episode, dates as day numbers (see core's toDayNumber). */
export interface DemoEpisode {
  decom: number;
  dec: number | null;
  rne: string;
  ls: string;
  place: string;
  provider: string;
  rec: string;
  placeChange: string;
  homePost: string;
  plPost: string;
  urn: string;
}

export interface FinalCodes {
  ls: string;
  place: string;
}

export interface PeriodPlan {
  start: number;
  /** Null: still open at the as-at date. */
  end: number | null;
  asAt: number;
  /** Episodes wanted; fewer when the period is too short. */
  count: number;
  /** Codes of the last episode. */
  final: FinalCodes;
  /** Reason the period ended ('' while open). */
  rec: string;
  home: string;
}

/** A period of care split into contiguous episodes: each ends (X1) the day the next starts. */
export function buildPeriod(rng: Rng, plan: PeriodPlan): DemoEpisode[] {
  const starts = episodeStarts(rng, plan);
  const codes: FinalCodes[] = new Array(starts.length);
  codes[starts.length - 1] = plan.final;
  for (let i = starts.length - 2; i >= 0; i--) codes[i] = earlierCodes(rng, codes[i + 1]);
  const episodes: DemoEpisode[] = [];
  for (let i = 0; i < starts.length; i++) {
    const last = i === starts.length - 1;
    const previous = i > 0 ? episodes[i - 1] : undefined;
    const placement = placementOf(rng, codes[i], previous, plan.home);
    const rne = changeKind(previous, codes[i]);
    episodes.push({
      decom: starts[i],
      dec: last ? plan.end : starts[i + 1],
      rne,
      ls: codes[i].ls,
      place: placement.place,
      provider: placement.provider,
      rec: last ? plan.rec : 'X1',
      placeChange: rne === 'P' || rne === 'B' ? rng.weighted(PLACE_CHANGE_REASON) : '',
      homePost: plan.home,
      plPost: placement.plPost,
      urn: placement.urn,
    });
  }
  return episodes;
}

/** Sorted, distinct start days; the first is the period start. */
function episodeStarts(rng: Rng, plan: PeriodPlan): number[] {
  // Later episodes start after the first day and no later than the as-at date (or the day before the end).
  const latest = plan.end === null ? plan.asAt : plan.end - 1;
  const room = latest - plan.start;
  const count = Math.max(1, Math.min(plan.count, room + 1));
  if (count === 1) return [plan.start];
  const chosen = new Set<number>();
  while (chosen.size < count - 1) chosen.add(plan.start + rng.int(1, room));
  return [plan.start, ...[...chosen].sort((a, b) => a - b)];
}

function earlierCodes(rng: Rng, next: FinalCodes): FinalCodes {
  const ls = next.ls === 'E1' && rng.chance(0.7) ? 'C2' : rng.weighted(EARLIER_LS);
  // A change of legal status alone keeps the placement.
  let place = rng.chance(0.3) ? next.place : rng.weighted(PLACEMENT);
  if (place === 'P1' && ls !== 'C1' && ls !== 'C2') place = 'U6';
  return { ls, place };
}

type Placement = Pick<DemoEpisode, 'place' | 'provider' | 'plPost' | 'urn'>;

function placementOf(rng: Rng, codes: FinalCodes, previous: DemoEpisode | undefined, home: string): Placement {
  if (previous && previous.place === codes.place) {
    return { place: previous.place, provider: previous.provider, plPost: previous.plPost, urn: previous.urn };
  }
  const table = providerTable(codes.place);
  const kind = codes.place[0];
  const regulated = kind === 'K' || kind === 'R' || kind === 'S';
  return {
    place: codes.place,
    provider: table === 'PR0' ? table : rng.weighted(table),
    plPost: codes.place === 'P1' ? home : homePostcode(rng),
    urn: regulated ? `SC${rng.int(100000, 999999)}` : 'XXXXXXX',
  };
}

function changeKind(previous: DemoEpisode | undefined, codes: FinalCodes): string {
  if (!previous) return 'S';
  const lsChanged = previous.ls !== codes.ls;
  const placeChanged = previous.place !== codes.place;
  if (lsChanged && placeChanged) return 'B';
  if (lsChanged) return 'L';
  return 'P';
}

/** A Derbyshire-area outward code with a random inward part: no real address is meant. */
export function homePostcode(rng: Rng): string {
  const letter = (): string => POSTCODE_LETTERS[rng.int(0, POSTCODE_LETTERS.length - 1)];
  return `${rng.pick(OUTWARD_POSTCODES)} ${rng.int(1, 9)}${letter()}${letter()}`;
}
