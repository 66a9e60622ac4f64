// Format pane cards. Each card's `name` and each slice's `name` match capabilities.json objects
// and properties exactly, so FormattingSettingsService can read and write them.
import { formattingSettings } from 'powerbi-visuals-utils-formattingmodel';
import { DEFAULT_WINDOW_MONTHS, type StatusKey } from '../../../core/src/index';
import { STATUS_LABEL_SETTINGS } from '../wording/status-labels';
import { ColumnFormattingCard } from './column-card';
import { GridCard } from './grid-card';
import { dropdown, numberSlice, ruleColor, toggle } from './slices';
import { ColumnHeadersCard, ValuesCard } from './text-cards';

import Card = formattingSettings.SimpleCard;
import Model = formattingSettings.Model;

/**
 * The brief's hues (blue, red, yellow, green, grey), chosen so every pair stays apart for
 * colour-blind viewers (CIE76 ΔE ≥ 30 under simulated deuteranopia, protanopia and tritanopia,
 * Machado 2009) and black or white text reaches 4.5:1 on each: test/unit/palette.test.ts.
 */
export const DEFAULT_STATUS_COLORS: Readonly<Record<StatusKey, string>> = {
  upcoming: '#1F5FA8',
  notYetStarted: '#941A12',
  late: '#F2C200',
  onTime: '#4DBA60',
  plannedLater: '#A6A6A6',
};

/** Each status's colour has the fx button: a rule (say, on days late) colours that status's cells row by row. */
function statusColor(name: StatusKey, displayName: string, displayNameKey: string): formattingSettings.ColorPicker {
  return ruleColor(name, displayName, displayNameKey, DEFAULT_STATUS_COLORS[name]);
}

/** The legend's places (capabilities.json's enumeration), the default first. */
export const LEGEND_POSITIONS = ['top', 'bottom'] as const;

export class StatusColorsCard extends Card {
  override name = 'statusColors';
  override displayName = 'Status colours';
  override displayNameKey = 'Format_StatusColors';
  upcoming = statusColor('upcoming', 'Upcoming', 'Status_Upcoming');
  notYetStarted = statusColor('notYetStarted', 'Not Yet Started', 'Status_NotYetStarted');
  late = statusColor('late', 'Started Late', 'Status_Late');
  onTime = statusColor('onTime', 'Started On Time', 'Status_OnTime');
  plannedLater = statusColor('plannedLater', 'Planned - Later', 'Status_PlannedLater');
  override slices = [this.upcoming, this.notYetStarted, this.late, this.onTime, this.plannedLater];
}

export class StatusColumnCard extends Card {
  override name = 'statusColumn';
  override displayName = 'Status column';
  override displayNameKey = 'Format_StatusColumn';
  statusLabel = dropdown('statusLabel', 'Status text', 'Format_StatusLabel', STATUS_LABEL_SETTINGS);
  override slices = [this.statusLabel];
}

export class HeaderCard extends Card {
  override name = 'header';
  override displayName = 'Header lines';
  override displayNameKey = 'Format_Header';
  show = toggle('show', 'Show header lines', 'Format_ShowHeader');
  showFullCareOrder = toggle('showFullCareOrder', 'Full Care Order line', 'Format_ShowFullCareOrder');
  fullCareOrderText = new formattingSettings.TextInput({ name: 'fullCareOrderText', displayName: 'Full Care Order value', displayNameKey: 'Format_FullCareOrderText', value: '', placeholder: 'Yes' });
  showFilters = toggle('showFilters', 'Locality/Team line', 'Format_ShowFilters');
  showAsAt = toggle('showAsAt', 'Data as at line', 'Format_ShowAsAt');
  fontSize = numberSlice('fontSize', 'Text size', 'Format_TextSize', 10, 7, 24);
  override slices = [this.show, this.showFullCareOrder, this.fullCareOrderText, this.showFilters, this.showAsAt, this.fontSize];
}

export class SummaryCard extends Card {
  override name = 'summary';
  override displayName = 'Summary sentence';
  override displayNameKey = 'Format_Summary';
  show = toggle('show', 'Show sentence', 'Format_ShowSummary');
  fontSize = numberSlice('fontSize', 'Text size', 'Format_TextSize', 12, 7, 32);
  override slices = [this.show, this.fontSize];
}

export class LegendCard extends Card {
  override name = 'legend';
  override displayName = 'Legend';
  override displayNameKey = 'Format_Legend';
  show = toggle('show', 'Show legend', 'Format_ShowLegend');
  // "Off" is the switch above.
  position = dropdown('position', 'Position', 'Format_LegendPosition', LEGEND_POSITIONS);
  showCounts = toggle('showCounts', 'Show counts', 'Format_LegendCounts');
  showTotal = toggle('showTotal', 'Total line ("38 plans")', 'Format_LegendTotal', false);
  override slices = [this.show, this.position, this.showCounts, this.showTotal];
}

export class WindowCard extends Card {
  override name = 'window';
  override displayName = 'Window';
  override displayNameKey = 'Format_Window';
  months = numberSlice('months', 'Window length (months)', 'Format_WindowMonths', DEFAULT_WINDOW_MONTHS, 1, 24);
  override slices = [this.months];
}

export class ManagerNotesCard extends Card {
  override name = 'managerNotes';
  override displayName = 'Manager notes';
  override displayNameKey = 'Format_ManagerNotes';
  show = toggle('show', 'Show the notes control', 'Format_ShowNotesControl');
  text = new formattingSettings.TextArea({ name: 'text', displayName: 'Notes', displayNameKey: 'Format_NotesText', value: '', placeholder: 'How to read and discuss this table' });
  link = new formattingSettings.TextInput({ name: 'link', displayName: 'Link (https)', displayNameKey: 'Format_NotesLink', value: '', placeholder: 'https://' });
  override slices = [this.show, this.text, this.link];
}

export class VisualSettings extends Model {
  statusColors = new StatusColorsCard();
  statusColumn = new StatusColumnCard();
  table = new ValuesCard();
  columnHeaders = new ColumnHeadersCard();
  grid = new GridCard();
  columnFormatting = new ColumnFormattingCard();
  header = new HeaderCard();
  summary = new SummaryCard();
  legend = new LegendCard();
  window = new WindowCard();
  managerNotes = new ManagerNotesCard();
  override cards = [
    this.statusColors, this.statusColumn, this.table, this.columnHeaders, this.grid, this.columnFormatting,
    this.header, this.summary, this.legend, this.window, this.managerNotes,
  ];
}
