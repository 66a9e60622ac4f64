import { strict as assert } from 'node:assert';
import type { IsoDate } from '../../../core/src/index';
import { convert } from '../../src/converter/convert';
import { cellValue } from '../../src/converter/values';
import { naturalKey } from '../../src/sorting/sort-keys';
import { nextSort, orderByKeys, RowSorter, type SortSpec } from '../../src/sorting/sorter';
import type { RoleName } from '../../src/roles';
import { tableDataView } from './helpers';

const options = { windowMonths: 3, today: '2022-05-31' as IsoDate };

function sortedIds(roles: RoleName[], rows: unknown[][], spec: SortSpec | null): string[] {
  const model = convert(tableDataView(roles, rows), options);
  return new RowSorter(model.rows, model.columns).sort(spec).map((row) => cellValue(row, model.columns[0]) ?? '');
}

describe('sorter', () => {
  const ids = [['E10'], ['e2'], [null], ['E1'], ['10'], ['9'], ['E2']];

  it('sorts IDs naturally and case-insensitively, blanks last, stable on ties', () => {
    assert.deepEqual(sortedIds(['personId'], ids, { role: 'personId', direction: 'ascending' }), ['9', '10', 'E1', 'e2', 'E2', 'E10', '']);
  });

  it('puts blanks last when descending too', () => {
    assert.deepEqual(sortedIds(['personId'], ids, { role: 'personId', direction: 'descending' }), ['E10', 'e2', 'E2', 'E1', '10', '9', '']);
  });

  it('sorts dates as dates (not as the DD/MM/YYYY text)', () => {
    const rows = [['A', '2022-12-01'], ['B', '2021-01-31'], ['C', null], ['D', '2022-02-01']];
    assert.deepEqual(sortedIds(['personId', 'predictedStartDate'], rows, { role: 'predictedStartDate', direction: 'ascending' }), ['B', 'D', 'A', 'C']);
    assert.deepEqual(sortedIds(['personId', 'predictedStartDate'], rows, { role: 'predictedStartDate', direction: 'descending' }), ['A', 'D', 'B', 'C']);
  });

  it('sorts Status by the rules order, not alphabetically', () => {
    const rows = [['A', 'Started on Time'], ['B', 'Planned - Later'], ['C', 'Not Yet Started'], ['D', 'Started Late'], ['E', 'Upcoming - Planned Start in Next 3 Months'], ['F', null]];
    assert.deepEqual(sortedIds(['personId', 'status'], rows, { role: 'status', direction: 'ascending' }), ['C', 'E', 'D', 'A', 'B', 'F']);
  });

  it('sorts text ignoring case and accents', () => {
    const rows = [['A', 'émile'], ['B', 'Zoe'], ['C', 'adam'], ['D', 'Eve']];
    assert.deepEqual(sortedIds(['personId', 'child'], rows, { role: 'child', direction: 'ascending' }), ['C', 'A', 'D', 'B']);
  });

  it('defaults to status order then predicted date, and falls back to it when the sorted column is unbound', () => {
    const rows = [
      ['A', '2022-07-01', null],
      ['B', '2022-05-01', null],
      ['C', '2022-06-15', null],
      ['D', '2022-04-01', '2022-04-01'],
      ['E', null, null],
    ];
    const roles: RoleName[] = ['personId', 'predictedStartDate', 'actualStartDate'];
    assert.deepEqual(sortedIds(roles, rows, null), ['B', 'C', 'A', 'D', 'E']);
    assert.deepEqual(sortedIds(roles, rows, { role: 'child', direction: 'ascending' }), ['B', 'C', 'A', 'D', 'E']);
  });

  it('alternates ascending and descending on the same column, and restarts ascending on another', () => {
    const first = nextSort(null, 'child');
    assert.deepEqual(first, { role: 'child', direction: 'ascending' });
    const second = nextSort(first, 'child');
    assert.equal(second.direction, 'descending');
    assert.equal(nextSort(second, 'child').direction, 'ascending');
    assert.deepEqual(nextSort(second, 'team'), { role: 'team', direction: 'ascending' });
  });

  it('packs keys without losing order or stability', () => {
    const keys = (values: number[]) => ({ values: new Float64Array(values), max: Math.max(0, ...values.filter((v) => !Number.isNaN(v))) });
    assert.deepEqual([...orderByKeys(keys([3, NaN, 1, 3, 0]), 1, null)], [4, 2, 0, 3, 1]);
    assert.deepEqual([...orderByKeys(keys([3, NaN, 1, 3, 0]), -1, null)], [0, 3, 2, 4, 1]);
    assert.deepEqual([...orderByKeys(keys([2, 1, 2, 1]), 1, keys([5, NaN, 4, 3]))], [3, 1, 2, 0]);
    assert.throws(() => orderByKeys({ values: new Float64Array(1), max: 2 ** 40 }, 1, { values: new Float64Array(1), max: 2 ** 20 }), RangeError);
  });

  it('warms the keys of one column per call, and sorts the same afterwards', () => {
    const model = convert(tableDataView(['personId', 'child'], [['E2', 'b'], ['E10', 'a']]), options);
    const sorter = new RowSorter(model.rows, model.columns);
    assert.equal(sorter.warmNext(), true);
    assert.equal(sorter.warmNext(), false);
    assert.equal(sorter.warmNext(), false);
    assert.deepEqual(sorter.sort({ role: 'child', direction: 'ascending' }).map((r) => cellValue(r, model.columns[0])), ['E10', 'E2']);
  });

  it('natural keys order like Intl.Collator (numeric, base sensitivity) on report-like text', () => {
    const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
    const alphabet = 'aAbBzZ0123456789 -';
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const sample = () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const values = Array.from({ length: 400 }, sample).map((v) => v.trim()).filter((v) => v !== '');
    for (let i = 1; i < values.length; i++) {
      const [a, b] = [values[i - 1], values[i]];
      const ours = Math.sign(naturalKey(a) < naturalKey(b) ? -1 : naturalKey(a) > naturalKey(b) ? 1 : 0);
      assert.equal(ours, Math.sign(collator.compare(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
  });

  it('natural keys put E2 before E10 and ignore leading zeros', () => {
    assert.ok(naturalKey('E2') < naturalKey('E10'));
    assert.equal(naturalKey('E007'), naturalKey('e7'));
    assert.ok(naturalKey('Team 9') < naturalKey('team 10'));
    assert.equal(naturalKey('a000'), naturalKey('A0'));
    assert.ok(naturalKey('12345678901') > naturalKey('9'));
  });
});
