import { Rng, weights, type Weighted } from './random';

/** Derbyshire-like localities, each with one or two children-in-care teams. */
export interface Locality {
  name: string;
  /** Short form used in team names, submitter names and user principal names. */
  abbr: string;
  teams: readonly string[];
  /** Relative share of the county's children in care. */
  weight: number;
}

export const LOCALITIES: readonly Locality[] = [
  { name: 'High Peak & North Dales', abbr: 'HPND', teams: ['CS HPND Children In Care Team'], weight: 12 },
  {
    name: 'Chesterfield',
    abbr: 'CHES',
    teams: ['CS Chesterfield CIC Team', 'CS Chesterfield CIC Team 2'],
    weight: 18,
  },
  { name: 'Amber Valley', abbr: 'AV', teams: ['CS Amber Valley CIC Team'], weight: 16 },
  { name: 'Erewash', abbr: 'EREW', teams: ['CS Erewash CIC Team', 'CS Erewash Permanence CIC Team'], weight: 16 },
  { name: 'South Derbyshire', abbr: 'SD', teams: ['CS South Derbyshire CIC Team'], weight: 12 },
  {
    name: 'Bolsover & North East Derbyshire',
    abbr: 'BNED',
    teams: ['CS BNED Children In Care Team', 'CS BNED CIC Team 2'],
    weight: 20,
  },
  { name: 'Derbyshire Dales', abbr: 'DD', teams: ['CS Derbyshire Dales CIC Team'], weight: 6 },
];

export interface TeamRef {
  team: string;
  locality: Locality;
}

export const ALL_TEAMS: readonly TeamRef[] = LOCALITIES.flatMap((locality) =>
  locality.teams.map((team) => ({ team, locality })),
);

const TEAM_WEIGHTS: Weighted<TeamRef> = weights(
  ALL_TEAMS.map((ref) => [ref, ref.locality.weight / ref.locality.teams.length] as const),
);

export function pickTeam(rng: Rng): TeamRef {
  return rng.weighted(TEAM_WEIGHTS);
}

/** teams.csv rows: every team with its locality. */
export function teamRows(): string[][] {
  return ALL_TEAMS.map((ref) => [ref.team, ref.locality.name]);
}

/** The submitter a prediction form shows for a team, e.g. `TC HPND`. */
export function submitterFor(ref: TeamRef): string {
  return `TC ${ref.locality.abbr}`;
}

/**
 * Social workers: each team has its own numbered pool (about 15 children each), numbered
 * county-wide so `SW 017` is one person.
 */
export class SocialWorkerPool {
  private readonly firstNumber = new Map<string, number>();
  private readonly poolSize = new Map<string, number>();

  constructor(childrenPerTeam: ReadonlyMap<string, number>) {
    let next = 1;
    for (const ref of ALL_TEAMS) {
      const size = Math.max(2, Math.ceil((childrenPerTeam.get(ref.team) ?? 0) / 15));
      this.firstNumber.set(ref.team, next);
      this.poolSize.set(ref.team, size);
      next += size;
    }
  }

  pick(rng: Rng, team: string): string {
    const first = this.firstNumber.get(team) ?? 1;
    const number = first + rng.int(0, (this.poolSize.get(team) ?? 1) - 1);
    return `SW ${String(number).padStart(3, '0')}`;
  }
}
