import { addDays, addMonths, datePart, makeDate, type IsoDate } from '../../../core/src/index';
import type { Allocation } from './allocations';
import { isoDay, ukDay } from './formats';
import { LOCALITIES } from './localities';
import type { DemoPlan } from './permanence';
import type { Rng } from './random';

const EXCLUSION_REASONS = [
  'No longer being considered for permanence outside care',
  'Plan changed to long-term fostering, reviewed at permanence panel',
  'Care proceedings withdrawn; child remains at home',
  'Parents contested the "connected carer" assessment',
];

/** A handful (about 1 child in 150) of children with plans, one excluded only from after the as-at date. */
export function exclusionRows(rng: Rng, plans: readonly DemoPlan[], children: number, asAt: number): string[][] {
  const people = [...new Set(plans.map((p) => p.personId))];
  const count = Math.min(people.length, Math.max(1, Math.round(children / 150)));
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(rng.pick(people));
  return [...chosen].map((personId, i) => {
    const day = i === 1 ? asAt + rng.int(5, 40) : asAt - rng.int(1, 300);
    return [personId, rng.pick(EXCLUSION_REASONS), rng.chance(0.5) ? ukDay(day) : isoDay(day)];
  });
}

/** Heads of service per locality, a team coordinator with a team filter, and one county-wide analyst. */
export function userAccessRows(): string[][] {
  const rows: string[][] = [];
  for (const locality of LOCALITIES.slice(0, 4)) {
    const who = locality.abbr.toLowerCase();
    rows.push([`hos.${who}@example.org`, locality.name, '']);
    rows.push([`tc.${who}@example.org`, locality.name, locality.teams[0]]);
  }
  rows.push(['ad.ehsg@example.org', 'All', '']);
  return rows;
}

/** Targets as a share of children in care, for the financial year (April–March) containing the as-at date. */
const TARGET_RATES: readonly (readonly [string, number])[] = [
  ['assessments_started', 0.25],
  ['assessments_started_on_time', 0.18],
  ['sgo_exits', 0.05],
  ['reunification_exits', 0.06],
  ['plans', 0.3],
];

export function targetRows(allocations: readonly Allocation[], asAt: IsoDate): string[][] {
  const { start, end } = financialYear(asAt);
  const inCare = new Map<string, number>();
  for (const a of allocations) {
    if (a.child.inCare) inCare.set(a.team.locality.name, (inCare.get(a.team.locality.name) ?? 0) + 1);
  }
  const total = [...inCare.values()].reduce((sum, n) => sum + n, 0);
  const rows: string[][] = [];
  for (const [measure, rate] of TARGET_RATES) {
    rows.push(['All', measure, start, end, String(Math.max(1, Math.round(total * rate)))]);
    for (const locality of LOCALITIES) {
      const n = inCare.get(locality.name) ?? 0;
      rows.push([locality.name, measure, start, end, String(Math.max(1, Math.round(n * rate)))]);
    }
  }
  return rows;
}

export function financialYear(asAt: IsoDate): { start: IsoDate; end: IsoDate } {
  const { year, month } = datePart(asAt);
  const start = makeDate(month >= 4 ? year : year - 1, 4, 1) as IsoDate;
  return { start, end: addDays(addMonths(start, 12), -1) };
}
