// A cell's colours, for the rows on screen: a status cell takes its status's colour (a rule's
// colour for that row wins over the palette) with black or white text, whichever contrasts
// more; any other cell takes its column's background and text colour, by rule or constant. Text
// an author's colour would leave under 4.5:1 on its background turns black or white, so a rule
// never makes a value unreadable. High contrast: the host's colours only, no rules.
import type { StatusKey } from '../../../core/src/index';
import { ruleColor, type RowObjects } from '../converter/row-objects';
import type { ColumnRole } from '../roles';
import { columnProperty } from '../settings/column-card';
import type { ResolvedSettings } from '../settings/resolved';
import { contrastRatio, textColorFor } from './colors';

/** CSS colours; '' leaves the stylesheet's. */
export interface CellPaint {
  background: string;
  color: string;
}

const NONE: CellPaint = { background: '', color: '' };
const WCAG_TEXT = 4.5;
/** The table's own background (visual.less), under a cell without a background of its own. */
export const TABLE_BACKGROUND = '#FFFFFF';

export function statusPaint(status: StatusKey | null, objects: RowObjects, settings: ResolvedSettings): CellPaint {
  if (!status) return NONE;
  const hc = settings.highContrast;
  if (hc) return { background: hc.background, color: hc.foreground };
  const fill = ruleColor(objects, 'statusColors', status) ?? settings.statusColors[status];
  return { background: fill, color: textColorFor(fill) };
}

/** `shaded`: the row is an alternate (shaded) row. */
export function columnPaint(role: ColumnRole, objects: RowObjects, settings: ResolvedSettings, shaded: boolean): CellPaint {
  if (settings.highContrast) return NONE;
  const style = settings.columns[role];
  const background = ruleColor(objects, 'columnFormatting', columnProperty.background(role)) ?? style.background;
  const color = ruleColor(objects, 'columnFormatting', columnProperty.fontColor(role)) ?? style.fontColor;
  if (background === null && color === null) return NONE;
  const under = background ?? (shaded && settings.grid.alternate ? settings.grid.alternate : TABLE_BACKGROUND);
  return { background: background ?? '', color: readableOn(color ?? settings.values.color, under) };
}

/** `color` when it reaches 4.5:1 on `background`, else black or white. */
export function readableOn(color: string, background: string): string {
  return contrastRatio(color, background) >= WCAG_TEXT ? color : textColorFor(background);
}
