// The table, a WAI-ARIA grid: sticky titles, pinned Person ID / Status columns, and a window of
// <tr> elements reused as the user scrolls (the table sits in a full-height sizer, offset to the
// window's first row), so 30,000 rows cost about a screenful of DOM. One cell of the grid is the
// tab stop (roving tabindex); the keys are grid-keys.ts's, and the focused cell is scrolled whole
// into view on both axes before it takes the focus. Widths and the rows area come from layout.
import type { RowModel } from '../converter/view-model';
import { clamp, gridAction, type GridPosition, type GridSize } from '../interaction/grid-keys';
import type { ColumnRole } from '../roles';
import type { SortSpec } from '../sorting/sorter';
import type { Strings } from '../strings';
import { wireColumnResize, type ResizeHandlers } from './column-resize';
import { clear, el } from './dom';
import { revealLeft, type Pin } from './pinned-columns';
import { visibleWindow } from './row-heights';
import { RowPlacement } from './row-placement';
import { rowPosition, wireTableEvents } from './table-events';
import { TableHeader } from './table-header';
import { OVERSCAN_ROWS, RENDER_ALL_LIMIT, rowGeometry, scrollToReveal, type RowGeometry, type RowWindow } from './table-layout';
import { alignClass, createRow, fillRow, pinCell, type RowInput } from './table-rows';
import { applyTableStyle } from './table-style';

export interface TableHandlers {
  sort(role: ColumnRole, add: boolean): void;
  rowClick(row: RowModel, event: MouseEvent): void;
  /** Right-click or Shift+F10: a row, or null for the titles. */
  contextMenu(row: RowModel | null, x: number, y: number): void;
  rowActivate(row: RowModel, multi: boolean): void;
  rowHover(row: RowModel | null, event: MouseEvent): void;
  isSelected(row: RowModel): boolean;
  hasSelection(): boolean;
  resize: ResizeHandlers;
}

export interface TableInput extends RowInput {
  rows: readonly RowModel[];
  sort: SortSpec;
  strings: Strings;
}

export class TableView {
  readonly scroller = el('div', 'ppoc-scroll');
  private readonly sizer = el('div', 'ppoc-sizer');
  private readonly table = el('table', 'ppoc-table');
  private readonly colgroup = el('colgroup');
  private readonly header: TableHeader;
  private readonly tbody = el('tbody');
  private input: TableInput | null = null;
  private geometry: RowGeometry | null = null;
  /** Where each row sits (one height, or measured heights when values wrap). */
  private readonly placement = new RowPlacement();
  /** The body rows' make-up (columns and their alignment): rows are rebuilt when it changes. */
  private rowShape = '';
  private window: RowWindow = { first: 0, last: 0, virtual: false };
  /** The grid's focused cell, and the element that is the grid's tab stop. */
  private focus: GridPosition = { row: -1, col: 0 };
  private tabStop: HTMLElement | null = null;
  private frame = 0;
  /** Last known scroll offset, kept here so rendering never forces a layout to read it. */
  private scrollTop = 0;
  /** The rows area's height and the header row's, from the last layout. */
  private areaHeight = 400;
  private headerHeight = 0;
  private widths: number[] = [];
  private pins: (Pin | null)[] = [];
  /** Rows rendered beyond the view: none in the frame that paints an update, then OVERSCAN_ROWS. */
  private overscan = OVERSCAN_ROWS;
  private overscanPending = false;

  constructor(private readonly handlers: TableHandlers) {
    this.header = new TableHeader({ activate: (index, add) => this.activateTitle(index, add) });
    this.table.setAttribute('role', 'grid');
    this.table.setAttribute('aria-multiselectable', 'true');
    const thead = el('thead');
    thead.appendChild(this.header.row);
    this.table.append(this.colgroup, thead, this.tbody);
    this.sizer.appendChild(this.table);
    this.scroller.appendChild(this.sizer);
    this.scroller.addEventListener('scroll', () => this.scheduleWindow());
    wireColumnResize(this.header.row, handlers.resize);
    wireTableEvents(this.table, this.tbody, this.header.row, {
      rowAt: (position) => this.input?.rows[position] ?? null,
      rowClick: handlers.rowClick,
      contextMenu: handlers.contextMenu,
      rowHover: handlers.rowHover,
      focused: (at) => {
        this.focus = at;
        this.updateTabStop();
      },
      key: (event, at) => this.onKey(event, at),
    });
  }

