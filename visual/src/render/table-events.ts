// The table's pointer and keyboard events, delegated on the table: a row is found from its
// aria-rowindex (its place in the sorted rows), a grid cell from its row and cellIndex.
import type { RowModel } from '../converter/view-model';
import type { GridPosition } from '../interaction/grid-keys';

export interface TableEventHandlers {
  rowAt(position: number): RowModel | null;
  rowClick(row: RowModel, event: MouseEvent): void;
  contextMenu(row: RowModel, x: number, y: number): void;
  rowHover(row: RowModel | null, event: MouseEvent): void;
  /** A cell of the grid took the focus. */
  focused(at: GridPosition): void;
  key(event: KeyboardEvent, at: GridPosition): void;
}

/** The row's place in the sorted rows (aria-rowindex 2 is the first row), or null off the rows. */
export function rowPosition(node: EventTarget | null): number | null {
  const tr = node instanceof Element ? node.closest('tr.ppoc-row') : null;
  return tr ? Number(tr.getAttribute('aria-rowindex')) - 2 : null;
}

/** The grid cell of an event target: row -1 for the titles. */
export function cellPosition(target: EventTarget | null, table: HTMLTableElement, headRow: HTMLTableRowElement): GridPosition | null {
  const cell = target instanceof Element ? target.closest('td, th') : null;
  if (!(cell instanceof HTMLTableCellElement) || !table.contains(cell)) return null;
  const tr = cell.parentElement as HTMLTableRowElement;
  if (tr === headRow) return { row: -1, col: cell.cellIndex };
  if (!tr.classList.contains('ppoc-row')) return null;
  return { row: Number(tr.getAttribute('aria-rowindex')) - 2, col: cell.cellIndex };
}

export function wireTableEvents(table: HTMLTableElement, tbody: HTMLTableSectionElement, headRow: HTMLTableRowElement, handlers: TableEventHandlers): void {
  const rowOf = (target: EventTarget | null): RowModel | null => {
    const position = rowPosition(target);
    return position === null ? null : handlers.rowAt(position);
  };
  tbody.addEventListener('click', (event) => {
    const row = rowOf(event.target);
    if (row) handlers.rowClick(row, event);
  });
  tbody.addEventListener('contextmenu', (event) => {
    const row = rowOf(event.target);
    if (!row) return;
    event.preventDefault();
    handlers.contextMenu(row, event.clientX, event.clientY);
  });
  tbody.addEventListener('mousemove', (event) => handlers.rowHover(rowOf(event.target), event));
  tbody.addEventListener('mouseleave', (event) => handlers.rowHover(null, event));
  table.addEventListener('focusin', (event) => {
    const at = cellPosition(event.target, table, headRow);
    if (at) handlers.focused(at);
  });
  table.addEventListener('keydown', (event) => {
    const at = cellPosition(event.target, table, headRow);
    if (at) handlers.key(event, at);
  });
}
