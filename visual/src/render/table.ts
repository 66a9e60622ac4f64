// The <table>: sticky header, sortable titles, and a window of <tr> elements reused as the
// user scrolls (the table sits in a full-height sizer, offset to the window's first row), so 30,000 rows cost about a screenful of DOM. Rows are formatted on screen only.
import { STATUS_KEYS, type StatusKey } from '../../../core/src/index';
import type { ColumnModel, RowModel } from '../converter/view-model';
import type { RoleName } from '../roles';
import type { ResolvedSettings } from '../settings/resolved';
import type { SortSpec } from '../sorting/sorter';
import type { Strings } from '../strings';
import { textColorFor } from './colors';
import { clear, el } from './dom';
import { cellText, type DateFormatter } from './format';
import { columnWeight, MIN_EM_PER_WEIGHT, rowGeometry, visibleWindow, type RowGeometry, type RowWindow } from './table-layout';

export interface TableHandlers {
  sort(role: RoleName): void;
  rowClick(row: RowModel, event: MouseEvent): void;
  rowContextMenu(row: RowModel, event: MouseEvent): void;
  rowActivate(row: RowModel, event: KeyboardEvent): void;
  rowHover(row: RowModel | null, event: MouseEvent): void;
  isSelected(row: RowModel): boolean;
  hasSelection(): boolean;
}

export interface TableInput {
  columns: readonly ColumnModel[];
  rows: readonly RowModel[];
  sort: SortSpec | null;
  settings: ResolvedSettings;
  formatDate: DateFormatter;
  strings: Strings;
  viewportHeight: number;
}

const STATUS_CLASSES = STATUS_KEYS.map((key) => `ppoc-status--${key}`);

export class TableView {
  readonly scroller = el('div', 'ppoc-scroll');
  private readonly sizer = el('div', 'ppoc-sizer');
  private readonly table = el('table', 'ppoc-table');
  private readonly colgroup = el('colgroup');
  private readonly thead = el('thead');
  private readonly headRow = el('tr');
  private readonly tbody = el('tbody');
  private input: TableInput | null = null;
  private geometry: RowGeometry = rowGeometry(10, false);
  private window: RowWindow = { first: 0, last: 0, virtual: false };
  private headerKey = '';
  private focused = 0;
  private frame = 0;
  /** Last known scroll offset, kept here so rendering never forces a layout to read it. */
  private scrollTop = 0;

  constructor(private readonly handlers: TableHandlers) {
    this.table.setAttribute('role', 'grid');
    this.table.setAttribute('aria-multiselectable', 'true');
    this.thead.appendChild(this.headRow);
    this.table.append(this.colgroup, this.thead, this.tbody);
    this.sizer.appendChild(this.table);
    this.scroller.appendChild(this.sizer);
    this.scroller.addEventListener('scroll', () => this.scheduleWindow());
    this.wireHeader();
    this.wireBody();
  }

  /** Full render for new data, settings or sort. */
  render(input: TableInput): void {
    this.input = input;
    this.geometry = rowGeometry(input.settings.fontSize, input.settings.wordWrap);
    this.table.setAttribute('aria-label', input.strings('Table_Label'));
    this.table.setAttribute('aria-rowcount', String(input.rows.length + 1));
    this.table.classList.toggle('ppoc-wrap', input.settings.wordWrap);
    this.table.style.setProperty('--ppoc-line', `${this.geometry.lineHeight}px`);
    this.table.style.setProperty('--ppoc-row', `${this.geometry.rowHeight}px`);
    this.renderHeader(input);
    this.focused = Math.min(this.focused, Math.max(0, input.rows.length - 1));
    // Fewer rows than before: the browser will clamp the scroll offset; do the same here.
    const maxScroll = this.headerHeight() + input.rows.length * this.geometry.rowHeight - input.viewportHeight;
    this.scrollTop = Math.max(0, Math.min(this.scrollTop, maxScroll));
    this.window = { first: -1, last: -1, virtual: false };
    this.renderWindow();
  }

  /** A resize: only the window of rows changes. */
  layout(viewportHeight: number): void {
    if (!this.input) return;
    this.input = { ...this.input, viewportHeight };
    this.renderWindow();
  }

  /** Selection changed: restyle the rendered rows only. */
  refreshSelection(): void {
    for (const tr of Array.from(this.tbody.rows)) {
      const row = this.rowOf(tr);
      if (row) this.applyRowState(tr, row);
    }
  }

  get renderedRowCount(): number {
    return this.tbody.rows.length;
  }

  private headerHeight(): number {
    return this.geometry.lineHeight * 2 + 9;
  }

