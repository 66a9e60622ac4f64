// The format settings as plain, validated values the renderer uses.
import { DEFAULT_WINDOW_MONTHS, STATUS_KEYS, isValidWindowMonths, type StatusKey } from '../../../core/src/index';
import { normaliseHex } from '../render/colors';
import type { StatusLabelSetting } from '../wording/status-labels';
import { DEFAULT_STATUS_COLORS, VisualSettings } from './settings';

export interface HighContrastColors {
  foreground: string;
  background: string;
  foregroundSelected: string;
  hyperlink: string;
}

export interface ResolvedSettings {
  statusColors: Record<StatusKey, string>;
  statusLabel: StatusLabelSetting;
  fontFamily: string;
  fontSize: number;
  wordWrap: boolean;
  header: { show: boolean; fullCareOrder: boolean; fullCareOrderText: string; filters: boolean; asAt: boolean; fontSize: number };
  summary: { show: boolean; fontSize: number };
  legend: boolean;
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
    fontFamily: String(model.table.fontFamily.value || 'Segoe UI, sans-serif'),
    fontSize: clampNumber(model.table.fontSize.value, 7, 24, 10),
    wordWrap: model.table.wordWrap.value === true,
    header: {
      show: model.header.show.value !== false,
      fullCareOrder: model.header.showFullCareOrder.value !== false,
      fullCareOrderText: String(model.header.fullCareOrderText.value ?? ''),
      filters: model.header.showFilters.value !== false,
      asAt: model.header.showAsAt.value !== false,
      fontSize: clampNumber(model.header.fontSize.value, 7, 24, 10),
    },
    summary: { show: model.summary.show.value !== false, fontSize: clampNumber(model.summary.fontSize.value, 7, 32, 12) },
    legend: model.legend.show.value !== false,
    windowMonths: isValidWindowMonths(months) ? months : DEFAULT_WINDOW_MONTHS,
    notes: {
      show: model.managerNotes.show.value !== false,
      text: String(model.managerNotes.text.value ?? ''),
      link: SAFE_LINK.test(link) ? link : null,
    },
    highContrast,
  };
}

function clampNumber(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
