// The table's look from the format pane, as plain validated values: the values' and the
// titles' text, the grid, and each column's alignment and colours. In high contrast only the
// host's colours are used: the author's colours (and rules) give way to them.
import { COLUMN_ROLES, type ColumnRole } from '../roles';
import { normaliseHex } from '../render/colors';
import { defaultAlignment, type Alignment, type ColumnFormattingCard } from './column-card';
import { GRID_DEFAULTS, type GridCard } from './grid-card';
import { flag, numberValue } from './slices';
import type { ColumnHeadersCard, ValuesCard } from './text-cards';
import { DEFAULT_FONT_FAMILY, DEFAULT_TITLE_BACKGROUND, DEFAULT_VALUE_COLOR } from './text-cards';
import type { formattingSettings } from 'powerbi-visuals-utils-formattingmodel';

export interface HighContrastColors {
  foreground: string;
  background: string;
  foregroundSelected: string;
  hyperlink: string;
}

export interface TextStyle {
  family: string;
  sizePt: number;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  color: string;
  /** Wraps between words (never inside one). */
  wrap: boolean;
}

export interface TitleStyle extends TextStyle {
  background: string;
}

export interface Line {
  color: string;
  widthPx: number;
}

export interface GridStyle {
  /** Null: no line. */
  horizontal: Line | null;
  vertical: Line | null;
  outline: Line | null;
  /** Space above and below a cell's text, px. */
  rowPadding: number;
  /** Every second row's background, or null. */
  alternate: string | null;
}

export interface ColumnStyle {
  align: Alignment;
  /** Constant colours (a rule's per-row colour wins over these); null: the table's own. */
  background: string | null;
  fontColor: string | null;
}

type Hc = HighContrastColors | null;

/** The defaults are the cards' (text-cards.ts): bold titles, regular values; wrapped titles, one-line values. */
export function textStyle(card: ValuesCard | ColumnHeadersCard, hc: Hc): TextStyle {
  const font = card.font as Required<formattingSettings.FontControl>;
  return {
    family: String(font.fontFamily.value || DEFAULT_FONT_FAMILY),
    sizePt: numberValue(font.fontSize),
    bold: flag(font.bold),
    italic: flag(font.italic),
    underline: flag(font.underline),
    color: hc ? hc.foreground : colour(card.fontColor, DEFAULT_VALUE_COLOR),
    wrap: flag(card.wordWrap),
  };
}

export function titleStyle(card: ColumnHeadersCard, hc: Hc): TitleStyle {
  return { ...textStyle(card, hc), background: hc ? hc.background : colour(card.backColor, DEFAULT_TITLE_BACKGROUND) };
}

export function gridStyle(card: GridCard, hc: Hc): GridStyle {
  const line = (on: formattingSettings.ToggleSwitch, picker: formattingSettings.ColorPicker, width: formattingSettings.NumUpDown, fallback: string): Line | null =>
    flag(on) ? { color: hc ? hc.foreground : colour(picker, fallback), widthPx: Math.round(numberValue(width)) } : null;
  return {
    horizontal: line(card.horizontal, card.horizontalColor, card.horizontalWidth, GRID_DEFAULTS.lineColor),
    vertical: line(card.vertical, card.verticalColor, card.verticalWidth, GRID_DEFAULTS.lineColor),
    outline: line(card.outline, card.outlineColor, card.outlineWidth, GRID_DEFAULTS.outlineColor),
    rowPadding: Math.round(numberValue(card.rowPadding)),
    alternate: flag(card.alternateRows) && !hc ? colour(card.alternateColor, GRID_DEFAULTS.alternateColor) : null,
  };
}

const ALIGNMENTS: readonly Alignment[] = ['left', 'center', 'right'];

export function columnStyles(card: ColumnFormattingCard, hc: Hc): Record<ColumnRole, ColumnStyle> {
  const styles = {} as Record<ColumnRole, ColumnStyle>;
  for (const role of COLUMN_ROLES) {
    const slices = card.byRole[role];
    const align = ALIGNMENTS.find((a) => a === slices.alignment.value) ?? defaultAlignment(role);
    styles[role] = { align, background: hc ? null : optionalColour(slices.background), fontColor: hc ? null : optionalColour(slices.fontColor) };
  }
  return styles;
}

function colour(picker: formattingSettings.ColorPicker, fallback: string): string {
  return normaliseHex(picker.value?.value, fallback);
}

function optionalColour(picker: formattingSettings.ColorPicker | undefined): string | null {
  const hex = normaliseHex(picker?.value?.value, '');
  return hex === '' ? null : hex;
}
