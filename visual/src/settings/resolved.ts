// The format settings as plain, validated values the renderer uses.
import { DEFAULT_WINDOW_MONTHS, STATUS_KEYS, isValidWindowMonths, type StatusKey } from '../../../core/src/index';
import { normaliseHex } from '../render/colors';
import type { ColumnRole } from '../roles';
import { STATUS_LABEL_SETTINGS, type StatusLabelSetting } from '../wording/status-labels';
import {
  columnStyles, gridStyle, textStyle, titleStyle,
  type ColumnStyle, type GridStyle, type HighContrastColors, type TextStyle, type TitleStyle,
} from './resolved-style';
import { DEFAULT_STATUS_COLORS, LEGEND_POSITIONS, VisualSettings } from './settings';
import { choice, flag, numberValue } from './slices';

export type { ColumnStyle, GridStyle, HighContrastColors, Line, TextStyle, TitleStyle } from './resolved-style';

export type LegendPosition = (typeof LEGEND_POSITIONS)[number];

export interface LegendSettings {
  show: boolean;
  position: LegendPosition;
  counts: boolean;
  /** The total line ("38 plans"). */
  total: boolean;
}

export interface ResolvedSettings {
  statusColors: Record<StatusKey, string>;
  statusLabel: StatusLabelSetting;
  /** The cells' text (its family and size are also the page's). */
  values: TextStyle;
  titles: TitleStyle;
  /** Columns follow their content on every data update (off: widths stay as they are). */
  autoSize: boolean;
  grid: GridStyle;
  columns: Record<ColumnRole, ColumnStyle>;
  header: { show: boolean; fullCareOrder: boolean; fullCareOrderText: string; filters: boolean; asAt: boolean; fontSize: number };
  summary: { show: boolean; fontSize: number };
  legend: LegendSettings;
  windowMonths: number;
  notes: { show: boolean; text: string; link: string | null };
  /** Set when the host is in high-contrast mode: only these colours are used. */
  highContrast: HighContrastColors | null;
}

const SAFE_LINK = /^https:\/\/[^\s]+$/i;

export function resolveSettings(model: VisualSettings, highContrast: HighContrastColors | null): ResolvedSettings {
  const colors = {} as Record<StatusKey, string>;
  for (const key of STATUS_KEYS) colors[key] = normaliseHex(model.statusColors[key].value?.value, DEFAULT_STATUS_COLORS[key]);
  const months = model.window.months.value;
  const link = String(model.managerNotes.link.value ?? '').trim();
  return {
    statusColors: colors,
    statusLabel: choice(model.statusColumn.statusLabel, STATUS_LABEL_SETTINGS),
    values: textStyle(model.table, highContrast),
    titles: titleStyle(model.columnHeaders, highContrast),
    autoSize: flag(model.columnHeaders.autoSizeWidths),
    grid: gridStyle(model.grid, highContrast),
    columns: columnStyles(model.columnFormatting, highContrast),
    header: {
      show: flag(model.header.show),
      fullCareOrder: flag(model.header.showFullCareOrder),
      fullCareOrderText: String(model.header.fullCareOrderText.value ?? ''),
      filters: flag(model.header.showFilters),
      asAt: flag(model.header.showAsAt),
      fontSize: numberValue(model.header.fontSize),
    },
    summary: { show: flag(model.summary.show), fontSize: numberValue(model.summary.fontSize) },
    legend: {
      show: flag(model.legend.show),
      position: choice(model.legend.position, LEGEND_POSITIONS),
      counts: flag(model.legend.showCounts),
      total: flag(model.legend.showTotal),
    },
    windowMonths: isValidWindowMonths(months) ? months : DEFAULT_WINDOW_MONTHS,
    notes: {
      show: flag(model.managerNotes.show),
      text: String(model.managerNotes.text.value ?? ''),
      link: SAFE_LINK.test(link) ? link : null,
    },
    highContrast,
  };
}
