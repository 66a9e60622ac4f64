// Column widths for the space available, as a browser's automatic table layout shares it:
// when every preferred width fits, each column gets its preferred width (text columns then
// share what is left over, in proportion); otherwise each gets its minimum plus a share of the
// room above the minimums in proportion to what it still lacks (preferred − minimum). When even
// the minimums do not fit, the table is wider than the space and scrolls sideways (Person ID
// and Status stay pinned: pinned-columns.ts), and each column takes its roomy width (its title
// on two lines: a lower header leaves the rows more room on a small tile).
import type { ColumnSizing } from './column-widths';

/** A dragged column is never narrower than this, nor than its title's floor. */
export const MIN_DRAGGED_PX = 24;

/** `overrides[i]` is the author's width for column i (dragged or fitted), kept within its floor. */
export function allocateWidths(sizings: readonly ColumnSizing[], overrides: readonly (number | undefined)[], available: number): number[] {
  const flexible = sizings.map((_, i) => overrides[i] === undefined);
  const widths = sizings.map((s, i) => (flexible[i] ? s.minimum : Math.max(s.floor, MIN_DRAGGED_PX, Math.round(overrides[i] as number))));
  const fixed = widths.reduce((sum, w, i) => sum + (flexible[i] ? 0 : w), 0);
  const room = Math.floor(available) - fixed;
  const total = (pick: (s: ColumnSizing) => number) => sizings.reduce((sum, s, i) => sum + (flexible[i] ? pick(s) : 0), 0);
  if (total((s) => s.minimum) > room) return sizings.map((s, i) => (flexible[i] ? s.roomy : widths[i]));
  if (total((s) => s.preferred) <= room) {
    sizings.forEach((s, i) => flexible[i] && (widths[i] = s.preferred));
    // Room to spare: the text columns take it, in proportion to their preferred widths.
    const takers = sizings.map((s, i) => (flexible[i] && !s.protectedWidth ? s.preferred : 0));
    share(widths, takers, room - total((s) => s.preferred));
    return widths;
  }
  share(widths, sizings.map((s, i) => (flexible[i] ? s.preferred - s.minimum : 0)), room - total((s) => s.minimum));
  return widths;
}

/** Adds `space` px to `widths` in proportion to `weights`, in whole pixels (the remainder to the last). */
function share(widths: number[], weights: readonly number[], space: number): void {
  const weight = weights.reduce((sum, w) => sum + w, 0);
  if (weight <= 0 || space <= 0) return;
  let given = 0;
  let last = -1;
  weights.forEach((w, i) => {
    if (w <= 0) return;
    const part = Math.floor((space * w) / weight);
    widths[i] += part;
    given += part;
    last = i;
  });
  widths[last] += space - given;
}
