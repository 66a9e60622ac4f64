// Columns that stay in view when the table scrolls sideways (CSS sticky): Person ID on the left,
// Status and Predicted Start Date on the right, so the colour-coded status and the date it is
// about are never off-screen. When the pinned columns would leave no room for the rest, Person
// ID lets go first, then the predicted date; Status always stays.
import type { ColumnModel } from '../converter/view-model';
import type { ColumnRole } from '../roles';
import { scrollToReveal } from './table-layout';

export interface Pin {
  side: 'left' | 'right';
  /** Distance from that side: the widths of the pinned columns between it and the edge. */
  offset: number;
  /**
   * A right-pinned column also stops at the left-pinned ones (their width), so scrolled to the
   * far end on a narrow tile it stays whole rather than slide out on the left.
   */
  stop?: number;
}

/** Room, px, the scrolling columns keep between the pinned ones. */
const SCROLLING_ROOM_PX = 48;
const RIGHT: readonly ColumnRole[] = ['status', 'predictedStartDate'];
const LEFT: readonly ColumnRole[] = ['personId'];
/** What lets go first when space is short. */
const RELEASE_ORDER: readonly ColumnRole[] = ['personId', 'predictedStartDate'];

export function pinColumns(columns: readonly ColumnModel[], widths: readonly number[], available: number): (Pin | null)[] {
  const total = widths.reduce((sum, w) => sum + w, 0);
  if (total <= available + 0.5) return columns.map(() => null);
  const pinned = new Set<ColumnRole>(columns.map((c) => c.role).filter((role) => RIGHT.includes(role) || LEFT.includes(role)));
  const width = () => columns.reduce((sum, c, i) => sum + (pinned.has(c.role) ? widths[i] : 0), 0);
  for (const role of RELEASE_ORDER) if (width() > available - SCROLLING_ROOM_PX) pinned.delete(role);
  const pins: (Pin | null)[] = columns.map(() => null);
  let left = 0;
  columns.forEach((c, i) => {
    if (!pinned.has(c.role) || !LEFT.includes(c.role)) return;
    pins[i] = { side: 'left', offset: left };
    left += widths[i];
  });
  let right = 0;
  for (let i = columns.length - 1; i >= 0; i--) {
    if (!pinned.has(columns[i].role) || !RIGHT.includes(columns[i].role)) continue;
    pins[i] = { side: 'right', offset: right, stop: left };
    right += widths[i];
  }
  return pins;
}

/** The widths the pinned columns cover on each side of column `index` (for scrolling a cell into view). */
export function coveredBy(pins: readonly (Pin | null)[], widths: readonly number[], index: number): { left: number; right: number } {
  let left = 0;
  let right = 0;
  pins.forEach((pin, i) => {
    if (pin?.side === 'left' && i < index) left += widths[i];
    if (pin?.side === 'right' && i > index) right += widths[i];
  });
  return { left, right };
}

/** The sideways scroll that shows column `col` whole between the pinned columns (a pinned one always shows). */
export function revealLeft(pins: readonly (Pin | null)[], widths: readonly number[], col: number, current: number, clientWidth: number): number {
  if (pins[col] || widths.length === 0) return current;
  let left = 0;
  for (let i = 0; i < col; i++) left += widths[i];
  const cover = coveredBy(pins, widths, col);
  return scrollToReveal(left, widths[col] ?? 0, current, clientWidth, cover.left, cover.right);
}