  /**
   * Full render for new data, settings or sort (widths and the rows area follow in layout()).
   * With `rowsLater`, the rows are filled by the layout() that follows, after the page has
   * been measured: the one forced layout then covers the header and chrome, not the rows too,
   * and the rows are laid out once, in the frame that paints them.
   */
  render(input: TableInput, rowsLater = false): void {
    this.input = input;
    this.geometry = rowGeometry(input.settings);
    this.table.setAttribute('aria-label', input.strings('Table_Label'));
    this.table.setAttribute('aria-rowcount', String(input.rows.length + 1));
    applyTableStyle(this.table, input.settings, this.geometry);
    if (this.header.build(input.columns, input.strings)) this.rebuildColumns(input.columns.length);
    const aligns = input.columns.map((column) => alignClass(column, input.settings));
    this.header.showSort(input.sort, input.strings);
    this.header.align(aligns);
    this.reshapeRows(aligns.join());
    this.place();
    this.focus = clamp(this.focus, this.size());
    this.clampScroll();
    this.window = { first: -1, last: -1, virtual: false };
    this.overscan = 0;
    this.scheduleOverscan();
    if (rowsLater) this.updateTabStop();
    else this.renderWindow();
  }

  /** Column widths and pins (px), the rows area's and the header row's heights; re-windows the rows. */
  layout(widths: readonly number[], pins: readonly (Pin | null)[], areaHeight: number, headerHeight: number): void {
    this.setWidths(widths, pins);
    this.areaHeight = Math.max(0, areaHeight);
    this.headerHeight = headerHeight;
    if (!this.input) return;
    this.clampScroll();
    this.renderWindow();
  }

  /** Widths (a drag in progress keeps the pins it had). */
  setWidths(widths: readonly number[], pins: readonly (Pin | null)[] = this.pins): void {
    const changed = widths.length !== this.widths.length || widths.some((w, i) => w !== this.widths[i]);
    this.widths = widths.slice();
    if (changed && this.placement.measuring) {
      // Wrapped rows change height with their column's width: place them again.
      this.place();
      this.window = { first: -1, last: -1, virtual: false };
    }
    const cols = this.colgroup.children;
    for (let i = 0; i < cols.length; i++) (cols[i] as HTMLElement).style.width = `${widths[i] ?? 0}px`;
    this.table.style.width = `${widths.reduce((sum, w) => sum + w, 0)}px`;
    this.applyPins(pins);
  }

  /** The scroller's inner width, its scrollbar's thickness and the header row's height (reads layout). */
  measureBox(): { clientWidth: number; scrollbar: number; headerHeight: number } {
    const clientWidth = this.scroller.clientWidth;
    return { clientWidth, scrollbar: Math.max(0, this.scroller.offsetWidth - clientWidth), headerHeight: this.header.row.offsetHeight };
  }

  widthOf(index: number): number {
    return this.widths[index] ?? 0;
  }

  /** Before a sort's render: back to the first row, called before the rows change (no forced layout). */
  scrollToTop(): void {
    this.scrollTop = 0;
    if (this.focus.row > 0) this.focus = { ...this.focus, row: 0 };
    if (this.scroller.scrollTop !== 0) this.scroller.scrollTop = 0;
  }

  /** Selection changed: restyle the rendered rows only. */
  refreshSelection(): void {
    for (const tr of Array.from(this.tbody.rows)) {
      const row = this.input?.rows[rowPosition(tr) ?? -1];
      if (row) this.applyRowState(tr, row);
    }
  }

  get renderedRowCount(): number {
    return this.tbody.rows.length;
  }

  private place(): void {
    const input = this.input;
    if (!input || !this.geometry) return;
    const virtual = input.rows.length > RENDER_ALL_LIMIT;
    this.placement.place({ rows: input.rows, columns: input.columns, geometry: this.geometry, widths: this.widths, fontSizePt: input.settings.values.sizePt, virtual });
    this.scroller.classList.toggle('ppoc-measured', this.placement.measuring);
    this.table.classList.toggle('ppoc-measured', this.placement.measuring);
  }

