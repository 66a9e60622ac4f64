// The Grid card: horizontal and vertical lines (on/off, colour, width), the row padding,
// alternate row shading and the outline under the titles. Defaults are the table's look before
// the card existed (horizontal lines, the outline, no vertical lines, no shading).
import { formattingSettings } from 'powerbi-visuals-utils-formattingmodel';
import { color, numberSlice, toggle } from './slices';

export const GRID_DEFAULTS = {
  lineColor: '#E1DFDD',
  alternateColor: '#F3F2F1',
  outlineColor: '#8A8886',
  rowPadding: 4,
} as const;

function group(name: string, displayName: string, displayNameKey: string, top: formattingSettings.ToggleSwitch, slices: formattingSettings.Slice[]): formattingSettings.Group {
  return new formattingSettings.Group({ name, displayName, displayNameKey, topLevelSlice: top, slices });
}

export class GridCard extends formattingSettings.CompositeCard {
  override name = 'grid';
  override displayName = 'Grid';
  override displayNameKey = 'Format_Grid';
  horizontal = toggle('horizontal', 'Horizontal gridlines', 'Format_GridHorizontal', true);
  horizontalColor = color('horizontalColor', 'Colour', 'Format_Color', GRID_DEFAULTS.lineColor);
  horizontalWidth = numberSlice('horizontalWidth', 'Width', 'Format_Width', 1, 1, 5);
  vertical = toggle('vertical', 'Vertical gridlines', 'Format_GridVertical', false);
  verticalColor = color('verticalColor', 'Colour', 'Format_Color', GRID_DEFAULTS.lineColor);
  verticalWidth = numberSlice('verticalWidth', 'Width', 'Format_Width', 1, 1, 5);
  rowPadding = numberSlice('rowPadding', 'Row padding', 'Format_RowPadding', GRID_DEFAULTS.rowPadding, 0, 16);
  alternateRows = toggle('alternateRows', 'Alternate row shading', 'Format_AlternateRows', false);
  alternateColor = color('alternateColor', 'Colour', 'Format_Color', GRID_DEFAULTS.alternateColor);
  outline = toggle('outline', 'Outline under the titles', 'Format_Outline', true);
  outlineColor = color('outlineColor', 'Colour', 'Format_Color', GRID_DEFAULTS.outlineColor);
  outlineWidth = numberSlice('outlineWidth', 'Width', 'Format_Width', 2, 1, 5);
  override groups = [
    group('gridHorizontal', 'Horizontal gridlines', 'Format_GridHorizontal', this.horizontal, [this.horizontalColor, this.horizontalWidth]),
    group('gridVertical', 'Vertical gridlines', 'Format_GridVertical', this.vertical, [this.verticalColor, this.verticalWidth]),
    new formattingSettings.Group({ name: 'gridRows', displayName: 'Rows', displayNameKey: 'Format_Rows', slices: [this.rowPadding] }),
    group('gridAlternate', 'Alternate row shading', 'Format_AlternateRows', this.alternateRows, [this.alternateColor]),
    group('gridOutline', 'Outline under the titles', 'Format_Outline', this.outline, [this.outlineColor, this.outlineWidth]),
  ];
}
