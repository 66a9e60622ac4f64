// The table's look from the format pane, as CSS custom properties on the table (visual.less
// reads them): the values' and titles' fonts and colours, the grid lines, row padding, the
// outline under the titles and the alternate rows' shade. Written once per render; the cells
// carry only what differs cell by cell (alignment, a column's or a rule's colours).
import type { ResolvedSettings, TextStyle } from '../settings/resolved';
import type { RowGeometry } from './table-layout';

/** Font weights: bold values as bold, bold titles semibold (as Power BI's own table headers). */
export const VALUE_BOLD_WEIGHT = 700;
export const TITLE_BOLD_WEIGHT = 600;

export function fontWeight(style: TextStyle, boldWeight: number): number {
  return style.bold ? boldWeight : 400;
}

export function applyTableStyle(table: HTMLElement, settings: ResolvedSettings, geometry: RowGeometry): void {
  const { values, titles, grid } = settings;
  const vars: Record<string, string> = {
    '--ppoc-line': `${geometry.lineHeight}px`,
    '--ppoc-title-line': `${geometry.titleLineHeight}px`,
    '--ppoc-row': `${geometry.rowHeight}px`,
    '--ppoc-pad': `${grid.rowPadding}px`,
    '--ppoc-vw': String(fontWeight(values, VALUE_BOLD_WEIGHT)),
    '--ppoc-vi': values.italic ? 'italic' : 'normal',
    '--ppoc-vu': values.underline ? 'underline' : 'none',
    '--ppoc-vc': values.color,
    '--ppoc-tf': titles.family,
    '--ppoc-ts': `${titles.sizePt}pt`,
    '--ppoc-tw': String(fontWeight(titles, TITLE_BOLD_WEIGHT)),
    '--ppoc-ti': titles.italic ? 'italic' : 'normal',
    '--ppoc-tu': titles.underline ? 'underline' : 'none',
    '--ppoc-tc': titles.color,
    '--ppoc-tb': titles.background,
    '--ppoc-gh-w': `${grid.horizontal?.widthPx ?? 0}px`,
    '--ppoc-gh-c': grid.horizontal?.color ?? 'transparent',
    '--ppoc-gv-w': `${grid.vertical?.widthPx ?? 0}px`,
    '--ppoc-gv-c': grid.vertical?.color ?? 'transparent',
    '--ppoc-ol-w': `${grid.outline?.widthPx ?? 0}px`,
    '--ppoc-ol-c': grid.outline?.color ?? 'transparent',
    '--ppoc-alt': grid.alternate ?? 'transparent',
  };
  for (const [name, value] of Object.entries(vars)) table.style.setProperty(name, value);
  table.classList.toggle('ppoc-wrap', values.wrap);
  table.classList.toggle('ppoc-title-nowrap', !titles.wrap);
  table.classList.toggle('ppoc-alternate', grid.alternate !== null);
}
