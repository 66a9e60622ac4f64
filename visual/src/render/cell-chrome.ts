// A cell's chrome: the room around its text that padding, grid lines and borders take. Computed
// here once, from the Grid card, and used by the column widths' measure (column-widths.ts), the
// rows' heights (table-layout.ts) and the CSS (table-style.ts writes it as custom properties
// that visual.less reads), so what is measured is what Chromium draws.
//
// Across: two neighbouring columns' texts are always GUTTER_PX apart, and a vertical grid line
// is drawn inside that gutter (the cell's right border), the padding on either side of it
// giving up the line's width. So a line of any width the format pane allows (1–5 px) never
// widens a column: a table that fits without lines fits with them. Row padding is space above
// and below the text only; it takes no room across. A status cell adds its bar on the left.
// The pinned columns' separators and the high-contrast status outline are inset shadows: they
// take no room, drawn over the padding, which keeps at least MIN_PAD_PX.
//
// Down: the row padding above and below the text and the horizontal line under it.
import type { GridStyle } from '../settings/resolved';

/** Between two columns' texts: the padding on both sides and the vertical line (visual.less's defaults: 5 + 5). */
export const GUTTER_PX = 10;
/** The thinnest padding beside a text (a 5 px line leaves 2 px on one side, 3 on the other). */
export const MIN_PAD_PX = 2;
/** A status cell's bar on its left (a border, transparent: the cell's fill shows through it). */
const STATUS_BAR_PX = 3;
/**
 * High contrast outlines a status cell 2 px inside its padding: beside the thinnest padding
 * (MIN_PAD_PX) a pixel more keeps it off the text.
 */
const STATUS_OUTLINE_ROOM_PX = 1;
/** Canvas widths and layout widths differ by a fraction of a pixel: one pixel a cell covers it. */
const ROUNDING_PX = 1;

export interface CellChrome {
  padLeft: number;
  padRight: number;
  /** The vertical grid line, on the cell's right, px (0: none). */
  verticalLine: number;
  /** A status cell's bar, px. */
  statusBar: number;
  /** What a cell's width holds beside its text, px: the same with lines on or off. */
  across: number;
  /** What a status cell's width holds beside its text (its glyph aside), px: its bar too. */
  statusAcross: number;
  padTop: number;
  /** The horizontal grid line under each row, px (0: none). */
  horizontalLine: number;
  /** What a one-line row's height holds beside its text's line, px. */
  down: number;
}

export function cellChrome(grid: Pick<GridStyle, 'vertical' | 'horizontal' | 'rowPadding'>): CellChrome {
  const verticalLine = Math.min(grid.vertical?.widthPx ?? 0, GUTTER_PX - 2 * MIN_PAD_PX);
  const pads = GUTTER_PX - verticalLine;
  // The odd pixel goes to the left padding: the text after the line, not the one before it.
  const padRight = Math.floor(pads / 2);
  const padLeft = pads - padRight;
  const across = padLeft + padRight + verticalLine + ROUNDING_PX;
  const horizontalLine = grid.horizontal?.widthPx ?? 0;
  return {
    padLeft,
    padRight,
    verticalLine,
    statusBar: STATUS_BAR_PX,
    across,
    statusAcross: across + STATUS_BAR_PX + STATUS_OUTLINE_ROOM_PX,
    padTop: grid.rowPadding,
    horizontalLine,
    down: 2 * grid.rowPadding + horizontalLine,
  };
}

/** The chrome as visual.less reads it (the lines' colours are table-style.ts's). */
export function chromeVars(chrome: CellChrome): Record<string, string> {
  return {
    '--ppoc-pad': `${chrome.padTop}px`,
    '--ppoc-pad-l': `${chrome.padLeft}px`,
    '--ppoc-pad-r': `${chrome.padRight}px`,
    '--ppoc-gv-w': `${chrome.verticalLine}px`,
    '--ppoc-gh-w': `${chrome.horizontalLine}px`,
    '--ppoc-bar': `${chrome.statusBar}px`,
  };
}
