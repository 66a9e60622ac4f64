// The WAI-ARIA grid's keys (APG data grid), as a pure function of the key and the focused cell:
// arrows move cell by cell (Up from the first row reaches the titles), Home/End along the row,
// Ctrl+Home/Ctrl+End to the first/last cell, PageUp/PageDown by a page of rows. On a title,
// Enter/Space sorts (Shift adds a sort level) and Alt+Left/Right resizes its column; on a row,
// Enter/Space selects it (Ctrl adds it to the selection); Shift+F10 opens the context menu.

/** A cell: `row` -1 is the titles, 0… the rows in their sorted order. */
export interface GridPosition {
  row: number;
  col: number;
}

export interface GridSize {
  rows: number;
  cols: number;
  /** Rows that fit in the rows area (PageUp/PageDown move by this). */
  page: number;
}

export type GridAction =
  | { kind: 'move'; to: GridPosition }
  | { kind: 'sort'; add: boolean }
  | { kind: 'resize'; delta: number }
  | { kind: 'select'; multi: boolean }
  | { kind: 'menu' };

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Alt+ArrowLeft/ArrowRight on a title: the keyboard's way to drag its border. */
export const KEY_RESIZE_PX = 16;

export function gridAction(event: KeyInput, at: GridPosition, size: GridSize): GridAction | null {
  const { key } = event;
  const ctrl = event.ctrlKey || event.metaKey;
  if ((key === 'F10' && event.shiftKey) || key === 'ContextMenu') return { kind: 'menu' };
  if (key === 'Enter' || key === ' ') {
    return at.row < 0 ? { kind: 'sort', add: event.shiftKey } : { kind: 'select', multi: ctrl || event.shiftKey };
  }
  if (event.altKey) {
    if (at.row < 0 && (key === 'ArrowLeft' || key === 'ArrowRight')) return { kind: 'resize', delta: key === 'ArrowLeft' ? -KEY_RESIZE_PX : KEY_RESIZE_PX };
    return null;
  }
  const to = moveTo(key, ctrl, at, size);
  return to ? { kind: 'move', to: clamp(to, size) } : null;
}

function moveTo(key: string, ctrl: boolean, at: GridPosition, size: GridSize): GridPosition | null {
  const lastRow = size.rows - 1;
  switch (key) {
    case 'ArrowLeft':
      return { row: at.row, col: at.col - 1 };
    case 'ArrowRight':
      return { row: at.row, col: at.col + 1 };
    case 'ArrowUp':
      return { row: at.row - 1, col: at.col };
    case 'ArrowDown':
      return { row: at.row + 1, col: at.col };
    case 'Home':
      return ctrl ? { row: -1, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: lastRow, col: size.cols - 1 } : { row: at.row, col: size.cols - 1 };
    case 'PageDown':
      return { row: at.row + Math.max(1, size.page), col: at.col };
    case 'PageUp':
      // By a page within the rows; from the first row, a page up is the titles.
      return { row: at.row <= 0 ? -1 : Math.max(0, at.row - Math.max(1, size.page)), col: at.col };
    default:
      return null;
  }
}

export function clamp(at: GridPosition, size: Pick<GridSize, 'rows' | 'cols'>): GridPosition {
  return {
    row: Math.max(-1, Math.min(size.rows - 1, at.row)),
    col: Math.max(0, Math.min(size.cols - 1, at.col)),
  };
}
