// The original report's filter-context header, derived from the rows received: one distinct
// value → that value; every value of a known list → "All"; a few values → listed; many → a count.
import { STATUS_KEYS, statusText, type StatusKey } from '../../../core/src/index';
import type { RoleName } from '../roles';
import { readText } from './values';
import type { ColumnModel, HeaderLines, RowModel } from './view-model';

const ASSESSMENT_TYPES = ['sgo', 'reunification'];
/** Statuses that make "All" (Planned - Later is rare, so not required). */
const CORE_STATUSES: readonly StatusKey[] = ['notYetStarted', 'upcoming', 'late', 'onTime'];
const MAX_LISTED = 3;

export function deriveHeaderLines(
  rows: readonly RowModel[],
  columns: readonly ColumnModel[],
  fullCareOrderText?: string,
  windowMonths = 3,
): HeaderLines {
  const of = (role: RoleName) => columns.find((column) => column.role === role);
  const locality = of('locality') ?? of('team');
  const fco = fullCareOrderText?.trim();
  return {
    fullCareOrder: fco ? fco : null,
    localityTeam: summarise(distinctCells(rows, locality), null, 'localities'),
    assessmentType: summarise(distinctCells(rows, of('assessmentType')), ASSESSMENT_TYPES, 'types'),
    status: summariseStatuses(rows, windowMonths),
    placementType: summarise(distinctCells(rows, of('placementType')), null, 'placement types'),
  };
}

function distinctCells(rows: readonly RowModel[], column: ColumnModel | undefined): string[] {
  if (column === undefined) return [];
  const source = column.sourceIndex;
  const raw = distinctRaw(rows, source);
  const seen = new Map<string, string>();
  for (const value of raw) {
    const text = readText(value)?.trim();
    if (text && !seen.has(text.toLowerCase())) seen.set(text.toLowerCase(), text);
  }
  return [...seen.values()];
}

/**
 * The distinct raw values of a column. These columns hold a handful of values (localities,
 * types), so a short array scanned with === beats hashing every row; a Set takes over if not.
 */
function distinctRaw(rows: readonly RowModel[], source: number): Iterable<unknown> {
  const few: unknown[] = [];
  let many: Set<unknown> | null = null;
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i].raw[source];
    if (many) {
      many.add(value);
    } else if (!few.includes(value)) {
      few.push(value);
      if (few.length > 32) many = new Set(few);
    }
  }
  return many ?? few;
}

export function summarise(values: readonly string[], knownList: readonly string[] | null, noun: string): string {
  if (values.length === 0) return 'All';
  if (values.length === 1) return values[0];
  if (knownList && knownList.every((known) => values.some((v) => v.toLowerCase() === known))) return 'All';
  if (values.length <= MAX_LISTED) return [...values].sort().join(', ');
  return `${values.length} ${noun}`;
}

function summariseStatuses(rows: readonly RowModel[], windowMonths: number): string {
  const present = new Set<StatusKey>();
  let last: StatusKey | null = null;
  for (let i = 0; i < rows.length && present.size < STATUS_KEYS.length; i++) {
    const status = rows[i].status;
    if (status !== null && status !== last) present.add(status);
    last = status;
  }
  if (present.size === 0) return 'All';
  if (CORE_STATUSES.every((s) => present.has(s))) return 'All';
  const keys = STATUS_KEYS.filter((s) => present.has(s));
  if (keys.length <= MAX_LISTED) return keys.map((k) => statusText(k, windowMonths)).join(', ');
  return `${keys.length} statuses`;
}
