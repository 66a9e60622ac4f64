// What a status is called: in a cell, the full text (the brief's wording) or the short one
// (format pane `statusLabel`; `auto` picks short when the full text would take more than a
// fifth of the tile); in the legend, the brief's labels and definitions, which keep the full
// meaning whatever the cells show.
import { STATUS_KEYS, type StatusKey } from '../../../core/src/index';
import type { LocaleFormat } from '../locale';
import { countText, type StringKey, type Strings } from '../strings';

/** The format pane's choices (capabilities.json's enumeration), the default first. */
export const STATUS_LABEL_SETTINGS = ['auto', 'full', 'short'] as const;
export type StatusLabelSetting = (typeof STATUS_LABEL_SETTINGS)[number];
export type StatusLabelMode = 'full' | 'short';
export type StatusLabels = Readonly<Record<StatusKey, string>>;

const SHORT: Readonly<Record<StatusKey, StringKey>> = {
  upcoming: 'StatusShort_Upcoming',
  notYetStarted: 'StatusShort_NotYetStarted',
  late: 'StatusShort_Late',
  onTime: 'StatusShort_OnTime',
  plannedLater: 'StatusShort_PlannedLater',
};

export function statusLabels(mode: StatusLabelMode, windowMonths: number, strings: Strings, locale: LocaleFormat): StatusLabels {
  const labels = {} as Record<StatusKey, string>;
  for (const key of STATUS_KEYS) labels[key] = strings(SHORT[key]);
  if (mode === 'full') labels.upcoming = countText(strings, locale, 'StatusFull_Upcoming', windowMonths);
  return labels;
}

/** `auto`: short when the widest full label (its cell's width, px) takes more than a fifth of the tile. */
export function chooseLabelMode(setting: StatusLabelSetting, fullCellWidth: number, tileWidth: number): StatusLabelMode {
  if (setting !== 'auto') return setting;
  return fullCellWidth > tileWidth / 5 ? 'short' : 'full';
}

export interface LegendEntry {
  key: StatusKey;
  label: string;
  definition: string;
}

/** The brief's legend order: Upcoming, Not Yet Started, Started Late, Started On Time, Planned - Later. */
export function legendEntries(windowMonths: number, strings: Strings, locale: LocaleFormat): LegendEntry[] {
  const months = (key: 'Legend_Def_Upcoming' | 'Legend_Def_PlannedLater') => countText(strings, locale, key, windowMonths);
  return [
    { key: 'upcoming', label: strings('Status_Upcoming'), definition: months('Legend_Def_Upcoming') },
    { key: 'notYetStarted', label: strings('Status_NotYetStarted'), definition: strings('Legend_Def_NotYetStarted') },
    { key: 'late', label: strings('Status_Late'), definition: strings('Legend_Def_Late') },
    { key: 'onTime', label: strings('Status_OnTime'), definition: strings('Legend_Def_OnTime') },
    { key: 'plannedLater', label: strings('Status_PlannedLater'), definition: months('Legend_Def_PlannedLater') },
  ];
}
