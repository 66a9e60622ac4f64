// Hover tooltips through host.tooltipService: every bound field, plus days late when it applies.
import powerbi from 'powerbi-visuals-api';
import { daysLate } from '../../../core/src/index';
import type { ColumnModel, RowModel, ViewModel } from '../converter/view-model';
import { cellText, type DateFormatter } from '../render/format';
import type { Strings } from '../strings';
import { safe } from './selection';

type IVisualHost = powerbi.extensibility.visual.IVisualHost;

export function tooltipItems(
  row: RowModel,
  model: ViewModel,
  formatDate: DateFormatter,
  strings: Strings,
): powerbi.extensibility.VisualTooltipDataItem[] {
  const items = model.columns.map((column: ColumnModel) => ({
    displayName: column.title,
    value: cellText(row, column, formatDate, model.windowMonths),
  }));
  const late = daysLate(row.status, { predicted: row.predicted, actual: row.actual }, model.asAt);
  if (late > 0) items.push({ displayName: strings('Tooltip_DaysLate'), value: String(late) });
  return items;
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