  /** The sort arrow is drawn by CSS from aria-sort, so a title's text stays its field name. */
  private renderHeader(input: TableInput): void {
    const key = input.columns.map((c) => `${c.role}:${c.title}`).join('|');
    if (key !== this.headerKey) {
      this.headerKey = key;
      clear(this.colgroup);
      clear(this.headRow);
      const total = input.columns.reduce((sum, c) => sum + columnWeight(c.kind, c.role), 0);
      this.table.style.minWidth = `${Math.round(total * MIN_EM_PER_WEIGHT)}em`;
      for (const column of input.columns) {
        const col = el('col');
        col.style.width = `${((100 * columnWeight(column.kind, column.role)) / total).toFixed(2)}%`;
        this.colgroup.appendChild(col);
        const th = el('th', 'ppoc-th');
        th.scope = 'col';
        th.tabIndex = this.headRow.cells.length === 0 ? 0 : -1;
        th.dataset.role = column.role;
        th.append(el('span', 'ppoc-th-title', column.title), el('span', 'ppoc-sort-indicator'));
        (th.lastChild as HTMLElement).setAttribute('aria-hidden', 'true');
        this.headRow.appendChild(th);
      }
    }
    this.headRow.style.height = `${this.headerHeight()}px`;
    Array.from(this.headRow.cells).forEach((th) => {
      const direction = input.sort && input.sort.role === th.dataset.role ? input.sort.direction : 'none';
      th.setAttribute('aria-sort', direction);
      th.title = input.strings('Sort_Hint');
    });
  }

  private scheduleWindow(): void {
    if (this.frame) return;
    const schedule = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (fn: () => void) => setTimeout(fn, 16);
    this.frame = schedule(() => {
      this.frame = 0;
      this.scrollTop = this.scroller.scrollTop;
      this.renderWindow();
    }) as unknown as number;
  }

  private renderWindow(): void {
    const input = this.input;
    if (!input) return;
    const { rowHeight } = this.geometry;
    const next = visibleWindow(input.rows.length, this.scrollTop, input.viewportHeight, rowHeight);
    if (next.first === this.window.first && next.last === this.window.last && next.virtual === this.window.virtual) return;
    this.window = next;
    this.sizer.style.height = next.virtual ? `${this.headerHeight() + input.rows.length * rowHeight}px` : '';
    // Layout offset, not a transform: a sticky header is positioned from layout boxes.
    this.sizer.style.paddingTop = next.virtual && next.first > 0 ? `${next.first * rowHeight}px` : '';
    this.table.classList.toggle('ppoc-virtual', next.virtual);
    if (input.rows.length === 0) return this.renderEmpty(input);
    this.ensureRowCount(next.last - next.first, input.columns.length);
    for (let position = next.first; position < next.last; position++) {
      this.fillRow(this.tbody.rows[position - next.first], input.rows[position], position, input);
    }
  }

  private renderEmpty(input: TableInput): void {
    clear(this.tbody);
    const tr = el('tr', 'ppoc-empty-row');
    const td = el('td', undefined, input.strings('Empty_Filtered'));
    td.colSpan = Math.max(1, input.columns.length);
    tr.appendChild(td);
    this.tbody.appendChild(tr);
  }

  private ensureRowCount(count: number, columnCount: number): void {
    const rows = this.tbody.rows;
    if (rows.length > 0 && (rows[0].classList.contains('ppoc-empty-row') || rows[0].cells.length !== columnCount)) {
      clear(this.tbody);
    }
    while (rows.length > count) this.tbody.removeChild(this.tbody.lastChild as Node);
    while (rows.length < count) {
      const tr = el('tr', 'ppoc-row');
      // The inner span lets CSS clamp wrapped text: a table cell itself cannot be clamped.
      for (let c = 0; c < columnCount; c++) tr.appendChild(el('td')).appendChild(el('span', 'ppoc-cell'));
      this.tbody.appendChild(tr);
    }
  }

  private fillRow(tr: HTMLTableRowElement, row: RowModel, position: number, input: TableInput): void {
    tr.setAttribute('aria-rowindex', String(position + 2));
    for (let c = 0; c < input.columns.length; c++) {
      const column = input.columns[c];
      const td = tr.cells[c];
      const span = td.firstChild as HTMLElement;
      const text = cellText(row, column, input.formatDate, input.settings.windowMonths);
      if (span.textContent !== text) span.textContent = text;
      if (column.kind === 'status') styleStatusCell(td, row.status, input.settings);
    }
    this.applyRowState(tr, row);
  }

  private applyRowState(tr: HTMLTableRowElement, row: RowModel): void {
    const position = Number(tr.getAttribute('aria-rowindex')) - 2;
    const selected = this.handlers.isSelected(row);
    tr.setAttribute('aria-selected', String(selected));
    tr.classList.toggle('ppoc-selected', selected);
    tr.classList.toggle('ppoc-dimmed', !selected && this.handlers.hasSelection());
    tr.tabIndex = position === this.focused ? 0 : -1;
  }

