// Geometry of the virtualized table: fixed row heights from the font size, so the visible
// window is computed without reading layout.
import type { RoleKind } from '../roles';

/** At or below this many rows every row is rendered (natural heights, word wrap unlimited). */
export const RENDER_ALL_LIMIT = 300;
export const OVERSCAN_ROWS = 8;
const CELL_PADDING_PX = 8;

export interface RowGeometry {
  lineHeight: number;
  rowHeight: number;
  /** Lines a wrapped cell may use in a virtualized table (rows must keep one height). */
  maxLines: number;
}

export function rowGeometry(fontSizePt: number, wordWrap: boolean): RowGeometry {
  const lineHeight = Math.ceil(fontSizePt * (4 / 3) * 1.35);
  const maxLines = wordWrap ? 2 : 1;
  return { lineHeight, rowHeight: lineHeight * maxLines + CELL_PADDING_PX + 1, maxLines };
}

export interface RowWindow {
  first: number;
  last: number;
  virtual: boolean;
}

export function visibleWindow(rowCount: number, scrollTop: number, viewportHeight: number, rowHeight: number): RowWindow {
  if (rowCount <= RENDER_ALL_LIMIT) return { first: 0, last: rowCount, virtual: false };
  const height = Math.max(viewportHeight, rowHeight);
  const first = Math.max(0, Math.min(rowCount - 1, Math.floor(scrollTop / rowHeight) - OVERSCAN_ROWS));
  const last = Math.min(rowCount, first + Math.ceil(height / rowHeight) + 2 * OVERSCAN_ROWS);
  return { first, last, virtual: true };
}

/** Relative column widths: the table fills the visual, wide text columns get more room. */
const WIDTH_WEIGHT: Readonly<Record<RoleKind, number>> = { id: 7, text: 10, date: 8.5, status: 17 };

export function columnWeight(kind: RoleKind, role: string): number {
  if (role === 'placementType' || role === 'team') return 13;
  return WIDTH_WEIGHT[kind];
}

/** Below this width (in em per weight unit) the table scrolls sideways rather than squeeze. */
export const MIN_EM_PER_WEIGHT = 0.55;
