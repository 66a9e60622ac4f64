// The header row: one <th> per column with its title, a sort indicator (drawn by CSS from
// data-sort) and a resize handle on its right border. Titles use a roving tabindex: the
// header row is one tab stop; arrow keys move between titles.
import type { ColumnModel } from '../converter/view-model';
import type { ColumnRole } from '../roles';
import type { SortSpec } from '../sorting/sorter';
import type { Strings } from '../strings';
import { clear, el } from './dom';

/** Alt+ArrowLeft/ArrowRight on a title: the keyboard's way to drag its border. */
const KEY_RESIZE_PX = 16;

export interface HeaderHandlers {
  sort(role: ColumnRole, add: boolean): void;
  /** Widens (or narrows, when negative) the column at `index` by `delta` px. */
  resizeBy(index: number, delta: number): void;
  /** ArrowDown from a title: into the rows. */
  enterRows(): void;
}

export class TableHeader {
  readonly row = el('tr');
  private key = '';

  constructor(private readonly handlers: HeaderHandlers) {
    this.row.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target : null;
      // A click that ends a drag (or double-click) on the resize handle is not a sort.
      if (!target || target.closest('.ppoc-resize')) return;
      const role = roleOf(target);
      if (!role) return;
      // Focus first, while the layout is clean: after the sort it would force one.
      this.focus(role);
      this.handlers.sort(role, event.shiftKey);
    });
    this.row.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** Rebuilds the cells when the columns change; true when it did. */
  build(columns: readonly ColumnModel[], strings: Strings): boolean {
    const key = columns.map((c) => `${c.role}:${c.title}`).join('|');
    if (key === this.key) return false;
    this.key = key;
    clear(this.row);
    columns.forEach((column, index) => {
      const th = el('th', column.role === 'personId' ? 'ppoc-th ppoc-sticky' : 'ppoc-th');
      th.scope = 'col';
      th.tabIndex = index === 0 ? 0 : -1;
      th.dataset.role = column.role;
      const indicator = el('span', 'ppoc-sort-indicator');
      indicator.setAttribute('aria-hidden', 'true');
      const handle = el('span', 'ppoc-resize');
      handle.setAttribute('aria-hidden', 'true');
      handle.title = strings('Resize_Hint');
      th.append(el('span', 'ppoc-th-title', column.title), indicator, handle);
      this.row.appendChild(th);
    });
    return true;
  }

  /** aria-sort on the first level (ARIA sorts by one column); every level's arrow and number. */
  showSort(sort: SortSpec, strings: Strings): void {
    for (const th of Array.from(this.row.cells)) {
      const at = sort.findIndex((level) => level.role === th.dataset.role);
      th.setAttribute('aria-sort', at === 0 ? sort[0].direction : 'none');
      const indicator = th.querySelector('.ppoc-sort-indicator') as HTMLElement;
      if (at >= 0) th.dataset.sort = sort[at].direction;
      else delete th.dataset.sort;
      if (at >= 0 && sort.length > 1) indicator.dataset.level = String(at + 1);
      else delete indicator.dataset.level;
      // The full title too: a squeezed column shows only the start of it.
      th.title = `${th.querySelector('.ppoc-th-title')?.textContent ?? ''}\n${strings('Sort_Hint')}`;
    }
  }

  focus(role: ColumnRole): void {
    const cells = Array.from(this.row.cells);
    for (const cell of cells) cell.tabIndex = cell.dataset.role === role ? 0 : -1;
    cells.find((cell) => cell.dataset.role === role)?.focus({ preventScroll: true });
  }

  private onKey(event: KeyboardEvent): void {
    const role = roleOf(event.target);
    if (!role) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.focus(role);
      this.handlers.sort(role, event.shiftKey);
    } else if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && event.altKey) {
      event.preventDefault();
      const index = Array.from(this.row.cells).findIndex((cell) => cell.dataset.role === role);
      this.handlers.resizeBy(index, event.key === 'ArrowLeft' ? -KEY_RESIZE_PX : KEY_RESIZE_PX);
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      const cells = Array.from(this.row.cells);
      const index = cells.findIndex((cell) => cell.dataset.role === role) + (event.key === 'ArrowLeft' ? -1 : 1);
      const next = cells[Math.max(0, Math.min(cells.length - 1, index))];
      if (next) this.focus(next.dataset.role as ColumnRole);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.handlers.enterRows();
    }
  }
}

function roleOf(target: EventTarget | null): ColumnRole | null {
  return ((target instanceof Element ? target.closest('th') : null)?.dataset.role as ColumnRole | undefined) ?? null;
}
