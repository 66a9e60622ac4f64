import type { ChildSummary } from './cohort';
import { pickTeam, SocialWorkerPool, type TeamRef } from './localities';
import type { Rng } from './random';

export interface Allocation {
  child: ChildSummary;
  team: TeamRef;
  socialWorker: string;
}

/** Share of allocation rows written without a locality, so the teams.csv fallback is used. */
const NO_LOCALITY_SHARE = 0.03;

/** A team and social worker for every given child. */
export function allocate(rng: Rng, children: readonly ChildSummary[]): Allocation[] {
  const teams = children.map(() => pickTeam(rng));
  const perTeam = new Map<string, number>();
  for (const ref of teams) perTeam.set(ref.team, (perTeam.get(ref.team) ?? 0) + 1);
  const pool = new SocialWorkerPool(perTeam);
  return children.map((child, i) => ({ child, team: teams[i], socialWorker: pool.pick(rng, teams[i].team) }));
}

export function allocationRows(rng: Rng, allocations: readonly Allocation[]): string[][] {
  return allocations.map(({ child, team, socialWorker }) => [
    child.id,
    `Child ${child.id}`,
    socialWorker,
    team.team,
    rng.chance(NO_LOCALITY_SHARE) ? '' : team.locality.name,
  ]);
}
