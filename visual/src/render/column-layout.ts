// Column widths for the space available: every column at least its minimum (protected columns
// their natural width), text columns sharing what is left in proportion to their natural
// widths. When the minimums do not fit, the table is wider than the space and scrolls sideways,
// and then text columns get a readable width (up to ten ems) rather than the squeezed one.
import type { ColumnSizing } from './column-widths';

/** A dragged column is never narrower than this. */
export const MIN_DRAGGED_PX = 24;

/**
 * `overrides[i]` is the author's width for column i (dragged or auto-fitted), kept as is
 * except that a protected column never goes below its natural width.
 */
export function allocateWidths(sizings: readonly ColumnSizing[], overrides: readonly (number | undefined)[], available: number): number[] {
  const widths = sizings.map((s, i) => {
    const set = overrides[i];
    if (set === undefined) return s.natural;
    return Math.max(s.protectedWidth ? s.natural : MIN_DRAGGED_PX, Math.round(set));
  });
  const flexible = sizings.map((s, i) => !s.protectedWidth && overrides[i] === undefined);
  const fixedTotal = widths.reduce((sum, w, i) => sum + (flexible[i] ? 0 : w), 0);
  const minimumTotal = sizings.reduce((sum, s, i) => sum + (flexible[i] ? s.minimum : 0), fixedTotal);
  if (minimumTotal > available) return widths.map((w, i) => (flexible[i] ? sizings[i].scrolling : w));
  share(widths, sizings, flexible, Math.floor(available) - fixedTotal);
  return widths;
}

/** Water-filling: proportional shares, each at least its minimum, rounded to whole pixels. */
function share(widths: number[], sizings: readonly ColumnSizing[], flexible: readonly boolean[], space: number): void {
  let open = flexible.map((f, i) => (f ? i : -1)).filter((i) => i >= 0);
  let room = space;
  for (;;) {
    const weight = open.reduce((sum, i) => sum + sizings[i].natural, 0);
    if (open.length === 0 || weight <= 0) return;
    const pinned = open.filter((i) => (room * sizings[i].natural) / weight < sizings[i].minimum);
    if (pinned.length === 0) {
      let given = 0;
      open.forEach((i, n) => {
        widths[i] = n === open.length - 1 ? room - given : Math.floor((room * sizings[i].natural) / weight);
        given += widths[i];
      });
      return;
    }
    for (const i of pinned) {
      widths[i] = sizings[i].minimum;
      room -= widths[i];
    }
    open = open.filter((i) => !pinned.includes(i));
  }
}
