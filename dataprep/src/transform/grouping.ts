/** A map key for a (person, assessment type) pair. */
export function pairKey(personId: string, type: string): string {
  return `${personId}\u0000${type}`;
}

/** Groups items by a key, keeping input order inside each group. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Plain code-unit order (IDs, ISO dates); 0 when equal, for chaining with `||`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Groups this small are sorted by insertion: the engine's sort allocates kilobytes of scratch per call. */
const SMALL_GROUP = 16;

/**
 * Sorts a group in place, stably (as Array.prototype.sort): a child's handful of episodes or a
 * plan's few predictions without the scratch memory the engine's sort takes per call.
 */
export function sortGroup<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > SMALL_GROUP) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    let at = i;
    while (at > 0 && compare(items[at - 1], item) > 0) {
      items[at] = items[at - 1];
      at--;
    }
    items[at] = item;
  }
  return items;
}
