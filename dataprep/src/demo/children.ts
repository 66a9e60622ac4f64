import { addMonths, fromDayNumber, toDayNumber, type IsoDate } from '../../../core/src/index';
import {
  ADOPTION_PLACEMENT, AGE, CIN, CURRENT_LS, ETHNIC, EXIT_REASON, PLACEMENT, REENTRY_EXIT_REASON,
} from './codes';
import { buildPeriod, homePostcode, type DemoEpisode, type FinalCodes } from './periods';
import { Rng, weights } from './random';

/** One synthetic child: 903 header fields and episodes, with dates as day numbers. */
export interface DemoChild {
  id: string;
  sex: '1' | '2';
  dob: number;
  ethnic: string;
  cin: string;
  episodes: DemoEpisode[];
}

type Fate = 'in_care' | 'left_recent' | 'left_year' | 'left_long_ago';

/** Most children are in care at the as-at date; some left in the last 3 or 12 months or earlier. */
const FATE = weights<Fate>([['in_care', 76], ['left_recent', 8], ['left_year', 11], ['left_long_ago', 5]]);

/** Days in the current period, in buckets (< 3 months … 5–10 years). */
const DURATION = weights<readonly [number, number]>([
  [[14, 91], 12], [[92, 365], 20], [[366, 730], 20], [[731, 1826], 30], [[1827, 3650], 18],
]);

/** Where a child who went home was living just before (under a care order). */
const REUNIFICATION_PLACEMENT = weights([['P1', 40], ['U6', 30], ['U3', 15], ['K2', 15]] as const);

const EPISODE_COUNT = weights([[1, 50], [2, 28], [3, 14], [4, 8]] as const);

export const FIRST_CHILD_ID = 100001;

export function generateChildren(rng: Rng, count: number, asAt: IsoDate): DemoChild[] {
  const asAtDay = toDayNumber(asAt);
  const children = new Array<DemoChild>(count);
  for (let i = 0; i < count; i++) children[i] = makeChild(rng, String(FIRST_CHILD_ID + i), asAtDay);
  return children;
}

function makeChild(rng: Rng, id: string, asAt: number): DemoChild {
  const fate = rng.weighted(FATE);
  const exitRec = fate === 'in_care' ? null : rng.weighted(EXIT_REASON);
  const end = exitDay(rng, fate, asAt);
  const dob = birthDay(rng, asAt, end, exitRec);
  const [shortest, longest] = rng.weighted(DURATION);
  const start = Math.max(dob, (end ?? asAt) - rng.int(shortest, longest));
  const home = homePostcode(rng);
  const previous = rng.chance(0.07) ? earlierPeriod(rng, dob, start, home) : [];
  const count = Math.min(rng.weighted(EPISODE_COUNT), 4 - previous.length);
  const current = buildPeriod(rng, {
    start, end, asAt, count, final: finalCodes(rng, exitRec), rec: exitRec ?? '', home,
  });
  return {
    id,
    sex: rng.chance(0.56) ? '1' : '2',
    dob,
    ethnic: rng.weighted(ETHNIC),
    cin: rng.weighted(CIN),
    episodes: [...previous, ...current],
  };
}

function exitDay(rng: Rng, fate: Fate, asAt: number): number | null {
  if (fate === 'left_recent') return asAt - rng.int(0, 89);
  if (fate === 'left_year') return asAt - rng.int(92, 364);
  if (fate === 'left_long_ago') return asAt - rng.int(366, 730);
  return null;
}

/** A child who left at 18 (E17, E15) turned 18 that day; others are 0–17 at the as-at date. */
function birthDay(rng: Rng, asAt: number, end: number | null, exitRec: string | null): number {
  if (end !== null && (exitRec === 'E17' || exitRec === 'E15')) {
    return toDayNumber(addMonths(fromDayNumber(end), -18 * 12));
  }
  const dob = asAt - rng.weighted(AGE) * 365 - rng.int(0, 364);
  return end !== null && dob > end - 30 ? end - rng.int(30, 400) : dob;
}

/** An earlier period that ended (mostly by going home) before the child came back into care. */
function earlierPeriod(rng: Rng, dob: number, nextStart: number, home: string): DemoEpisode[] {
  const end = nextStart - rng.int(30, 700);
  const start = end - rng.int(20, 540);
  if (start < dob) return [];
  const rec = rng.weighted(REENTRY_EXIT_REASON);
  return buildPeriod(rng, { start, end, asAt: end, count: rng.chance(0.3) ? 2 : 1, final: finalCodes(rng, rec), rec, home });
}

/** Legal status and placement of the last episode, consistent with how the child left. */
export function finalCodes(rng: Rng, exitRec: string | null): FinalCodes {
  const fco = (): string => (rng.chance(0.75) ? 'C2' : 'C1');
  switch (exitRec) {
    case 'E45':
    case 'E47':
    case 'E41':
      return { ls: fco(), place: rng.chance(0.6) ? 'U3' : 'U1' };
    case 'E46':
    case 'E48':
      return { ls: fco(), place: rng.chance(0.5) ? 'U4' : 'U6' };
    case 'E4A':
    case 'E4B':
      return reunificationCodes(rng);
    case 'E11':
    case 'E12':
      return { ls: 'E1', place: rng.weighted(ADOPTION_PLACEMENT) };
    case 'E14':
    case 'E9':
      return { ls: rng.chance(0.7) ? 'J1' : 'J2', place: rng.pick(['K1', 'R5', 'U6']) };
    default:
      return generalCodes(rng, exitRec !== null);
  }
}

function reunificationCodes(rng: Rng): FinalCodes {
  const r = rng.next();
  if (r < 0.3) return { ls: 'V2', place: rng.pick(['U6', 'U6', 'U3', 'K2']) };
  const ls = r < 0.75 ? 'C2' : 'C1';
  return { ls, place: rng.weighted(REUNIFICATION_PLACEMENT) };
}

function generalCodes(rng: Rng, left: boolean): FinalCodes {
  let ls = rng.weighted(CURRENT_LS);
  if (left && ls.startsWith('J')) ls = 'V2';
  const place = ls === 'E1' ? rng.weighted(ADOPTION_PLACEMENT) : rng.weighted(PLACEMENT);
  // Placement with parents needs a care order.
  if (place === 'P1') ls = rng.chance(0.9) ? 'C2' : 'C1';
  return { ls, place };
}
