/**
 * "Did you mean …?" for a mistyped command or flag, as git and npm say it: the known name
 * closest to what was typed, when it is close enough to be the likely intent.
 */

/** Edit distance (insertions, deletions, substitutions, and swapping two neighbours). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/**
 * The closest of `known` to `typed` (case-insensitive): within a third of its length (at least
 * one edit, at most three), or one that starts with what was typed. Null when nothing is close.
 */
export function closest(typed: string, known: readonly string[]): string | null {
  const wanted = typed.toLowerCase();
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (best && best.distance <= Math.min(3, Math.max(1, Math.floor(wanted.length / 3)))) return best.name;
  const prefixed = known.filter((name) => wanted.length >= 2 && name.toLowerCase().startsWith(wanted));
  return prefixed.length === 1 ? prefixed[0] : null;
}

/** `; did you mean "x"?`, or nothing. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const match = closest(typed, known);
  return match ? `; did you mean "${match}"?` : '';
}
