// Body rows of the table: created once per window slot and reused as the user scrolls; each
// cell a gridcell holding its text in an inner span (CSS clamps and cuts it with "…"; the DOM
// keeps the whole text for screen readers). A status cell adds its shape glyph, so the status
// reads without colour too. Only the rows on screen are filled, and only they are coloured
// (cell-colors.ts: status colours, a column's colours, the format pane's rules per row).
import { STATUS_KEYS, type StatusKey } from '../../../core/src/index';
import { rowObjects } from '../converter/row-objects';
import type { ColumnModel, RowModel } from '../converter/view-model';
import type { DateFormatter } from '../locale';
import type { ResolvedSettings } from '../settings/resolved';
import type { StatusLabels } from '../wording/status-labels';
import { columnPaint, statusPaint, type CellPaint } from './cell-colors';
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
const ALIGN_CLASSES = { left: '', center: 'ppoc-al-center', right: 'ppoc-al-right' } as const;

/** The class that aligns a column's cells and title (format pane, "Specific column"). */
export function alignClass(column: ColumnModel, settings: ResolvedSettings): string {
  return ALIGN_CLASSES[settings.columns[column.role].align];
}

export function createRow(columns: readonly ColumnModel[], pins: readonly (Pin | null)[], settings: ResolvedSettings): HTMLTableRowElement {
  const tr = el('tr', 'ppoc-row');
  columns.forEach((column, index) => {
    const td = tr.appendChild(el('td', column.kind === 'text' ? undefined : 'ppoc-nowrap'));
    td.tabIndex = -1;
    const align = alignClass(column, settings);
    if (align) td.classList.add(align);
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
  const shaded = input.settings.grid.alternate !== null && position % 2 === 1;
  tr.classList.toggle('ppoc-alt', shaded);
  const objects = rowObjects(row.raw);
  for (let c = 0; c < input.columns.length; c++) {
    const column = input.columns[c];
    const td = tr.cells[c];
    const span = td.lastChild as HTMLElement;
    const text = cellText(row, column, input.formatDate, input.labels);
    if (span.textContent !== text) span.textContent = text;
    if (column.kind === 'status') {
      markStatus(td, row.status);
      paint(td, statusPaint(row.status, objects, input.settings));
    } else paint(td, columnPaint(column.role, objects, input.settings, shaded));
  }
}

/** Sticky on its side at its offset, or not pinned. */
export function pinCell(cell: HTMLElement, pin: Pin | null): void {
  cell.classList.toggle('ppoc-pin', pin !== null);
  cell.classList.toggle('ppoc-pin-right', pin?.side === 'right');
  cell.style.left = pin?.side === 'left' ? `${pin.offset}px` : pin?.stop !== undefined ? `${pin.stop}px` : '';
  cell.style.right = pin?.side === 'right' ? `${pin.offset}px` : '';
}

function markStatus(td: HTMLTableCellElement, status: StatusKey | null): void {
  td.classList.remove(...STATUS_CLASSES);
  const mark = td.firstChild as HTMLElement;
  if (status) {
    mark.dataset.status = status;
    td.classList.add(`ppoc-status--${status}`);
  } else delete mark.dataset.status;
}

/** What each cell was last painted with: a scrolled row re-filled with the same colours writes no style. */
const painted = new WeakMap<HTMLTableCellElement, string>();

function paint(td: HTMLTableCellElement, { background, color }: CellPaint): void {
  const key = `${background}|${color}`;
  if (painted.get(td) === key) return;
  painted.set(td, key);
  td.style.backgroundColor = background;
  td.style.color = color;
}
