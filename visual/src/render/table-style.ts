// The table's look from the format pane, as CSS custom properties on the table (visual.less
// reads them): the values' and titles' fonts and colours, the grid lines' colours, the cells'
// padding and lines (their chrome, cell-chrome.ts, the measure's too), the outline under the
// titles and the alternate rows' shade. Written once per render; the cells
// carry only what differs cell by cell (alignment, a column's or a rule's colours).
import type { Line, ResolvedSettings, TextStyle } from '../settings/resolved';
import { chromeVars } from './cell-chrome';
import type { RowGeometry } from './table-layout';

/** Font weights: bold values as bold, bold titles semibold (as Power BI's own table headers). */
export const VALUE_BOLD_WEIGHT = 700;
export const TITLE_BOLD_WEIGHT = 600;

export function fontWeight(style: TextStyle, boldWeight: number): number {
  return style.bold ? boldWeight : 400;
}

/** Weight, style, decoration and colour of a text (`--ppoc-vw`… for values, `--ppoc-tw`… for titles). */
function fontVars(prefix: string, style: TextStyle, boldWeight: number): Record<string, string> {
  return {
    [`--ppoc-${prefix}w`]: String(fontWeight(style, boldWeight)),
    [`--ppoc-${prefix}i`]: style.italic ? 'italic' : 'normal',
    [`--ppoc-${prefix}u`]: style.underline ? 'underline' : 'none',
    [`--ppoc-${prefix}c`]: style.color,
  };
}

/** A line's colour (none: transparent). The grid lines' widths are the cells' chrome (cell-chrome.ts). */
function lineColor(prefix: string, line: Line | null): Record<string, string> {
  return { [`--ppoc-${prefix}-c`]: line?.color ?? 'transparent' };
}

export function applyTableStyle(table: HTMLElement, settings: ResolvedSettings, geometry: RowGeometry): void {
  const { values, titles, grid } = settings;
  const vars: Record<string, string> = {
    '--ppoc-line': `${geometry.lineHeight}px`,
    '--ppoc-title-line': `${geometry.titleLineHeight}px`,
    '--ppoc-row': `${geometry.rowHeight}px`,
    ...chromeVars(geometry.chrome),
    ...fontVars('v', values, VALUE_BOLD_WEIGHT),
    ...fontVars('t', titles, TITLE_BOLD_WEIGHT),
    '--ppoc-tf': titles.family,
    '--ppoc-ts': `${titles.sizePt}pt`,
    '--ppoc-tb': titles.background,
    ...lineColor('gh', grid.horizontal),
    ...lineColor('gv', grid.vertical),
    ...lineColor('ol', grid.outline),
    '--ppoc-ol-w': `${grid.outline?.widthPx ?? 0}px`,
    '--ppoc-alt': grid.alternate ?? 'transparent',
  };
  for (const [name, value] of Object.entries(vars)) table.style.setProperty(name, value);
  table.classList.toggle('ppoc-wrap', values.wrap);
  table.classList.toggle('ppoc-title-nowrap', !titles.wrap);
  table.classList.toggle('ppoc-alternate', grid.alternate !== null);
}
