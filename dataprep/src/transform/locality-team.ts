import type { LocalityTeamRow } from '../model/refresh-set';
import { compareText, PairMap, pairKey } from './grouping';
import { ALL, UNKNOWN } from './locality-summary';

interface Placed {
  locality: string | null;
  team: string | null;
}

/** `Unknown` (a blank locality or team) after every name, so slicers list real places first. */
function unknownLast(a: string, b: string): number {
  return (a === UNKNOWN ? 1 : 0) - (b === UNKNOWN ? 1 : 0) || compareText(a, b);
}

/**
 * The report's locality/team dimension: every (locality, team) any published table holds
 * (blank → `Unknown`, as in locality_summary), once, compared case-insensitively as SQL Server
 * compares the key (the first spelling is kept). `All` roll-up rows are not places.
 */
export function buildLocalityTeam(sources: readonly (readonly Placed[])[]): LocalityTeamRow[] {
  const places = new Map<string, { locality: string; team: string }>();
  const seen = new PairMap<true>(); // spellings already placed: most rows repeat one
  for (const rows of sources) {
    for (let i = 0; i < rows.length; i++) {
      const locality = rows[i].locality ?? UNKNOWN;
      const team = rows[i].team ?? UNKNOWN;
      if (locality === ALL || team === ALL || seen.get(locality, team)) continue;
      seen.set(locality, team, true);
      const key = pairKey(locality.toLowerCase(), team.toLowerCase());
      if (!places.has(key)) places.set(key, { locality, team });
    }
  }
  return [...places.values()]
    .sort((a, b) => unknownLast(a.locality, b.locality) || unknownLast(a.team, b.team))
    .map((place, index) => ({ ...place, sort_order: index + 1 }));
}
