// Body rows of the table: created once per window slot and reused as the user scrolls; each
// cell a gridcell holding its text in an inner span (CSS clamps and cuts it with "…"; the DOM
// keeps the whole text for screen readers). A status cell adds its shape glyph, so the status
// reads without colour too. Only the rows on screen are filled.
import { STATUS_KEYS, type StatusKey } from '../../../core/src/index';
import type { ColumnModel, RowModel } from '../converter/view-model';
import type { DateFormatter } from '../locale';
import type { ResolvedSettings } from '../settings/resolved';
import type { StatusLabels } from '../wording/status-labels';
import { textColorFor } from './colors';
import { el } from './dom';
import { cellText } from './format';
import type { Pin } from './pinned-columns';

export interface RowInput {
  columns: readonly ColumnModel[];
  settings: ResolvedSettings;
  formatDate: DateFormatter;
  labels: StatusLabels;
}

const STATUS_CLASSES = STATUS_KEYS.map((key) => `ppoc-status--${key}`);

export function createRow(columns: readonly ColumnModel[], pins: readonly (Pin | null)[]): HTMLTableRowElement {
  const tr = el('tr', 'ppoc-row');
  columns.forEach((column, index) => {
    const td = tr.appendChild(el('td', column.kind === 'text' ? undefined : 'ppoc-nowrap'));
    td.tabIndex = -1;
    if (column.kind === 'status') {
      td.classList.add('ppoc-status');
      td.appendChild(glyph());
    }
    td.appendChild(el('span', 'ppoc-cell'));
    pinCell(td, pins[index] ?? null);
  });
  return tr;
}

/** A status's shape (drawn by CSS from data-status): decorative, the text carries the meaning. */
export function glyph(status?: StatusKey | null): HTMLSpanElement {
  const span = el('span', 'ppoc-glyph');
  span.setAttribute('aria-hidden', 'true');
  if (status) span.dataset.status = status;
  return span;
}

export function fillRow(tr: HTMLTableRowElement, row: RowModel, position: number, input: RowInput): void {
  tr.setAttribute('aria-rowindex', String(position + 2));
  for (let c = 0; c < input.columns.length; c++) {
    const column = input.columns[c];
    const td = tr.cells[c];
    const span = td.lastChild as HTMLElement;
    const text = cellText(row, column, input.formatDate, input.labels);
    if (span.textContent !== text) span.textContent = text;
    if (column.kind === 'status') styleStatusCell(td, row.status, input.settings);
  }
}

/** Sticky on its side at its offset, or not pinned. */
export function pinCell(cell: HTMLElement, pin: Pin | null): void {
  cell.classList.toggle('ppoc-pin', pin !== null);
  cell.classList.toggle('ppoc-pin-right', pin?.side === 'right');
  cell.style.left = pin?.side === 'left' ? `${pin.offset}px` : pin?.stop !== undefined ? `${pin.stop}px` : '';
  cell.style.right = pin?.side === 'right' ? `${pin.offset}px` : '';
}

function styleStatusCell(td: HTMLTableCellElement, status: StatusKey | null, settings: ResolvedSettings): void {
  td.classList.remove(...STATUS_CLASSES);
  const mark = td.firstChild as HTMLElement;
  if (status) mark.dataset.status = status;
  else delete mark.dataset.status;
  if (!status) {
    td.style.backgroundColor = '';
    td.style.color = '';
    return;
  }
  td.classList.add(`ppoc-status--${status}`);
  const hc = settings.highContrast;
  if (hc) {
    td.style.backgroundColor = hc.background;
    td.style.color = hc.foreground;
    return;
  }
  const fill = settings.statusColors[status];
  td.style.backgroundColor = fill;
  td.style.color = textColorFor(fill);
}
