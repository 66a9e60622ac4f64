import { reasonGroup, yesNo, type IsoDate } from '../../../core/src/index';
import type { CareExitRow } from '../model/refresh-set';
import { isFullCareOrder } from './episode-codes';
import type { AllocationLookup } from './lookups';
import type { ChildCare } from './periods-of-care';
import { compareText as cmp } from './grouping';

/**
 * One row per period of care that ended on or before A, for every child. Key is person and
 * ceased date: of two periods ending the same day, the first is kept.
 */
export function buildCareExits(
  care: ReadonlyMap<string, ChildCare>,
  personsWithPlan: ReadonlySet<string>,
  allocations: AllocationLookup,
  asAt: IsoDate,
): CareExitRow[] {
  const rows: CareExitRow[] = [];
  for (const child of care.values()) {
    if (child.exits.length === 0) continue;
    const allocation = allocations.get(child.personId);
    // Most children have one exit at most: a set only for those with several.
    const seenDates = child.exits.length > 1 ? new Set<string>() : null;
    for (const exit of child.exits) {
      if (seenDates?.has(exit.ceasedDate)) continue;
      seenDates?.add(exit.ceasedDate);
      const ls = exit.episode.ls?.trim() ? exit.episode.ls.trim() : null;
      rows.push({
        person_id: child.personId,
        ceased_date: exit.ceasedDate,
        reason_code: exit.reasonCode,
        reason_group: reasonGroup(exit.reasonCode),
        legal_status_at_exit: ls,
        full_care_order_at_exit: yesNo(isFullCareOrder(ls)),
        team: allocation?.team ?? null,
        locality: allocation?.locality ?? null,
        had_plan: yesNo(personsWithPlan.has(child.personId)),
        as_at_date: asAt,
      });
    }
  }
  return rows.sort((a, b) => cmp(a.person_id, b.person_id) || cmp(a.ceased_date, b.ceased_date));
}