  private rowOf(node: EventTarget | null): RowModel | null {
    const tr = node instanceof Element ? node.closest('tr.ppoc-row') : null;
    if (!tr || !this.input) return null;
    return this.input.rows[Number(tr.getAttribute('aria-rowindex')) - 2] ?? null;
  }

  private wireHeader(): void {
    const roleOf = (target: EventTarget | null) =>
      ((target instanceof Element ? target.closest('th') : null)?.dataset.role as RoleName | undefined) ?? null;
    this.headRow.addEventListener('click', (event) => {
      const role = roleOf(event.target);
      if (role) this.handlers.sort(role);
    });
    this.headRow.addEventListener('keydown', (event) => {
      const role = roleOf(event.target);
      if (!role) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.handlers.sort(role);
        this.focusHeader(role);
      } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        event.preventDefault();
        const cells = Array.from(this.headRow.cells);
        const index = cells.findIndex((cell) => cell.dataset.role === role) + (event.key === 'ArrowLeft' ? -1 : 1);
        const next = cells[Math.max(0, Math.min(cells.length - 1, index))];
        if (next) this.focusHeader(next.dataset.role as RoleName);
      } else if (event.key === 'ArrowDown') {
        event.preventDefault();
        this.focusRow(this.focused);
      }
    });
  }

  /** Titles use a roving tabindex too: one tab stop for the header row. */
  focusHeader(role: RoleName): void {
    const cells = Array.from(this.headRow.cells);
    for (const cell of cells) cell.tabIndex = cell.dataset.role === role ? 0 : -1;
    cells.find((cell) => cell.dataset.role === role)?.focus();
  }

  private wireBody(): void {
    this.tbody.addEventListener('click', (event) => {
      const row = this.rowOf(event.target);
      if (row) this.handlers.rowClick(row, event);
    });
    this.tbody.addEventListener('contextmenu', (event) => {
      const row = this.rowOf(event.target);
      if (!row) return;
      event.preventDefault();
      this.handlers.rowContextMenu(row, event);
    });
    this.tbody.addEventListener('mousemove', (event) => this.handlers.rowHover(this.rowOf(event.target), event));
    this.tbody.addEventListener('mouseleave', (event) => this.handlers.rowHover(null, event));
    this.tbody.addEventListener('focusin', (event) => {
      const tr = event.target instanceof Element ? event.target.closest('tr.ppoc-row') : null;
      if (tr) this.focused = Number(tr.getAttribute('aria-rowindex')) - 2;
    });
    this.tbody.addEventListener('keydown', (event) => this.onBodyKey(event));
  }

  private onBodyKey(event: KeyboardEvent): void {
    const input = this.input;
    const row = this.rowOf(event.target);
    if (!input || !row) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.handlers.rowActivate(row, event);
      return;
    }
    const page = Math.max(1, Math.floor(input.viewportHeight / this.geometry.rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: this.focused + 1,
      ArrowUp: this.focused - 1,
      PageDown: this.focused + page,
      PageUp: this.focused - page,
      Home: 0,
      End: input.rows.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.focusRow(moves[event.key]);
  }

  /** Moves the roving focus to a row, scrolling it into the rendered window first. */
  focusRow(position: number): void {
    const input = this.input;
    if (!input || input.rows.length === 0) return;
    this.focused = Math.max(0, Math.min(input.rows.length - 1, position));
    if (this.window.virtual) {
      const { rowHeight } = this.geometry;
      const top = this.focused * rowHeight;
      const visible = Math.max(rowHeight, input.viewportHeight - this.headerHeight() - rowHeight);
      if (top < this.scrollTop) this.scrollTop = top;
      else if (top > this.scrollTop + visible) this.scrollTop = top - visible;
      this.scroller.scrollTop = this.scrollTop;
      this.renderWindow();
    }
    for (const tr of Array.from(this.tbody.rows)) {
      const row = this.rowOf(tr);
      if (row) this.applyRowState(tr, row);
    }
    const target = this.tbody.rows[this.focused - Math.max(0, this.window.first)];
    target?.focus({ preventScroll: this.window.virtual });
  }
}

function styleStatusCell(td: HTMLTableCellElement, status: StatusKey | null, settings: ResolvedSettings): void {
  td.classList.remove(...STATUS_CLASSES);
  td.classList.add('ppoc-status');
  if (!status) {
    td.style.backgroundColor = '';
    td.style.color = '';
    td.style.borderColor = '';
    return;
  }
  td.classList.add(`ppoc-status--${status}`);
  const hc = settings.highContrast;
  if (hc) {
    td.style.backgroundColor = hc.background;
    td.style.color = hc.foreground;
    td.style.borderColor = hc.foreground;
    return;
  }
  const fill = settings.statusColors[status];
  td.style.backgroundColor = fill;
  td.style.color = textColorFor(fill);
}
