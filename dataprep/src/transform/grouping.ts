/** A map key for a (person, assessment type) pair. */
export function pairKey(personId: string, type: string): string {
  return `${personId}\u0000${type}`;
}

/**
 * A map keyed by a pair of strings as written (locality and team), held as a map of maps:
 * finding a pair builds no key string, so the many rows of few places cost two lookups each.
 */
export class PairMap<V> {
  private readonly outer = new Map<string, Map<string, V>>();

  get(first: string, second: string): V | undefined {
    return this.outer.get(first)?.get(second);
  }

  set(first: string, second: string, value: V): void {
    let inner = this.outer.get(first);
    if (inner === undefined) this.outer.set(first, (inner = new Map()));
    inner.set(second, value);
  }

  clear(): void {
    this.outer.clear();
  }
}

/** Groups items by a key, keeping input order inside each group. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  // Extracts often list a person's rows together: the previous row's group needs no lookup.
  let lastKey: string | null = null;
  let lastGroup: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const key = keyOf(item);
    if (key === lastKey) {
      lastGroup.push(item);
      continue;
    }
    let group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, (group = [item]));
    lastKey = key;
    lastGroup = group;
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
