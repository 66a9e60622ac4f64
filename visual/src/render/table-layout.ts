// Geometry of the virtualized table: fixed row heights from the font size, so the visible
// window is computed without reading layout.

/** At or below this many rows every row is rendered (natural heights, word wrap unlimited). */
export const RENDER_ALL_LIMIT = 300;
export const OVERSCAN_ROWS = 8;
const CELL_PADDING_PX = 8;

export interface RowGeometry {
  lineHeight: number;
  rowHeight: number;
  /** Lines a wrapped cell may use in a virtualized table (rows must keep one height). */
  maxLines: number;
  /** The header row before it is measured (titles on two lines). */
  headerHeight: number;
}

export function rowGeometry(fontSizePt: number, wordWrap: boolean): RowGeometry {
  const lineHeight = Math.ceil(fontSizePt * (4 / 3) * 1.35);
  const maxLines = wordWrap ? 2 : 1;
  return { lineHeight, rowHeight: lineHeight * maxLines + CELL_PADDING_PX + 1, maxLines, headerHeight: lineHeight * 2 + 10 };
}

export interface RowWindow {
  first: number;
  last: number;
  virtual: boolean;
}

/**
 * The rows to render for a rows area `areaHeight` px high (the table's height minus its header),
 * with `overscan` rows more above and below so a fast scroll never shows a blank.
 */
export function visibleWindow(rowCount: number, scrollTop: number, areaHeight: number, rowHeight: number, overscan = OVERSCAN_ROWS): RowWindow {
  if (rowCount <= RENDER_ALL_LIMIT) return { first: 0, last: rowCount, virtual: false };
  const height = Math.max(areaHeight, rowHeight);
  const first = Math.max(0, Math.min(rowCount - 1, Math.floor(scrollTop / rowHeight) - overscan));
  // Without overscan, one more row for the one a scroll offset between rows shows in part.
  const last = Math.min(rowCount, first + Math.ceil(height / rowHeight) + Math.max(1, 2 * overscan));
  return { first, last, virtual: true };
}

/**
 * The scroll offset (either axis) that shows an item whole in the part of the view not covered
 * by sticky things (or, when it is wider than that part, from its start): `start` is its offset in the scrolled content, `view` the scroller's inner
 * size, `coverStart`/`coverEnd` what sticks at each end (the header row; pinned columns).
 */
export function scrollToReveal(start: number, size: number, scroll: number, view: number, coverStart: number, coverEnd = 0): number {
  // Wider than the uncovered part (a narrow tile's pinned columns): its start shows, and the
  // focused cell is drawn above what sticks at the end (visual.less).
  if (start < scroll + coverStart || size > view - coverStart - coverEnd) return Math.max(0, start - coverStart);
  if (start + size > scroll + view - coverEnd) return Math.max(0, start + size - view + coverEnd);
  return scroll;
}
