import type { DataQualityRule } from '../model/data-quality-rules';
import type { RefreshSet } from '../model/refresh-set';
import type { Warehouse } from '../warehouse/warehouse';

/**
 * The shrink guard: a refresh that would cut the dashboard's main tables by more than a set
 * share of what the last successful run published is far more likely a broken export than
 * a real change, so it fails (tables kept) unless the operator says it is deliberate.
 */
export interface ShrinkGuardOptions {
  /** PPOC_MAX_SHRINK_PERCENT: the largest drop allowed, 0–100. */
  maxPercent: number;
  /** --allow-shrink: a deliberate change; the drop is logged, not refused. */
  allow: boolean;
}

export const DEFAULT_SHRINK_GUARD: ShrinkGuardOptions = { maxPercent: 50, allow: false };
export const GUARDED_TABLES = ['planned_assessment', 'cic_cohort'] as const;

export class ShrinkGuardError extends Error {
  readonly rule: DataQualityRule = 'table_shrink';
  constructor(message: string) {
    super(message);
    this.name = 'ShrinkGuardError';
  }
}

export interface Shrink {
  table: string;
  before: number;
  after: number;
  percent: number;
}

/** Each guarded table that would shrink by more than `maxPercent` (an empty table never counts). */
export function findShrinks(before: Record<string, number>, set: RefreshSet, maxPercent: number): Shrink[] {
  const found: Shrink[] = [];
  for (const table of GUARDED_TABLES) {
    const previous = before[table] ?? 0;
    const after = set.tables[table].length;
    if (previous === 0 || after >= previous) continue;
    const percent = ((previous - after) / previous) * 100;
    if (percent > maxPercent) found.push({ table, before: previous, after, percent });
  }
  return found;
}

export function describeShrink(shrink: Shrink): string {
  return `${shrink.table} would shrink from ${shrink.before} to ${shrink.after} rows (${Math.round(shrink.percent)}% fewer)`;
}

/** Throws ShrinkGuardError, or returns the shrinks `allow` let through (for the log). */
export async function guardShrink(warehouse: Warehouse, set: RefreshSet, options: ShrinkGuardOptions): Promise<Shrink[]> {
  const shrinks = findShrinks(await warehouse.liveRowCounts(GUARDED_TABLES), set, options.maxPercent);
  if (shrinks.length === 0 || options.allow) return shrinks;
  throw new ShrinkGuardError(
    `${shrinks.map(describeShrink).join('; ')}, more than PPOC_MAX_SHRINK_PERCENT (${options.maxPercent}%) allows; ` +
      'check the extract, or run again with --allow-shrink if the drop is deliberate',
  );
}
