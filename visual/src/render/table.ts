// The <table>: sticky header (and Person ID column), sortable titles, and a window of <tr>
// elements reused as the user scrolls (the table sits in a full-height sizer, offset to the
// window's first row), so 30,000 rows cost about a screenful of DOM. Rows are formatted on
// screen only. Column widths and the rows area's height come from the app's layout.
import { STATUS_KEYS, type StatusKey } from '../../../core/src/index';
import type { ColumnModel, RowModel } from '../converter/view-model';
import type { ColumnRole } from '../roles';
import type { ResolvedSettings } from '../settings/resolved';
import type { SortSpec } from '../sorting/sorter';
import type { Strings } from '../strings';
import { textColorFor } from './colors';
import { wireColumnResize, type ResizeHandlers } from './column-resize';
import { clear, el } from './dom';
import { cellText, type DateFormatter } from './format';
import { TableHeader } from './table-header';
import { OVERSCAN_ROWS, rowGeometry, scrollToReveal, visibleWindow, type RowGeometry, type RowWindow } from './table-layout';

export interface TableHandlers {
  sort(role: ColumnRole, add: boolean): void;
  rowClick(row: RowModel, event: MouseEvent): void;
  rowContextMenu(row: RowModel, event: MouseEvent): void;
  rowActivate(row: RowModel, event: KeyboardEvent): void;
  rowHover(row: RowModel | null, event: MouseEvent): void;
  isSelected(row: RowModel): boolean;
  hasSelection(): boolean;
  resize: ResizeHandlers;
}

export interface TableInput {
  columns: readonly ColumnModel[];
  rows: readonly RowModel[];
  sort: SortSpec;
  settings: ResolvedSettings;
  formatDate: DateFormatter;
  strings: Strings;
}

const STATUS_CLASSES = STATUS_KEYS.map((key) => `ppoc-status--${key}`);

export class TableView {
  readonly scroller = el('div', 'ppoc-scroll');
  private readonly sizer = el('div', 'ppoc-sizer');
  private readonly table = el('table', 'ppoc-table');
  private readonly colgroup = el('colgroup');
  private readonly thead = el('thead');
  private readonly header: TableHeader;
  private readonly tbody = el('tbody');
  private input: TableInput | null = null;
  private geometry: RowGeometry = rowGeometry(10, false);
  private window: RowWindow = { first: 0, last: 0, virtual: false };
  private focused = 0;
  private frame = 0;
  /** Last known scroll offset, kept here so rendering never forces a layout to read it. */
  private scrollTop = 0;
  /** The rows area's height (the scroller's inner height minus the header) from the last layout. */
  private areaHeight = 400;
  private widths: number[] = [];
  /** Rows rendered beyond the view: none in the frame that paints an update, then OVERSCAN_ROWS. */
  private overscan = OVERSCAN_ROWS;
  private overscanPending = false;

  constructor(private readonly handlers: TableHandlers) {
    this.header = new TableHeader({
      sort: (role, add) => handlers.sort(role, add),
      resizeBy: (index, delta) => handlers.resize.commit(index, this.widthOf(index) + delta),
      enterRows: () => this.focusRow(this.focused),
    });
    this.table.setAttribute('role', 'grid');
    this.table.setAttribute('aria-multiselectable', 'true');
    this.thead.appendChild(this.header.row);
    this.table.append(this.colgroup, this.thead, this.tbody);
    this.sizer.appendChild(this.table);
    this.scroller.appendChild(this.sizer);
    this.scroller.addEventListener('scroll', () => this.scheduleWindow());
    wireColumnResize(this.header.row, handlers.resize);
    this.wireBody();
  }

  /**
   * Full render for new data, settings or sort (widths and the rows area follow in layout()).
   * With `rowsLater`, the rows are filled by the layout() that follows, after the page has
   * been measured: the one forced layout then covers the header and chrome, not the rows too,
   * and the rows are laid out once, in the frame that paints them.
   */
  render(input: TableInput, rowsLater = false): void {
    this.input = input;
    this.geometry = rowGeometry(input.settings.fontSize, input.settings.wordWrap);
    this.table.setAttribute('aria-label', input.strings('Table_Label'));
    this.table.setAttribute('aria-rowcount', String(input.rows.length + 1));
    this.table.classList.toggle('ppoc-wrap', input.settings.wordWrap);
    this.table.style.setProperty('--ppoc-line', `${this.geometry.lineHeight}px`);
    this.table.style.setProperty('--ppoc-row', `${this.geometry.rowHeight}px`);
    if (this.header.build(input.columns, input.strings)) this.rebuildColumns(input.columns.length);
    this.header.row.style.height = `${this.geometry.headerHeight}px`;
    this.header.showSort(input.sort, input.strings);
    this.focused = Math.min(this.focused, Math.max(0, input.rows.length - 1));
    this.clampScroll();
    this.window = { first: -1, last: -1, virtual: false };
    this.overscan = 0;
    this.scheduleOverscan();
    if (!rowsLater) this.renderWindow();
  }

  /** Column widths (px) and the rows area's height; re-windows the rows. */
  layout(widths: readonly number[], areaHeight: number): void {
    this.setWidths(widths);
    this.areaHeight = Math.max(0, areaHeight);
    if (!this.input) return;
    this.clampScroll();
    this.renderWindow();
  }

  /** Widths only (a drag in progress). */
  setWidths(widths: readonly number[]): void {
    this.widths = widths.slice();
    const cols = this.colgroup.children;
    for (let i = 0; i < cols.length; i++) (cols[i] as HTMLElement).style.width = `${widths[i] ?? 0}px`;
    this.table.style.width = `${widths.reduce((sum, w) => sum + w, 0)}px`;
  }