  /** New columns or alignments: the row template changes, so the body rows are built again. */
  private reshapeRows(shape: string): void {
    if (shape === this.rowShape) return;
    this.rowShape = shape;
    clear(this.tbody);
    this.tabStop = null;
  }

  private size(): Pick<GridSize, 'rows' | 'cols'> {
    return { rows: this.input?.rows.length ?? 0, cols: this.input?.columns.length ?? 0 };
  }

  private rebuildColumns(count: number): void {
    clear(this.colgroup);
    for (let i = 0; i < count; i++) this.colgroup.appendChild(el('col'));
    clear(this.tbody);
    this.tabStop = null;
    this.pins = [];
    this.setWidths(this.widths);
  }

  private applyPins(pins: readonly (Pin | null)[]): void {
    const count = this.header.row.cells.length;
    for (let i = 0; i < count; i++) {
      const pin = pins[i] ?? null;
      const was = this.pins[i] ?? null;
      if (pin?.side === was?.side && pin?.offset === was?.offset && pin?.stop === was?.stop) continue;
      pinCell(this.header.row.cells[i], pin);
      for (const tr of Array.from(this.tbody.rows)) if (tr.cells.length === count) pinCell(tr.cells[i], pin);
    }
    this.pins = pins.slice(0, count);
  }

  /** Fewer rows than before: the browser will clamp the scroll offset; do the same here. */
  private clampScroll(): void {
    const maxScroll = this.placement.heights.total() - this.areaHeight;
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
    // Measured rows: a pass can find rows shorter than estimated, which uncovers rows below
    // the window; a second pass fills them (each pass measures more real heights).
    for (let pass = 0; pass < 3; pass++) {
      const next = visibleWindow(this.placement.heights, this.scrollTop, this.areaHeight, this.overscan);
      if (next.first === this.window.first && next.last === this.window.last && next.virtual === this.window.virtual) break;
      this.window = next;
      this.fillWindow(input, next);
      if (!next.virtual || !this.placement.measuring || input.rows.length === 0) break;
      this.measureWindow(input, next);
    }
    this.updateTabStop();
  }

  private fillWindow(input: TableInput, next: RowWindow): void {
    this.placeSizer(next);
    this.table.classList.toggle('ppoc-virtual', next.virtual);
    if (input.rows.length === 0) return this.renderEmpty(input);
    this.ensureRowCount(next.last - next.first, input);
    for (let position = next.first; position < next.last; position++) {
      const tr = this.tbody.rows[position - next.first];
      const row = input.rows[position];
      fillRow(tr, row, position, input);
      this.applyRowState(tr, row);
    }
  }

  /** The full height of the rows, and the window's offset in it (layout, not a transform: sticky titles need it). */
  private placeSizer(next: RowWindow): void {
    const heights = this.placement.heights;
    const header = this.headerHeight || (this.geometry as RowGeometry).headerHeight;
    this.sizer.style.height = next.virtual ? `${header + heights.total()}px` : '';
    this.sizer.style.paddingTop = next.virtual && next.first > 0 ? `${heights.offsetOf(next.first)}px` : '';
  }

