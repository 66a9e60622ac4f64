// The header row (aria-rowindex 1): one columnheader per column with its title (wrapping only
// between words, never cut), a sort indicator (drawn by CSS from data-sort) and a resize handle
// on its right border. Keyboard focus and keys are the grid's (grid-keys.ts).
import type { ColumnModel } from '../converter/view-model';
import type { ColumnRole } from '../roles';
import type { SortSpec } from '../sorting/sorter';
import type { Strings } from '../strings';
import { clear, el } from './dom';

export interface HeaderHandlers {
  /** A click on a title (not on its resize handle). */
  activate(index: number, add: boolean): void;
}

export class TableHeader {
  readonly row = el('tr', 'ppoc-head');
  private key = '';

  constructor(private readonly handlers: HeaderHandlers) {
    this.row.setAttribute('aria-rowindex', '1');
    this.row.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target : null;
      // A click that ends a drag (or double-click) on the resize handle is not a sort.
      if (!target || target.closest('.ppoc-resize')) return;
      const th = target.closest('th');
      if (th) this.handlers.activate(th.cellIndex, event.shiftKey);
    });
  }

  /** Rebuilds the cells when the columns change; true when it did. */
  build(columns: readonly ColumnModel[], strings: Strings): boolean {
    const key = columns.map((c) => `${c.role}:${c.title}`).join('|');
    if (key === this.key) return false;
    this.key = key;
    clear(this.row);
    for (const column of columns) {
      const th = el('th', 'ppoc-th');
      th.scope = 'col';
      th.tabIndex = -1;
      th.dataset.role = column.role;
      const handle = el('span', 'ppoc-resize');
      handle.setAttribute('aria-hidden', 'true');
      handle.title = strings('Resize_Hint');
      th.append(el('span', 'ppoc-th-title', column.title), handle);
      this.row.appendChild(th);
    }
    return true;
  }

  /**
   * aria-sort on the first level (ARIA sorts by one column); every level's arrow and number,
   * drawn by CSS after the title's last word (so it takes room on that line only).
   */
  showSort(sort: SortSpec, strings: Strings): void {
    for (const th of Array.from(this.row.cells)) {
      const at = sort.findIndex((level) => level.role === th.dataset.role);
      th.setAttribute('aria-sort', at === 0 ? sort[0].direction : 'none');
      const title = th.firstChild as HTMLElement;
      if (at >= 0) th.dataset.sort = sort[at].direction;
      else delete th.dataset.sort;
      if (at >= 0 && sort.length > 1) title.dataset.level = String(at + 1);
      else delete title.dataset.level;
      th.title = `${title.textContent ?? ''}\n${strings('Sort_Hint')}`;
    }
  }

  /** Each title aligned as its column (an empty class: left). */
  align(classes: readonly string[]): void {
    Array.from(this.row.cells).forEach((th, i) => {
      th.classList.remove('ppoc-al-center', 'ppoc-al-right');
      if (classes[i]) th.classList.add(classes[i]);
    });
  }

  roleAt(index: number): ColumnRole | null {
    return (this.row.cells[index]?.dataset.role as ColumnRole | undefined) ?? null;
  }
}
