import type { AllocationRecord, TeamRecord } from '../model/source-records';
import { IssueLog } from './issues';

/** Who a child is allocated to, with the locality resolved. */
export interface Allocation {
  personId: string;
  childName: string | null;
  socialWorker: string | null;
  team: string | null;
  locality: string | null;
}

export interface AllocationLookup {
  get(personId: string): Allocation | null;
}

/** The child's place (allocations.csv), blank when it has none: what row-level security on locality_team filters by. */
export function placeOf(allocations: AllocationLookup, personId: string): { locality: string | null; team: string | null } {
  const allocation = allocations.get(personId);
  return { locality: allocation?.locality ?? null, team: allocation?.team ?? null };
}

const ALLOCATIONS_FILE = 'allocations.csv';

function blankToNull(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}

/** How a team name is matched between allocations.csv and teams.csv: trimmed, in any case (as duplicates are found). */
function teamKey(team: string): string {
  return team.toLocaleLowerCase('en-GB');
}

/** Team name (matched in any case) → locality from teams.csv (the first row for a team wins). */
export function teamLocalities(teams: readonly TeamRecord[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const record of teams) {
    const team = blankToNull(record.team);
    const locality = blankToNull(record.locality);
    if (team != null && locality != null && !map.has(teamKey(team))) map.set(teamKey(team), locality);
  }
  return map;
}

/**
 * Allocations by person. Locality is the allocation's own, else the team's from teams.csv,
 * else null (warned once per team as `unknown_team_locality`).
 */
export function buildAllocationLookup(
  allocations: readonly AllocationRecord[],
  teams: readonly TeamRecord[],
  log: IssueLog,
): AllocationLookup {
  const byTeam = teamLocalities(teams);
  const warnedTeams = new Set<string>();
  const byPerson = new Map<string, Allocation>();
  for (let i = 0; i < allocations.length; i++) {
    const record = allocations[i];
    if (byPerson.has(record.personId)) {
      log.warn('duplicate_allocation', 'More than one allocation row for a person; the first is used', {
        ref: record,
        column: 'person_id',
        personId: record.personId,
      });
      continue;
    }
    const team = blankToNull(record.team);
    const locality = blankToNull(record.locality) ?? (team != null ? byTeam.get(teamKey(team)) ?? null : null);
    if (team != null && locality == null && !warnedTeams.has(team)) {
      warnedTeams.add(team);
      log.warn('unknown_team_locality', 'Team has no locality in allocations.csv or teams.csv; shown as Unknown', {
        ref: record,
        column: 'locality',
        personId: record.personId,
      });
    }
    byPerson.set(record.personId, {
      personId: record.personId,
      childName: blankToNull(record.childName),
      socialWorker: blankToNull(record.socialWorker),
      team,
      locality,
    });
  }
  return { get: (personId) => byPerson.get(personId) ?? null };
}

/** Warns once per person that a child the report shows has no allocation row. */
export class MissingAllocationWarner {
  private readonly warned = new Set<string>();

  constructor(
    private readonly lookup: AllocationLookup,
    private readonly log: IssueLog,
  ) {}

  /** The allocation, or null after warning `no_allocation` (once per person). */
  require(personId: string, why: string): Allocation | null {
    const allocation = this.lookup.get(personId);
    if (allocation == null && !this.warned.has(personId)) {
      this.warned.add(personId);
      this.log.warn('no_allocation', `No allocation for a child ${why}; child, social worker, team and locality are blank`, {
        sourceFile: ALLOCATIONS_FILE,
        personId,
      });
    }
    return allocation;
  }
}
