import { strict as assert } from 'node:assert';
import { d3Click, d3ContextMenu } from 'powerbi-visuals-utils-testutils';
import { ALL_ROLES, exampleRows, mount, tableDataView } from './helpers';

const rowsOf = (element: HTMLElement) => Array.from(element.querySelectorAll('tbody tr.ppoc-row')) as HTMLTableRowElement[];
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('visual: selection, context menu, tooltips, keyboard', () => {
  it('click selects a row; Ctrl-click adds; other rows dim; background click clears', async () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const rows = rowsOf(v.element);
    const firstCell = rows[0].querySelector('td') as HTMLElement;
    d3Click.call(firstCell, firstCell, 5, 5);
    await settle();
    assert.equal(v.recorded.selection.getSelectionIds().length, 1);
    assert.equal(rows[0].getAttribute('aria-selected'), 'true');
    assert.ok(rows[1].classList.contains('ppoc-dimmed'));
    rows[2].querySelector('td')!.dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
    await settle();
    assert.equal(v.recorded.selection.getSelectionIds().length, 2);
    assert.equal(rows[2].getAttribute('aria-selected'), 'true');
    (v.element.querySelector('.ppoc-summary') as HTMLElement).click();
    await settle();
    assert.equal(v.recorded.selection.getSelectionIds().length, 0);
    assert.equal(rows[0].getAttribute('aria-selected'), 'false');
    assert.ok(!rows[1].classList.contains('ppoc-dimmed'));
  });

  it('shows the context menu on right-click at the pointer', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const cell = rowsOf(v.element)[1].querySelector('td') as HTMLElement;
    d3ContextMenu.call(cell, cell, 40, 50);
    assert.deepEqual(v.recorded.contextMenus, [{ x: 40, y: 50 }]);
  });

  it('shows a tooltip with every bound field and days late, and hides it on leave', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const notYetStarted = rowsOf(v.element)[0];
    notYetStarted.querySelector('td')!.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: 10, clientY: 10 }));
    const shown = v.recorded.tooltips[0];
    assert.equal(shown.kind, 'show');
    const names = shown.items.map((i) => i.displayName);
    assert.deepEqual(names.slice(0, 3), ['Person ID', 'Child', 'Social Worker']);
    assert.equal(shown.items.find((i) => i.displayName === 'Days late')?.value, '26');
    assert.equal(shown.items.find((i) => i.displayName === 'Predicted Start Date')?.value, '05/05/2022');
    v.element.querySelector('tbody')!.dispatchEvent(new MouseEvent('mouseleave'));
    assert.equal(v.recorded.tooltips.at(-1)?.kind, 'hide');
  });

  it('a WAI-ARIA grid: titles are row 1, each cell a gridcell in a row numbered for the whole table', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const table = v.element.querySelector('table') as HTMLTableElement;
    assert.equal(table.getAttribute('role'), 'grid');
    assert.equal(table.getAttribute('aria-rowcount'), '10');
    assert.equal(table.tHead?.rows[0].getAttribute('aria-rowindex'), '1');
    assert.deepEqual(rowsOf(v.element).map((tr) => tr.getAttribute('aria-rowindex')), ['2', '3', '4', '5', '6', '7', '8', '9', '10']);
    assert.ok(Array.from(table.querySelectorAll('tbody td')).every((td) => (td as HTMLElement).tabIndex === -1), 'cells take focus; none is a tab stop yet');
    assert.ok(rowsOf(v.element).every((tr) => !tr.hasAttribute('tabindex')), 'rows do not take focus: a reader reads cell by cell');
  });

  it('arrows move cell by cell, Home/End along the row, Ctrl+Home/End to the corners, Up from the first row reaches the titles', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const at = () => {
      const cell = document.activeElement as HTMLTableCellElement;
      const tr = cell.parentElement as HTMLTableRowElement;
      return [Number(tr.getAttribute('aria-rowindex')), cell.cellIndex, cell.tabIndex];
    };
    const key = (k: string, extra: KeyboardEventInit = {}) => (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...extra }));
    (v.element.querySelector('th') as HTMLElement).focus();
    key('ArrowDown');
    assert.deepEqual(at(), [2, 0, 0]);
    key('ArrowRight');
    key('ArrowRight');
    assert.deepEqual(at(), [2, 2, 0]);
    key('End');
    assert.deepEqual(at(), [2, 10, 0]);
    key('ArrowRight');
    assert.deepEqual(at(), [2, 10, 0], 'stays at the edge');
    key('Home');
    assert.deepEqual(at(), [2, 0, 0]);
    key('ArrowUp');
    assert.deepEqual(at(), [1, 0, 0], 'Up from the first row: the titles');
    key('End');
    assert.deepEqual(at(), [1, 10, 0], 'Home/End work on the titles too');
    key('End', { ctrlKey: true });
    assert.deepEqual(at(), [10, 10, 0]);
    key('PageUp');
    assert.ok(at()[0] < 10 && at()[0] >= 2);
    key('Home', { ctrlKey: true });
    assert.deepEqual(at(), [1, 0, 0]);
    key('PageDown');
    assert.ok(at()[0] > 2);
    assert.equal(v.element.querySelectorAll('th[tabindex="0"], td[tabindex="0"]').length, 1, 'one tab stop, wherever the focus went');
  });

  it('Enter or Space on a cell selects its row, Ctrl+Space adds one; Shift+F10 opens the context menu at the cell', async () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const cell = (row: number, col: number) => rowsOf(v.element)[row].cells[col];
    cell(0, 2).focus();
    cell(0, 2).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    assert.equal(v.recorded.selection.getSelectionIds().length, 1);
    cell(2, 2).focus();
    cell(2, 2).dispatchEvent(new KeyboardEvent('keydown', { key: ' ', ctrlKey: true, bubbles: true }));
    await settle();
    assert.equal(v.recorded.selection.getSelectionIds().length, 2);
    assert.deepEqual(rowsOf(v.element).map((tr) => tr.getAttribute('aria-selected')).slice(0, 3), ['true', 'false', 'true']);
    const event = new KeyboardEvent('keydown', { key: 'F10', shiftKey: true, bubbles: true, cancelable: true });
    cell(1, 3).dispatchEvent(event);
    assert.equal(event.defaultPrevented, true);
    assert.equal(v.recorded.contextMenus.length, 1);
  });

  it('keyboard navigation reaches the last of 30,000 rows through the virtual window', () => {
    const v = mount();
    const rows = Array.from({ length: 30000 }, (_, i) => [`P${i}`]);
    v.update(tableDataView(['personId'], rows), 62, 400);
    const first = rowsOf(v.element)[0].cells[0];
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', ctrlKey: true, bubbles: true }));
    const focused = document.activeElement as HTMLElement;
    assert.equal(focused.parentElement?.getAttribute('aria-rowindex'), '30001');
    assert.equal(focused.textContent, 'P29999');
    assert.ok(rowsOf(v.element).length < 100, 'still a window of rows');
  });

  it('with allowInteractions false neither selects nor opens a context menu', async () => {
    const v = mount({ allowInteractions: false });
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const row = rowsOf(v.element)[0];
    row.querySelector('td')!.click();
    row.querySelector('td')!.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    await settle();
    assert.equal(v.recorded.selection.getSelectionIds().length, 0);
    assert.equal(v.recorded.contextMenus.length, 0);
  });

  it('restores the selection state the host reports through registerOnSelectCallback', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const selection = v.recorded.selection as unknown as { simutateSelection(ids: unknown[]): void };
    selection.simutateSelection([]);
    assert.equal(rowsOf(v.element).filter((r) => r.classList.contains('ppoc-dimmed')).length, 0);
  });
});
