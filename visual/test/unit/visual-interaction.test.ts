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

  it('arrow keys, Home and End move a roving focus through rows; Enter selects', async () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const rows = rowsOf(v.element);
    assert.equal(rows[0].tabIndex, 0);
    assert.equal(rows[1].tabIndex, -1);
    rows[0].focus();
    const key = (k: string) => (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowDown');
    assert.equal(document.activeElement, rowsOf(v.element)[1]);
    assert.equal(rowsOf(v.element)[1].tabIndex, 0);
    assert.equal(rowsOf(v.element)[0].tabIndex, -1);
    key('End');
    assert.equal(document.activeElement, rowsOf(v.element)[8]);
    key('PageUp');
    assert.equal(document.activeElement, rowsOf(v.element)[0]);
    key('PageDown');
    assert.ok(Number((document.activeElement as HTMLElement).getAttribute('aria-rowindex')) > 2);
    key('Home');
    assert.equal(document.activeElement, rowsOf(v.element)[0]);
    key('ArrowUp');
    assert.equal(document.activeElement, rowsOf(v.element)[0]);
    key('Enter');
    await settle();
    assert.equal(v.recorded.selection.getSelectionIds().length, 1);
  });

  it('keyboard navigation reaches the last of 30,000 rows through the virtual window', () => {
    const v = mount();
    const rows = Array.from({ length: 30000 }, (_, i) => [`P${i}`]);
    v.update(tableDataView(['personId'], rows), 62, 400);
    const first = rowsOf(v.element)[0];
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    const focused = document.activeElement as HTMLElement;
    assert.equal(focused.getAttribute('aria-rowindex'), '30001');
    assert.equal(focused.textContent, 'P29999');
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
