// Format pane cards. Each card's `name` and each slice's `name` match capabilities.json objects
// and properties exactly, so FormattingSettingsService can read and write them.
import { formattingSettings } from 'powerbi-visuals-utils-formattingmodel';
import type { StatusKey } from '../../../core/src/index';

import Card = formattingSettings.SimpleCard;
import powerbi from 'powerbi-visuals-api';
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

function color(name: StatusKey, displayName: string, displayNameKey: string): formattingSettings.ColorPicker {
  return new formattingSettings.ColorPicker({ name, displayName, displayNameKey, value: { value: DEFAULT_STATUS_COLORS[name] } });
}

function toggle(name: string, displayName: string, displayNameKey: string, value = true): formattingSettings.ToggleSwitch {
  return new formattingSettings.ToggleSwitch({ name, displayName, displayNameKey, value });
}

export class StatusColorsCard extends Card {
  override name = 'statusColors';
  override displayName = 'Status colours';
  override displayNameKey = 'Format_StatusColors';
  upcoming = color('upcoming', 'Upcoming', 'Status_Upcoming');
  notYetStarted = color('notYetStarted', 'Not Yet Started', 'Status_NotYetStarted');
  late = color('late', 'Started Late', 'Status_Late');
  onTime = color('onTime', 'Started On Time', 'Status_OnTime');
  plannedLater = color('plannedLater', 'Planned - Later', 'Status_PlannedLater');
  override slices = [this.upcoming, this.notYetStarted, this.late, this.onTime, this.plannedLater];
}

export class StatusColumnCard extends Card {
  override name = 'statusColumn';
  override displayName = 'Status column';
  override displayNameKey = 'Format_StatusColumn';
  // The choices are capabilities.json's enumeration (auto, full, short).
  statusLabel = new formattingSettings.AutoDropdown({ name: 'statusLabel', displayName: 'Status text', displayNameKey: 'Format_StatusLabel', value: 'auto' });
  override slices = [this.statusLabel];
}

export class TableCard extends Card {
  override name = 'table';
  override displayName = 'Table';
  override displayNameKey = 'Format_Table';
  fontFamily = new formattingSettings.FontPicker({ name: 'fontFamily', displayName: 'Font', displayNameKey: 'Format_Font', value: 'Segoe UI, wf_segoe-ui_normal, helvetica, arial, sans-serif' });
  fontSize = new formattingSettings.NumUpDown({ name: 'fontSize', displayName: 'Text size', displayNameKey: 'Format_TextSize', value: 10, options: range(7, 24) });
  wordWrap = toggle('wordWrap', 'Word wrap', 'Format_WordWrap', false);
  override slices = [this.fontFamily, this.fontSize, this.wordWrap];
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
  fontSize = new formattingSettings.NumUpDown({ name: 'fontSize', displayName: 'Text size', displayNameKey: 'Format_TextSize', value: 10, options: range(7, 24) });
  override slices = [this.show, this.showFullCareOrder, this.fullCareOrderText, this.showFilters, this.showAsAt, this.fontSize];
}

export class SummaryCard extends Card {
  override name = 'summary';
  override displayName = 'Summary sentence';
  override displayNameKey = 'Format_Summary';
  show = toggle('show', 'Show sentence', 'Format_ShowSummary');
  fontSize = new formattingSettings.NumUpDown({ name: 'fontSize', displayName: 'Text size', displayNameKey: 'Format_TextSize', value: 12, options: range(7, 32) });
  override slices = [this.show, this.fontSize];
}

export class LegendCard extends Card {
  override name = 'legend';
  override displayName = 'Legend';
  override displayNameKey = 'Format_Legend';
  show = toggle('show', 'Show legend', 'Format_ShowLegend');
  override slices = [this.show];
}

export class WindowCard extends Card {
  override name = 'window';
  override displayName = 'Window';
  override displayNameKey = 'Format_Window';
  months = new formattingSettings.NumUpDown({ name: 'months', displayName: 'Window length (months)', displayNameKey: 'Format_WindowMonths', value: 3, options: range(1, 24) });
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
  table = new TableCard();
  header = new HeaderCard();
  summary = new SummaryCard();
  legend = new LegendCard();
  window = new WindowCard();
  managerNotes = new ManagerNotesCard();
  override cards = [this.statusColors, this.statusColumn, this.table, this.header, this.summary, this.legend, this.window, this.managerNotes];
}

/**
 * Min/max validators. ValidatorType is a const enum in ambient typings, which isolated
 * transpilers cannot inline, so its values (Min = 0, Max = 1) are written here.
 */
function range(min: number, max: number): powerbi.visuals.NumUpDownFormat {
  return {
    minValue: { type: 0 as powerbi.visuals.ValidatorType.Min, value: min },
    maxValue: { type: 1 as powerbi.visuals.ValidatorType.Max, value: max },
  };
}
