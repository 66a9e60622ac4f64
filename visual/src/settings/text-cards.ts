// The text cards, as in Power BI's own table: Values (the cells) and Column headers (the titles),
// each with its font, size, bold/italic/underline and colours, and its own "Wrap text".
import { formattingSettings } from 'powerbi-visuals-utils-formattingmodel';
import { color, fontControl, toggle } from './slices';

import Card = formattingSettings.SimpleCard;

export const DEFAULT_FONT_FAMILY = 'Segoe UI, wf_segoe-ui_normal, helvetica, arial, sans-serif';
/** Text colours of the cells and the titles, and the titles' background (visual.less mirrors them). */
export const DEFAULT_VALUE_COLOR = '#252423';
export const DEFAULT_TITLE_BACKGROUND = '#F3F2F1';

/** Object `table` (its name kept from the first releases, so saved reports keep their fonts). */
export class ValuesCard extends Card {
  override name = 'table';
  override displayName = 'Values';
  override displayNameKey = 'Format_Values';
  font = fontControl('values', { family: DEFAULT_FONT_FAMILY, size: 10, bold: false });
  fontColor = color('fontColor', 'Text colour', 'Format_TextColor', DEFAULT_VALUE_COLOR);
  wordWrap = toggle('wordWrap', 'Wrap text', 'Format_WordWrap', false);
  override slices = [this.font, this.fontColor, this.wordWrap];
}

export class ColumnHeadersCard extends Card {
  override name = 'columnHeaders';
  override displayName = 'Column headers';
  override displayNameKey = 'Format_ColumnHeaders';
  font = fontControl('titles', { family: DEFAULT_FONT_FAMILY, size: 10, bold: true });
  fontColor = color('fontColor', 'Text colour', 'Format_TextColor', DEFAULT_VALUE_COLOR);
  backColor = color('backColor', 'Background colour', 'Format_BackColor', DEFAULT_TITLE_BACKGROUND);
  wordWrap = toggle('wordWrap', 'Wrap text', 'Format_WordWrap', true);
  autoSizeWidths = toggle('autoSizeWidths', 'Auto-size column width', 'Format_AutoSizeWidths', true);
  override slices = [this.font, this.fontColor, this.backColor, this.wordWrap, this.autoSizeWidths];
}
