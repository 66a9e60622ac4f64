// Hover tooltips through host.tooltipService: every bound column, the fields bound to the
// Tooltips role, and days late when it applies (unless a tooltip field already carries it).
import powerbi from 'powerbi-visuals-api';
import { daysLate } from '../../../core/src/index';
import { readDate, readText } from '../converter/values';
import type { ColumnModel, RowModel, TooltipField, ViewModel } from '../converter/view-model';
import type { LocaleFormat } from '../locale';
import { cellText } from '../render/format';
import type { Strings } from '../strings';
import type { StatusLabels } from '../wording/status-labels';
import { safe } from './selection';

type IVisualHost = powerbi.extensibility.visual.IVisualHost;
type Item = powerbi.extensibility.VisualTooltipDataItem;

export type TooltipFormat = Pick<LocaleFormat, 'formatDate' | 'formatNumber' | 'formatCount'>;

/** Every bound column's whole value (a cell cut with "…" shows whole here), statuses in full. */
export function tooltipItems(row: RowModel, model: ViewModel, format: TooltipFormat, strings: Strings, labels: StatusLabels): Item[] {
  const items: Item[] = model.columns.map((column: ColumnModel) => ({
    displayName: column.title,
    value: cellText(row, column, format.formatDate, labels),
  }));
  for (const field of model.tooltipFields) items.push({ displayName: field.title, value: tooltipValue(row.raw[field.sourceIndex], field, format) });
  const late = daysLate(row.status, { predicted: row.predicted, actual: row.actual }, model.asAt);
  const carried = model.tooltipFields.some((field) => /days[\s_]*late/i.test(field.title));
  if (late > 0 && !carried) items.push({ displayName: strings('Tooltip_DaysLate'), value: format.formatCount(late) });
  return items;
}

function tooltipValue(value: unknown, field: TooltipField, format: TooltipFormat): string {
  if (typeof value === 'number' && Number.isFinite(value)) return format.formatNumber(value);
  if (field.kind === 'date' || value instanceof Date) {
    const date = readDate(value);
    if (date) return format.formatDate(date);
  }
  return readText(value) ?? '';
}

export class TooltipController {
  private shown = false;

  constructor(private readonly host: IVisualHost | undefined) {}

  private get service(): powerbi.extensibility.ITooltipService | null {
    const service = this.host?.tooltipService;
    if (!service || typeof service.show !== 'function') return null;
    return safe(() => (typeof service.enabled === 'function' ? service.enabled() : true)) ? service : null;
  }

  show(items: powerbi.extensibility.VisualTooltipDataItem[], id: powerbi.visuals.ISelectionId | null, x: number, y: number): void {
    const service = this.service;
    if (!service) return;
    const options = { coordinates: [x, y], isTouchEvent: false, dataItems: items, identities: id ? [id] : [] };
    safe(() => (this.shown ? service.move(options) : service.show(options)));
    this.shown = true;
  }

  hide(): void {
    const service = this.service;
    if (!service || !this.shown) return;
    this.shown = false;
    safe(() => service.hide({ isTouchEvent: false, immediately: true }));
  }
}