  /** Reads the rendered rows' real heights; scrolls by what the rows above the view gained, so nothing seen moves. */
  private measureWindow(input: TableInput, next: RowWindow): void {
    const anchor = this.placement.heights.indexAt(this.scrollTop);
    const shift = this.placement.measure(this.tbody.rows, next.first, input.rows, anchor);
    this.placeSizer(next);
    if (shift !== 0) {
      this.scrollTop = Math.max(0, this.scrollTop + shift);
      this.scroller.scrollTop = this.scrollTop;
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

  private ensureRowCount(count: number, input: TableInput): void {
    const rows = this.tbody.rows;
    if (rows.length > 0 && (rows[0].classList.contains('ppoc-empty-row') || rows[0].cells.length !== input.columns.length)) clear(this.tbody);
    while (rows.length > count) this.tbody.removeChild(this.tbody.lastChild as Node);
    // One row is built, the rest are copies of it (cloning is cheaper than building each cell).
    const template = rows.length < count ? createRow(input.columns, this.pins, input.settings) : null;
    while (rows.length < count) this.tbody.appendChild(rows.length === 0 ? (template as HTMLTableRowElement) : (template as HTMLTableRowElement).cloneNode(true));
  }

  private applyRowState(tr: HTMLTableRowElement, row: RowModel): void {
    const selected = this.handlers.isSelected(row);
    tr.setAttribute('aria-selected', String(selected));
    tr.classList.toggle('ppoc-selected', selected);
    tr.classList.toggle('ppoc-dimmed', !selected && this.handlers.hasSelection());
  }

  private activateTitle(index: number, add: boolean): void {
    const role = this.header.roleAt(index);
    if (!role) return;
    // Focus first, while the layout is clean: after the sort it would force one.
    this.focusCell({ row: -1, col: index });
    this.handlers.sort(role, add);
  }

  private onKey(event: KeyboardEvent, at: GridPosition): void {
    const input = this.input;
    if (!input) return;
    const action = gridAction(event, at, { ...this.size(), page: this.pageRows() });
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'move') this.focusCell(action.to);
    else if (action.kind === 'sort') this.activateTitle(at.col, action.add);
    else if (action.kind === 'resize') this.handlers.resize.commit(at.col, this.widthOf(at.col) + action.delta);
    else if (action.kind === 'select' && input.rows[at.row]) this.handlers.rowActivate(input.rows[at.row], action.multi);
    else if (action.kind === 'menu') {
      const box = (event.target as Element).getBoundingClientRect();
      this.handlers.contextMenu(input.rows[at.row] ?? null, box.left + box.width / 2, box.top + box.height / 2);
    }
  }

  /** Moves the grid's focus to a cell, scrolled whole into view on both axes, below the titles. */
  focusCell(to: GridPosition): void {
    if (!this.input) return;
    this.focus = clamp(to, this.size());
    // Measured rows: the row's real height is known once it is rendered, so reveal it again.
    for (let pass = 0; this.focus.row >= 0 && pass < (this.placement.measuring ? 2 : 1); pass++) {
      const { view, header } = this.measuredArea();
      const { top, height } = this.rowBox(this.focus.row, header);
      this.scrollTop = scrollToReveal(top, height, this.scroller.scrollTop, view, header);
      if (this.scroller.scrollTop !== this.scrollTop) this.scroller.scrollTop = this.scrollTop;
      this.renderWindow();
    }
    const left = revealLeft(this.pins, this.widths, this.focus.col, this.scroller.scrollLeft, this.scroller.clientWidth);
    if (left !== this.scroller.scrollLeft) this.scroller.scrollLeft = left;
    this.updateTabStop();
    this.tabStop?.focus({ preventScroll: true });
  }

  /** The focused cell when rendered, else its column's title, is the grid's one tab stop. */
  private updateTabStop(): void {
    const { row, col } = this.focus;
    const tr = row >= 0 && row >= this.window.first && row < this.window.last ? this.tbody.rows[row - Math.max(0, this.window.first)] : undefined;
    const target = (tr?.classList.contains('ppoc-row') ? tr.cells[col] : undefined) ?? this.header.row.cells[col] ?? null;
    if (target === this.tabStop) return;
    if (this.tabStop) this.tabStop.tabIndex = -1;
    if (target) target.tabIndex = 0;
    this.tabStop = target;
  }

  private pageRows(): number {
    const heights = this.placement.heights;
    const average = heights.count > 0 ? heights.total() / heights.count : (this.geometry?.rowHeight ?? 1);
    return Math.max(1, Math.floor(this.measuredArea().area / average) - 1);
  }

  /** The rows area as laid out now (the real height, read when keys move the focus). */
  private measuredArea(): { view: number; header: number; area: number } {
    const view = this.scroller.clientHeight;
    const header = this.header.row.offsetHeight;
    const fallback = this.headerHeight || (this.geometry?.headerHeight ?? 0);
    if (view <= 0) return { view: this.areaHeight + fallback, header: fallback, area: this.areaHeight };
    return { view, header, area: Math.max(0, view - header) };
  }

  /** A row's offset in the scrolled content and its height: computed when virtual, else read. */
  private rowBox(position: number, header: number): { top: number; height: number } {
    const heights = this.placement.heights;
    const tr = this.window.virtual ? null : this.tbody.rows[position];
    if (!tr || this.scroller.clientHeight <= 0) return { top: header + heights.offsetOf(position), height: heights.heightOf(position) };
    const offset = tr.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top - this.scroller.clientTop;
    return { top: offset + this.scroller.scrollTop, height: tr.offsetHeight };
  }
}
