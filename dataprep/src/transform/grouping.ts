/** A map key for a (person, assessment type) pair. */
export function pairKey(personId: string, type: string): string {
  return `${personId}\u0000${type}`;
}

/** Groups items by a key, keeping input order inside each group. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
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