  /** The scroller's inner width, its scrollbar's thickness and the header row's height (reads layout). */
  measureBox(): { clientWidth: number; scrollbar: number; headerHeight: number } {
    const clientWidth = this.scroller.clientWidth;
    return { clientWidth, scrollbar: Math.max(0, this.scroller.offsetWidth - clientWidth), headerHeight: this.header.row.offsetHeight };
  }

  widthOf(index: number): number {
    return this.widths[index] ?? 0;
  }

  get headerHeight(): number {
    return this.geometry.headerHeight;
  }

  /**
   * Before a sort's render: back to the first row. Called before the rows change, so setting
   * the scroll offset does not force a layout of the new rows.
   */
  scrollToTop(): void {
    this.scrollTop = 0;
    this.focused = 0;
    if (this.scroller.scrollTop !== 0) this.scroller.scrollTop = 0;
  }

  focusHeader(role: ColumnRole): void {
    this.header.focus(role);
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

  private rebuildColumns(count: number): void {
    clear(this.colgroup);
    for (let i = 0; i < count; i++) this.colgroup.appendChild(el('col'));
    clear(this.tbody);
    this.setWidths(this.widths);
  }

  /** Fewer rows than before: the browser will clamp the scroll offset; do the same here. */
  private clampScroll(): void {
    const rows = this.input?.rows.length ?? 0;
    const maxScroll = rows * this.geometry.rowHeight - this.areaHeight;
    this.scrollTop = Math.max(0, Math.min(this.scrollTop, maxScroll));
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

  /**
   * The rows just outside the view are added after the frame that paints an update (a task
   * after the next animation frame), so that frame lays out and paints only the rows seen.
   */
  private scheduleOverscan(): void {
    if (this.overscanPending) return;
    this.overscanPending = true;
    const afterFrame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (fn: () => void) => setTimeout(fn, 0);
    afterFrame(() =>
      setTimeout(() => {
        this.overscanPending = false;
        this.overscan = OVERSCAN_ROWS;
        this.renderWindow();
      }, 0),
    );
  }

  private renderWindow(): void {
    const input = this.input;
    if (!input) return;
    const { rowHeight, headerHeight } = this.geometry;
    const next = visibleWindow(input.rows.length, this.scrollTop, this.areaHeight, rowHeight, this.overscan);
    if (next.first === this.window.first && next.last === this.window.last && next.virtual === this.window.virtual) return;
    this.window = next;
    this.sizer.style.height = next.virtual ? `${headerHeight + input.rows.length * rowHeight}px` : '';
    // Layout offset, not a transform: a sticky header is positioned from layout boxes.
    this.sizer.style.paddingTop = next.virtual && next.first > 0 ? `${next.first * rowHeight}px` : '';
    this.table.classList.toggle('ppoc-virtual', next.virtual);
    if (input.rows.length === 0) return this.renderEmpty(input);
    this.ensureRowCount(next.last - next.first, input.columns);
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

  private ensureRowCount(count: number, columns: readonly ColumnModel[]): void {
    const rows = this.tbody.rows;
    if (rows.length > 0 && (rows[0].classList.contains('ppoc-empty-row') || rows[0].cells.length !== columns.length)) clear(this.tbody);
    while (rows.length > count) this.tbody.removeChild(this.tbody.lastChild as Node);
    while (rows.length < count) {
      const tr = el('tr', 'ppoc-row');
      // The inner span lets CSS clamp wrapped text: a table cell itself cannot be clamped.
      for (const column of columns) {
        const td = tr.appendChild(el('td', cellClass(column)));
        td.appendChild(el('span', 'ppoc-cell'));
      }
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
    const page = Math.max(1, Math.floor(this.measuredArea().area / this.geometry.rowHeight) - 1);
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

  /** The rows area as laid out now (the real height, read when keys move the focus). */
  private measuredArea(): { view: number; header: number; area: number } {
    const view = this.scroller.clientHeight;
    const header = this.header.row.offsetHeight;
    if (view <= 0) return { view: this.areaHeight + this.geometry.headerHeight, header: this.geometry.headerHeight, area: this.areaHeight };
    return { view, header, area: Math.max(0, view - header) };
  }

  /** Moves the roving focus to a row and scrolls so the row is whole below the sticky header. */
  focusRow(position: number): void {
    const input = this.input;
    if (!input || input.rows.length === 0) return;
    this.focused = Math.max(0, Math.min(input.rows.length - 1, position));
    const { view, header } = this.measuredArea();
    const { top, height } = this.rowBox(this.focused, header);
    this.scrollTop = scrollToReveal(top, height, this.scroller.scrollTop, view, header);
    this.scroller.scrollTop = this.scrollTop;
    this.renderWindow();
    this.refreshSelection();
    const target = this.tbody.rows[this.focused - Math.max(0, this.window.first)];
    target?.focus({ preventScroll: true });
  }

  /** A row's offset in the scrolled content and its height: computed when virtual, else read. */
  private rowBox(position: number, header: number): { top: number; height: number } {
    const { rowHeight } = this.geometry;
    const tr = this.window.virtual ? null : this.tbody.rows[position];
    if (!tr || this.scroller.clientHeight <= 0) return { top: header + position * rowHeight, height: rowHeight };
    const offset = tr.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top - this.scroller.clientTop;
    return { top: offset + this.scroller.scrollTop, height: tr.offsetHeight };
  }
}

function cellClass(column: ColumnModel): string {
  const classes = column.kind === 'text' ? [] : ['ppoc-nowrap'];
  if (column.role === 'personId') classes.push('ppoc-sticky');
  return classes.join(' ');
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
