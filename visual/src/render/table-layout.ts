// Geometry of the virtualized table: row heights from the font size, the row padding and the
// grid, so the visible window is computed without reading layout.
import type { ResolvedSettings } from '../settings/resolved';
import { cellChrome, type CellChrome } from './cell-chrome';
import { ptToPx } from './text-measure';

/** At or below this many rows every row is rendered (natural heights, word wrap unlimited). */
export const RENDER_ALL_LIMIT = 300;
export const OVERSCAN_ROWS = 8;

export interface RowGeometry {
  lineHeight: number;
  titleLineHeight: number;
  /** A one-line row: its text, the padding above and below it, and the line under it. */
  rowHeight: number;
  /** Wrapped values: rows grow to their text (a virtualized table measures them, row-heights.ts). */
  wrap: boolean;
  /** The header row before it is measured (titles on two lines). */
  headerHeight: number;
  /** The room around a cell's text (the same for the measure and the CSS). */
  chrome: CellChrome;
}

/** A line of text at a size, px (visual.less: line-height 1.35). */
export function lineHeightFor(fontSizePt: number): number {
  return Math.ceil(ptToPx(fontSizePt) * 1.35);
}

type GeometrySettings = Pick<ResolvedSettings, 'values' | 'titles' | 'grid'>;

/** One geometry per settings object: the table, the page layout and the column measure share it. */
const geometries = new WeakMap<GeometrySettings, RowGeometry>();

export function rowGeometry(settings: GeometrySettings): RowGeometry {
  let geometry = geometries.get(settings);
  if (!geometry) geometries.set(settings, (geometry = computeGeometry(settings)));
  return geometry;
}

function computeGeometry(settings: GeometrySettings): RowGeometry {
  const lineHeight = lineHeightFor(settings.values.sizePt);
  const titleLineHeight = lineHeightFor(settings.titles.sizePt);
  const { grid } = settings;
  const chrome = cellChrome(grid);
  const rowHeight = lineHeight + chrome.down;
  const headerHeight = titleLineHeight * 2 + 2 * chrome.padTop + 2 + (grid.outline?.widthPx ?? 0);
  return { lineHeight, titleLineHeight, rowHeight, wrap: settings.values.wrap, headerHeight, chrome };
}

export interface RowWindow {
  first: number;
  last: number;
  virtual: boolean;
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
