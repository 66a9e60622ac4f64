// The text cards, as in Power BI's own table: Values (the cells) and Column headers (the titles),
// each with its font, size, bold/italic/underline and colours, and its own "Wrap text".
import { formattingSettings } from 'powerbi-visuals-utils-formattingmodel';
import { color, fontControl, toggle } from './slices';

import Card = formattingSettings.SimpleCard;

export const DEFAULT_FONT_FAMILY = 'Segoe UI, wf_segoe-ui_normal, helvetica, arial, sans-serif';
/** Text colours of the cells and the titles, and the titles' background (visual.less mirrors them). */
export const DEFAULT_VALUE_COLOR = '#252423';
export const DEFAULT_TITLE_BACKGROUND = '#F3F2F1';

/** A card of text: its font (family, size, bold, italic, underline), colour and wrapping. */
abstract class TextCard extends Card {
  readonly font: formattingSettings.FontControl;
  readonly fontColor = color('fontColor', 'Text colour', 'Format_TextColor', DEFAULT_VALUE_COLOR);
  readonly wordWrap: formattingSettings.ToggleSwitch;

  constructor(prefix: string, defaults: { bold: boolean; wrap: boolean }) {
    super();
    this.font = fontControl(prefix, { family: DEFAULT_FONT_FAMILY, size: 10, bold: defaults.bold });
    this.wordWrap = toggle('wordWrap', 'Wrap text', 'Format_WordWrap', defaults.wrap);
  }
}

/** Object `table` (its name kept from the first releases, so saved reports keep their fonts). */
export class ValuesCard extends TextCard {
  override name = 'table';
  override displayName = 'Values';
  override displayNameKey = 'Format_Values';
  override slices = [this.font, this.fontColor, this.wordWrap];

  constructor() {
    super('values', { bold: false, wrap: false });
  }
}

export class ColumnHeadersCard extends TextCard {
  override name = 'columnHeaders';
  override displayName = 'Column headers';
  override displayNameKey = 'Format_ColumnHeaders';
  backColor = color('backColor', 'Background colour', 'Format_BackColor', DEFAULT_TITLE_BACKGROUND);
  autoSizeWidths = toggle('autoSizeWidths', 'Auto-size column width', 'Format_AutoSizeWidths', true);
  override slices = [this.font, this.fontColor, this.backColor, this.wordWrap, this.autoSizeWidths];

  constructor() {
    super('titles', { bold: true, wrap: true });
  }
}
