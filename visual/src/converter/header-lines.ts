// The original report's filter-context header, derived from the rows received (the rows carry
// no wider universe, so "All" means "more than one value" where no value list is known):
//   Locality/Team: one team → "{locality} / {team}"; one locality → it; more → All.
//   Type of Assessment, Assessment Status: every known value present → All, else the values
//   present joined with ", ". Placement Type, Full Care Order: one value → it, more → All.
import { STATUS_KEYS, statusText, type StatusKey } from '../../../core/src/index';
import type { RoleName } from '../roles';
import { readText } from './values';
import type { HeaderLines, RowModel } from './view-model';

const ASSESSMENT_TYPES = ['SGO', 'Reunification'];
/** The statuses that make "All" (Planned - Later is rare and listed when present without them). */
const CORE_STATUSES: readonly StatusKey[] = ['notYetStarted', 'upcoming', 'late', 'onTime'];
/** Distinct values kept for a listed line: more than this is never a readable header. */
const MAX_DISTINCT = 24;

export interface HeaderOptions {
  windowMonths: number;
  /** Used while the fullCareOrder role is unbound. */
  fullCareOrderText?: string;
  /** The localised word for "All". */
  all: string;
  /** The statuses' names in the host's language (the rules' texts by default). */
  statusNames?: Readonly<Record<StatusKey, string>>;
}

export function deriveHeaderLines(
  rows: readonly RowModel[],
  sourceOfRole: Partial<Record<RoleName, number>>,
  options: HeaderOptions,
): HeaderLines {
  const distinct = (role: RoleName, limit: number) => distinctTexts(rows, sourceOfRole[role], limit);
  const { all } = options;
  const fcoBound = sourceOfRole.fullCareOrder !== undefined;
  // No rows: nothing to tell the filters from, and "All" would say the opposite of the truth.
  // Only the author's own Full Care Order text (the role unbound) still stands.
  if (rows.length === 0) {
    return { fullCareOrder: fcoBound ? null : fullCareOrderLine(null, options), localityTeam: null, assessmentType: null, status: null, placementType: null };
  }
  return {
    fullCareOrder: fullCareOrderLine(fcoBound ? distinct('fullCareOrder', 2) : null, options),
    localityTeam: localityTeamLine(distinct('locality', 2), distinct('team', 2), all),
    assessmentType: knownListLine(distinctTexts(rows, sourceOfRole.assessmentType, MAX_DISTINCT, hasAll(ASSESSMENT_TYPES)), ASSESSMENT_TYPES, all),
    status: statusLine(rows, (key) => options.statusNames?.[key] ?? statusText(key, options.windowMonths), all),
    placementType: oneOrAll(distinct('placementType', 2), all),
  };
}

function fullCareOrderLine(values: string[] | null, options: HeaderOptions): string | null {
  if (values !== null) return oneOrAll(values, options.all);
  const text = options.fullCareOrderText?.trim();
  return text ? text : null;
}

export function localityTeamLine(localities: readonly string[], teams: readonly string[], all: string): string {
  if (localities.length > 1) return all;
  if (teams.length === 1) return localities.length === 1 ? `${localities[0]} / ${teams[0]}` : teams[0];
  return localities.length === 1 ? localities[0] : all;
}

export function oneOrAll(values: readonly string[], all: string): string {
  return values.length === 1 ? values[0] : all;
}

/** True once every known value has been found: the line is "All" whatever else occurs. */
function hasAll(known: readonly string[]): (found: readonly string[]) => boolean {
  return (found) => known.every((k) => found.some((f) => f.toLowerCase() === k.toLowerCase()));
}

/** Every known value present → All; else the values present (known ones in list order). */
export function knownListLine(values: readonly string[], known: readonly string[], all: string): string {
  if (values.length === 0) return all;
  if (hasAll(known)(values)) return all;
  const rank = (v: string) => {
    const at = known.findIndex((k) => k.toLowerCase() === v.toLowerCase());
    return at < 0 ? known.length : at;
  };
  return [...values].sort((a, b) => rank(a) - rank(b)).join(', ');
}

function statusLine(rows: readonly RowModel[], name: (key: StatusKey) => string, all: string): string {
  const present = new Set<StatusKey>();
  let last: StatusKey | null = null;
  for (let i = 0; i < rows.length && present.size < STATUS_KEYS.length; i++) {
    const status = rows[i].status;
    if (status !== null && status !== last) present.add(status);
    last = status;
  }
  if (present.size === 0 || CORE_STATUSES.every((s) => present.has(s))) return all;
  return STATUS_KEYS.filter((s) => present.has(s))
    .map(name)
    .join(', ');
}

/**
 * Up to `limit` distinct texts of a column (case and surrounding spaces ignored), in order of
 * appearance. Stops as soon as the limit is reached or `enough` says so, so "more than one"
 * costs a few rows; a raw value already seen costs one lookup.
 */
export function distinctTexts(
  rows: readonly RowModel[],
  source: number | undefined,
  limit: number,
  enough: (found: readonly string[]) => boolean = () => false,
): string[] {
  if (source === undefined) return [];
  const seen = new Map<string, string>();
  const seenRaw = new Set<unknown>();
  let lastRaw: unknown = undefined;
  for (let i = 0; i < rows.length && seen.size < limit; i++) {
    const raw = rows[i].raw[source];
    if (raw === lastRaw) continue;
    lastRaw = raw;
    if (seenRaw.has(raw)) continue;
    seenRaw.add(raw);
    const text = readText(raw)?.trim();
    if (!text || seen.has(text.toLowerCase())) continue;
    seen.set(text.toLowerCase(), text);
    if (enough([...seen.values()])) break;
  }
  return [...seen.values()];
}
