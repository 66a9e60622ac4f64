import { daysBetween, ppocGroup, yesNo, type IsoDate } from '../../../core/src/index';
import type { CicCohortRow } from '../model/refresh-set';
import { episodeView } from './episode-codes';
import { MissingAllocationWarner } from './lookups';
import type { ChildCare } from './periods-of-care';
import { compareText } from './grouping';

/** One row per child in care at A, by person ID; `has_plan` means a listed plan. */
export function buildCicCohort(
  care: ReadonlyMap<string, ChildCare>,
  personsWithListedPlan: ReadonlySet<string>,
  allocations: MissingAllocationWarner,
  asAt: IsoDate,
): CicCohortRow[] {
  const rows: CicCohortRow[] = [];
  for (const child of care.values()) {
    if (!child.inCare || child.periodStart == null) continue;
    const episode = episodeView(child.currentEpisode);
    const allocation = allocations.require(child.personId, 'in care');
    rows.push({
      person_id: child.personId,
      child_name: allocation?.childName ?? null,
      legal_status: episode.legalStatus,
      legal_status_description: episode.legalStatusDescription,
      full_care_order: episode.fullCareOrder,
      placement_type: episode.placementType,
      placement_provider: episode.placementProvider,
      team: allocation?.team ?? null,
      locality: allocation?.locality ?? null,
      social_worker: allocation?.socialWorker ?? null,
      period_of_care_start: child.periodStart,
      days_in_care: daysBetween(child.periodStart, asAt),
      ppoc_group: ppocGroup(child.currentEpisode.place),
      has_plan: yesNo(personsWithListedPlan.has(child.personId)),
      as_at_date: asAt,
    });
  }
  return rows.sort((a, b) => compareText(a.person_id, b.person_id));
}
