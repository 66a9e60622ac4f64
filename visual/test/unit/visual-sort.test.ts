import { strict as assert } from 'node:assert';
import { bodyTexts, mount, tableDataView } from './helpers';
import type { RoleName } from '../../src/roles';

const ROLES: RoleName[] = ['personId', 'child', 'predictedStartDate'];
const ROWS = [['E10', 'bea', '2022-01-05'], ['E2', 'Adam', '2021-12-31'], ['E1', null, '2022-03-01']];

function th(element: HTMLElement, role: RoleName): HTMLTableCellElement {
  return element.querySelector(`th[data-role="${role}"]`) as HTMLTableCellElement;
}
const ids = (element: HTMLElement) => bodyTexts(element).map((r) => r[0]);

describe('visual: sorting', () => {
  it('clicking a title sorts ascending, again descending, and aria-sort follows', () => {
    const v = mount();
    v.update(tableDataView(ROLES, ROWS));
    assert.equal(th(v.element, 'personId').getAttribute('aria-sort'), 'none');
    th(v.element, 'personId').click();
    assert.deepEqual(ids(v.element), ['E1', 'E2', 'E10']);
    assert.equal(th(v.element, 'personId').getAttribute('aria-sort'), 'ascending');
    th(v.element, 'personId').click();
    assert.deepEqual(ids(v.element), ['E10', 'E2', 'E1']);
    assert.equal(th(v.element, 'personId').getAttribute('aria-sort'), 'descending');
    th(v.element, 'child').click();
    assert.deepEqual(ids(v.element), ['E2', 'E10', 'E1']);
    assert.equal(th(v.element, 'personId').getAttribute('aria-sort'), 'none');
    assert.equal(th(v.element, 'child').getAttribute('aria-sort'), 'ascending');
    // The arrow is CSS: a title's text stays the field's name.
    assert.equal(th(v.element, 'child').textContent, 'Child');
  });

  it('Enter and Space on a focused title sort too, and the title keeps focus', () => {
    const v = mount();
    v.update(tableDataView(ROLES, ROWS));
    const title = th(v.element, 'predictedStartDate');
    title.focus();
    title.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    assert.deepEqual(ids(v.element), ['E2', 'E10', 'E1']);
    th(v.element, 'predictedStartDate').dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    assert.deepEqual(ids(v.element), ['E1', 'E10', 'E2']);
    assert.equal(document.activeElement, th(v.element, 'predictedStartDate'));
  });

  it('the grid is one tab stop: arrow keys move between titles, ArrowDown enters the rows', () => {
    const v = mount();
    v.update(tableDataView(ROLES, ROWS));
    // Three bound columns and the derived Status column: the first title is the one tab stop.
    const stops = () => Array.from(v.element.querySelectorAll('th, td')).filter((cell) => (cell as HTMLElement).tabIndex === 0);
    assert.deepEqual(stops(), [th(v.element, 'personId')]);
    const first = th(v.element, 'personId');
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    assert.equal(document.activeElement, th(v.element, 'child'));
    assert.deepEqual(stops(), [th(v.element, 'child')]);
    th(v.element, 'child').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    const cell = document.activeElement as HTMLTableCellElement;
    assert.equal(cell.tagName, 'TD');
    assert.equal(cell.cellIndex, 1);
    assert.deepEqual(stops(), [cell]);
  });

  it('persists the sort with persistProperties and restores it from the DataView on reload', () => {
    const v = mount();
    v.update(tableDataView(ROLES, ROWS));
    th(v.element, 'child').click();
    th(v.element, 'child').click();
    const last = v.recorded.persisted.at(-1);
    assert.deepEqual(last?.merge?.[0].properties, { column: 'child', direction: 'descending', secondary: '' });
    assert.equal(last?.merge?.[0].objectName, 'sort');

    const reloaded = mount();
    reloaded.update(tableDataView(ROLES, ROWS, { objects: { sort: { column: 'child', direction: 'descending' } } }));
    assert.deepEqual(ids(reloaded.element), ['E10', 'E2', 'E1']);
    assert.equal(th(reloaded.element, 'child').getAttribute('aria-sort'), 'descending');
  });

  it('keeps the sort across data updates while bound and falls back to the default when removed', () => {
    const v = mount();
    v.update(tableDataView(ROLES, ROWS));
    th(v.element, 'child').click();
    v.update(tableDataView(ROLES, [...ROWS, ['E3', 'Aaron', '2022-02-01']]));
    assert.deepEqual(ids(v.element), ['E3', 'E2', 'E10', 'E1']);
    v.update(tableDataView(['personId', 'predictedStartDate'], ROWS.map((r) => [r[0], r[2]])));
    // Default: status order (all Not Yet Started as at today) then predicted date.
    assert.deepEqual(ids(v.element), ['E2', 'E10', 'E1']);
  });

  it('with allowInteractions false sorts locally but persists nothing', () => {
    const v = mount({ allowInteractions: false });
    v.update(tableDataView(ROLES, ROWS));
    th(v.element, 'personId').click();
    assert.deepEqual(ids(v.element), ['E1', 'E2', 'E10']);
    assert.equal(v.recorded.persisted.length, 0);
  });
});
