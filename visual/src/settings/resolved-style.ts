// The table's look from the format pane, as plain validated values: the values' and the
// titles' text, the grid, and each column's alignment and colours. In high contrast only the
// host's colours are used: the author's colours (and rules) give way to them.
import { COLUMN_ROLES, type ColumnRole } from '../roles';
import { normaliseHex } from '../render/colors';
import { defaultAlignment, type Alignment, type ColumnFormattingCard } from './column-card';
import { GRID_DEFAULTS, type GridCard } from './grid-card';
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

export function textStyle(card: ValuesCard | ColumnHeadersCard, hc: Hc, defaultBold: boolean): TextStyle {
  const font = card.font;
  return {
    family: String(font.fontFamily.value || DEFAULT_FONT_FAMILY),
    sizePt: clampNumber(font.fontSize.value, 7, 24, 10),
    bold: typeof font.bold?.value === 'boolean' ? font.bold.value : defaultBold,
    italic: font.italic?.value === true,
    underline: font.underline?.value === true,
    color: hc ? hc.foreground : colour(card.fontColor, DEFAULT_VALUE_COLOR),
    wrap: card.wordWrap.value === true,
  };
}

export function titleStyle(card: ColumnHeadersCard, hc: Hc): TitleStyle {
  return { ...textStyle(card, hc, true), wrap: card.wordWrap.value !== false, background: hc ? hc.background : colour(card.backColor, DEFAULT_TITLE_BACKGROUND) };
}

export function gridStyle(card: GridCard, hc: Hc): GridStyle {
  const line = (on: formattingSettings.ToggleSwitch, picker: formattingSettings.ColorPicker, width: formattingSettings.NumUpDown, fallback: string): Line | null =>
    on.value === false ? null : { color: hc ? hc.foreground : colour(picker, fallback), widthPx: Math.round(clampNumber(width.value, 1, 5, 1)) };
  return {
    horizontal: line(card.horizontal, card.horizontalColor, card.horizontalWidth, GRID_DEFAULTS.lineColor),
    vertical: card.vertical.value === true ? line(card.vertical, card.verticalColor, card.verticalWidth, GRID_DEFAULTS.lineColor) : null,
    outline: line(card.outline, card.outlineColor, card.outlineWidth, GRID_DEFAULTS.outlineColor),
    rowPadding: Math.round(clampNumber(card.rowPadding.value, 0, 16, GRID_DEFAULTS.rowPadding)),
    alternate: card.alternateRows.value === true && !hc ? colour(card.alternateColor, GRID_DEFAULTS.alternateColor) : null,
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

export function clampNumber(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
