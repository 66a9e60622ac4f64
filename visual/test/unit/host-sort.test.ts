// Power BI's own sorting (capabilities `sorting: { custom: {} }`): a click asks the host to sort
// the whole dataset (applyCustomSort); the host's "Sort by" menu re-orders the rows, and the
// saved sort follows it.
import { strict as assert } from 'node:assert';
import { bodyTexts, mount, tableDataView } from './helpers';
import type { RoleName } from '../../src/roles';

const ROLES: RoleName[] = ['personId', 'child', 'predictedStartDate'];
const ROWS = [['E10', 'bea', '2022-01-05'], ['E2', 'Adam', '2021-12-31'], ['E1', 'Cy', '2022-03-01']];
const ids = (element: HTMLElement) => bodyTexts(element).map((r) => r[0]);
const th = (element: HTMLElement, role: RoleName) => element.querySelector(`th[data-role="${role}"]`) as HTMLTableCellElement;

describe('host sorting (Sort by, applyCustomSort)', () => {
  it('a click sorts here at once and asks the host to sort the whole dataset by the same levels', () => {
    const v = mount();
    v.update(tableDataView(ROLES, ROWS));
    th(v.element, 'child').click();
    th(v.element, 'predictedStartDate').dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    assert.deepEqual(ids(v.element), ['E2', 'E10', 'E1']);
    assert.deepEqual(v.recorded.customSorts.at(-1), {
      sortDescriptors: [
        { queryName: 'vw_planned_assessment.child', sortDirection: 1 },
        { queryName: 'vw_planned_assessment.predictedStartDate', sortDirection: 1 },
      ],
    });
  });

  it('the host\'s "Sort by" re-orders the rows and the saved sort follows it', () => {
    const v = mount();
    v.update(tableDataView(ROLES, ROWS));
    v.update(tableDataView(ROLES, ROWS, { hostSort: [['child', 2]] }));
    assert.deepEqual(ids(v.element), ['E1', 'E10', 'E2']);
    assert.equal(th(v.element, 'child').getAttribute('aria-sort'), 'descending');
    assert.deepEqual(v.recorded.persisted.at(-1)?.merge?.[0].properties, { column: 'child', direction: 'descending', secondary: '' });
    assert.equal(v.recorded.customSorts.length, 0, 'the host\'s own sort is not sent back to it');
  });

  it('several host levels in their sort order', () => {
    const v = mount();
    const rows = [...ROWS, ['E3', 'Adam', '2022-02-01']];
    v.update(tableDataView(ROLES, rows, { hostSort: [['child', 1], ['predictedStartDate', 2]] }));
    assert.deepEqual(ids(v.element), ['E3', 'E2', 'E10', 'E1']);
  });

  it('the host echoing the visual\'s own sort changes nothing; a derived Status level stays', () => {
    const v = mount();
    const roles: RoleName[] = ['personId', 'child', 'predictedStartDate'];
    v.update(tableDataView(roles, ROWS));
    th(v.element, 'status').click();
    th(v.element, 'child').dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    assert.deepEqual(v.recorded.customSorts.at(-1)?.sortDescriptors, [{ queryName: 'vw_planned_assessment.child', sortDirection: 1 }], 'Status is derived: no field for the host');
    const persisted = v.recorded.persisted.length;
    v.update(tableDataView(roles, ROWS, { hostSort: [['child', 1]], objects: { sort: { column: 'status', direction: 'ascending', secondary: 'child:ascending' } } }));
    assert.equal(th(v.element, 'status').getAttribute('aria-sort'), 'ascending');
    assert.equal(v.recorded.persisted.length, persisted, 'nothing new to save');
  });

  it('with allowInteractions false a click sorts locally only: the host is not asked', () => {
    const v = mount({ allowInteractions: false });
    v.update(tableDataView(ROLES, ROWS));
    th(v.element, 'child').click();
    assert.deepEqual(ids(v.element), ['E2', 'E10', 'E1']);
    assert.equal(v.recorded.customSorts.length, 0);
  });

  it('a host without applyCustomSort (an older host) sorts locally as before', () => {
    const v = mount();
    (v.recorded.host as unknown as { applyCustomSort?: unknown }).applyCustomSort = undefined;
    v.update(tableDataView(ROLES, ROWS));
    th(v.element, 'child').click();
    assert.deepEqual(ids(v.element), ['E2', 'E10', 'E1']);
  });
});
