import type { IsoDate } from '../../../core/src/index';
import type { ExclusionRecord, SourceData } from '../model/source-records';
import { IssueLog } from './issues';

/** A child's exclusion as it stands at A. */
export interface Exclusion {
  /** True when some exclusion has no date or is dated on or before A. */
  applies: boolean;
  /** Applies: the earliest date in force (null: undated). Otherwise: the earliest future date. */
  excludedOn: IsoDate | null;
}

function inForce(record: ExclusionRecord, asAt: IsoDate): boolean {
  return record.excludedOn == null || record.excludedOn <= asAt;
}

/** Earliest first, undated before any date. */
function earlier(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  if (a == null || b == null) return null;
  return a < b ? a : b;
}

/** docs/rules.md: an exclusion dated after A does not apply yet. */
export function buildExclusions(records: readonly ExclusionRecord[], asAt: IsoDate): Map<string, Exclusion> {
  const byPerson = new Map<string, Exclusion>();
  for (const record of records) {
    const applies = inForce(record, asAt);
    const seen = byPerson.get(record.personId);
    if (seen == null || (applies && !seen.applies)) {
      byPerson.set(record.personId, { applies, excludedOn: record.excludedOn });
    } else if (applies === seen.applies) {
      seen.excludedOn = earlier(seen.excludedOn, record.excludedOn);
    }
  }
  return byPerson;
}

/** Person IDs that appear in any file other than exclusions.csv. */
function personIdsOutsideExclusions(data: SourceData): Set<string> {
  const ids = new Set<string>();
  for (const episode of data.episodes) ids.add(episode.child);
  for (const header of data.header) ids.add(header.child);
  for (const rows of [data.allocations, data.assessments, data.predictions]) {
    for (const row of rows) ids.add(row.personId);
  }
  return ids;
}

/** `exclusion_for_unknown_child`: an exclusion for a person with no other rows anywhere. */
export function warnUnknownExclusions(data: SourceData, log: IssueLog): void {
  const known = personIdsOutsideExclusions(data);
  for (const record of data.exclusions) {
    if (known.has(record.personId)) continue;
    log.warn('exclusion_for_unknown_child', 'Exclusion for a person who appears in no other file', {
      ref: record,
      column: 'person_id',
      personId: record.personId,
    });
  }
}
