// The format settings as plain, validated values the renderer uses.
import { DEFAULT_WINDOW_MONTHS, STATUS_KEYS, isValidWindowMonths, type StatusKey } from '../../../core/src/index';
import { normaliseHex } from '../render/colors';
import type { ColumnRole } from '../roles';
import type { StatusLabelSetting } from '../wording/status-labels';
import {
  clampNumber, columnStyles, gridStyle, textStyle, titleStyle,
  type ColumnStyle, type GridStyle, type HighContrastColors, type TextStyle, type TitleStyle,
} from './resolved-style';
import { DEFAULT_STATUS_COLORS, VisualSettings } from './settings';

export type { ColumnStyle, GridStyle, HighContrastColors, Line, TextStyle, TitleStyle } from './resolved-style';

export type LegendPosition = 'top' | 'bottom';

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

const STATUS_LABELS: readonly StatusLabelSetting[] = ['auto', 'full', 'short'];
const SAFE_LINK = /^https:\/\/[^\s]+$/i;

export function resolveSettings(model: VisualSettings, highContrast: HighContrastColors | null): ResolvedSettings {
  const colors = {} as Record<StatusKey, string>;
  for (const key of STATUS_KEYS) colors[key] = normaliseHex(model.statusColors[key].value?.value, DEFAULT_STATUS_COLORS[key]);
  const months = model.window.months.value;
  const link = String(model.managerNotes.link.value ?? '').trim();
  return {
    statusColors: colors,
    statusLabel: STATUS_LABELS.find((label) => label === model.statusColumn.statusLabel.value) ?? 'auto',
    values: textStyle(model.table, highContrast, false),
    titles: titleStyle(model.columnHeaders, highContrast),
    autoSize: model.columnHeaders.autoSizeWidths.value !== false,
    grid: gridStyle(model.grid, highContrast),
    columns: columnStyles(model.columnFormatting, highContrast),
    header: {
      show: model.header.show.value !== false,
      fullCareOrder: model.header.showFullCareOrder.value !== false,
      fullCareOrderText: String(model.header.fullCareOrderText.value ?? ''),
      filters: model.header.showFilters.value !== false,
      asAt: model.header.showAsAt.value !== false,
      fontSize: clampNumber(model.header.fontSize.value, 7, 24, 10),
    },
    summary: { show: model.summary.show.value !== false, fontSize: clampNumber(model.summary.fontSize.value, 7, 32, 12) },
    legend: {
      show: model.legend.show.value !== false,
      position: model.legend.position.value === 'bottom' ? 'bottom' : 'top',
      counts: model.legend.showCounts.value !== false,
      total: model.legend.showTotal.value === true,
    },
    windowMonths: isValidWindowMonths(months) ? months : DEFAULT_WINDOW_MONTHS,
    notes: {
      show: model.managerNotes.show.value !== false,
      text: String(model.managerNotes.text.value ?? ''),
      link: SAFE_LINK.test(link) ? link : null,
    },
    highContrast,
  };
}
