import { strict as assert } from 'node:assert';
import { gridAction, KEY_RESIZE_PX, type GridPosition, type KeyInput } from '../../src/interaction/grid-keys';

const size = { rows: 100, cols: 11, page: 10 };
const press = (key: string, at: GridPosition, mods: Partial<KeyInput> = {}) =>
  gridAction({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods }, at, size);
const move = (key: string, at: GridPosition, mods: Partial<KeyInput> = {}) => {
  const action = press(key, at, mods);
  return action?.kind === 'move' ? action.to : action;
};

describe('grid keys (WAI-ARIA data grid)', () => {
  it('arrows move a cell at a time and stop at the edges; Up from the first row reaches the titles', () => {
    assert.deepEqual(move('ArrowRight', { row: 3, col: 4 }), { row: 3, col: 5 });
    assert.deepEqual(move('ArrowLeft', { row: 3, col: 0 }), { row: 3, col: 0 });
    assert.deepEqual(move('ArrowUp', { row: 0, col: 4 }), { row: -1, col: 4 });
    assert.deepEqual(move('ArrowUp', { row: -1, col: 4 }), { row: -1, col: 4 });
    assert.deepEqual(move('ArrowDown', { row: 99, col: 4 }), { row: 99, col: 4 });
  });

  it('Home/End along the row (titles too), Ctrl+Home/Ctrl+End to the first title and the last cell', () => {
    assert.deepEqual(move('Home', { row: 5, col: 6 }), { row: 5, col: 0 });
    assert.deepEqual(move('End', { row: -1, col: 2 }), { row: -1, col: 10 });
    assert.deepEqual(move('Home', { row: 50, col: 6 }, { ctrlKey: true }), { row: -1, col: 0 });
    assert.deepEqual(move('End', { row: -1, col: 0 }, { metaKey: true }), { row: 99, col: 10 });
  });

  it('PageUp/PageDown move by a page of rows; PageUp from the first row reaches the titles', () => {
    assert.deepEqual(move('PageDown', { row: 5, col: 1 }), { row: 15, col: 1 });
    assert.deepEqual(move('PageDown', { row: 95, col: 1 }), { row: 99, col: 1 });
    assert.deepEqual(move('PageUp', { row: 5, col: 1 }), { row: 0, col: 1 });
    assert.deepEqual(move('PageUp', { row: 0, col: 1 }), { row: -1, col: 1 });
    assert.deepEqual(move('PageDown', { row: -1, col: 1 }), { row: 9, col: 1 });
  });

  it('Enter/Space sort on a title (Shift adds a level) and select on a row (Ctrl adds); Alt+arrows resize a title\'s column', () => {
    assert.deepEqual(press('Enter', { row: -1, col: 2 }), { kind: 'sort', add: false });
    assert.deepEqual(press('Enter', { row: -1, col: 2 }, { shiftKey: true }), { kind: 'sort', add: true });
    assert.deepEqual(press(' ', { row: 4, col: 2 }), { kind: 'select', multi: false });
    assert.deepEqual(press(' ', { row: 4, col: 2 }, { ctrlKey: true }), { kind: 'select', multi: true });
    assert.deepEqual(press('ArrowRight', { row: -1, col: 2 }, { altKey: true }), { kind: 'resize', delta: KEY_RESIZE_PX });
    assert.equal(press('ArrowRight', { row: 3, col: 2 }, { altKey: true }), null, 'Alt+arrow on a row is the browser\'s');
  });

  it('Shift+F10 and the context-menu key open the context menu; other keys are left alone', () => {
    assert.deepEqual(press('F10', { row: 3, col: 0 }, { shiftKey: true }), { kind: 'menu' });
    assert.deepEqual(press('ContextMenu', { row: -1, col: 0 }), { kind: 'menu' });
    assert.equal(press('Tab', { row: 3, col: 0 }), null);
    assert.equal(press('a', { row: 3, col: 0 }), null);
  });

  it('an empty table: the titles only', () => {
    const empty = gridAction({ key: 'ArrowDown', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false }, { row: -1, col: 0 }, { rows: 0, cols: 3, page: 5 });
    assert.deepEqual(empty, { kind: 'move', to: { row: -1, col: 0 } });
  });
});
