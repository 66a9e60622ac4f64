/** What the permanence generators need to know about a child, worked out from episodes as docs/rules.md does. */
export interface ChildSummary {
  id: string;
  /** In care at the as-at date: an episode with DECOM ≤ A and (DEC empty or DEC > A). */
  inCare: boolean;
  /** Day the child left care (null when in care or never left). */
  leftOn: number | null;
  /** Reason the period ended, when the child left. */
  rec: string | null;
  /** Codes of the current (or, for a child who left, last) episode. */
  ls: string;
  place: string;
  /** First day of the current (or last) period of care. */
  periodStart: number;
}

export interface EpisodeDays {
  decom: number;
  dec: number | null;
  rec: string;
  ls: string;
  place: string;
}

/** Null when no episode starts on or before the as-at date. */
export function summariseChild(id: string, episodes: readonly EpisodeDays[], asAt: number): ChildSummary | null {
  const started = episodes.filter((e) => e.decom <= asAt).sort((a, b) => a.decom - b.decom);
  if (started.length === 0) return null;
  const open = started.filter((e) => e.dec === null || e.dec > asAt);
  const current = open.length > 0 ? open[open.length - 1] : started[started.length - 1];
  const inCare = open.length > 0;
  const rec = current.rec.trim().toUpperCase();
  const left = !inCare && current.dec !== null && rec !== 'X1';
  return {
    id,
    inCare,
    leftOn: left ? current.dec : null,
    rec: left ? rec || null : null,
    ls: current.ls.trim().toUpperCase(),
    place: current.place.trim().toUpperCase(),
    periodStart: periodStart(started, started.indexOf(current)),
  };
}

/** Walks back over episodes that each began the day the one before ended. */
function periodStart(sorted: readonly EpisodeDays[], index: number): number {
  let i = index;
  while (i > 0 && sorted[i - 1].dec === sorted[i].decom && sorted[i - 1].rec.trim().toUpperCase() === 'X1') i--;
  return sorted[i].decom;
}
