import { strict as assert } from 'node:assert';
import type { IsoDate } from '../../../core/src/index';
import { convert } from '../../src/converter/convert';
import { cellValue } from '../../src/converter/values';
import { dateKeys, naturalKey, statusKeys } from '../../src/sorting/sort-keys';
import { nextSort, orderByLevels, RowSorter, type SortSpec } from '../../src/sorting/sorter';
import type { ColumnRole, RoleName } from '../../src/roles';
import { tableDataView } from './helpers';

const options = { windowMonths: 3, today: '2022-05-31' as IsoDate };

function sortedIds(roles: RoleName[], rows: unknown[][], spec: SortSpec): string[] {
  const model = convert(tableDataView(roles, rows), options);
  return new RowSorter(model.rows, model.columns).sort(spec).map((row) => cellValue(row, model.columns[0]) ?? '');
}

describe('sorter', () => {
  const ids = [['E10'], ['e2'], [null], ['E1'], ['10'], ['9'], ['E2']];

  it('sorts IDs naturally and case-insensitively, blanks last, stable on ties', () => {
    assert.deepEqual(sortedIds(['personId'], ids, [{ role: 'personId', direction: 'ascending' }]), ['9', '10', 'E1', 'e2', 'E2', 'E10', '']);
  });

  it('puts blanks last when descending too', () => {
    assert.deepEqual(sortedIds(['personId'], ids, [{ role: 'personId', direction: 'descending' }]), ['E10', 'e2', 'E2', 'E1', '10', '9', '']);
  });

  it('sorts dates as dates (not as the DD/MM/YYYY text)', () => {
    const rows = [['A', '2022-12-01'], ['B', '2021-01-31'], ['C', null], ['D', '2022-02-01']];
    assert.deepEqual(sortedIds(['personId', 'predictedStartDate'], rows, [{ role: 'predictedStartDate', direction: 'ascending' }]), ['B', 'D', 'A', 'C']);
    assert.deepEqual(sortedIds(['personId', 'predictedStartDate'], rows, [{ role: 'predictedStartDate', direction: 'descending' }]), ['A', 'D', 'B', 'C']);
  });

  it('sorts Status by the rules order, not alphabetically', () => {
    const rows = [['A', 'Started on Time'], ['B', 'Planned - Later'], ['C', 'Not Yet Started'], ['D', 'Started Late'], ['E', 'Upcoming - Planned Start in Next 3 Months'], ['F', null]];
    assert.deepEqual(sortedIds(['personId', 'status'], rows, [{ role: 'status', direction: 'ascending' }]), ['C', 'E', 'D', 'A', 'B', 'F']);
  });

  it('sorts text ignoring case and accents', () => {
    const rows = [['A', 'émile'], ['B', 'Zoe'], ['C', 'adam'], ['D', 'Eve']];
    assert.deepEqual(sortedIds(['personId', 'child'], rows, [{ role: 'child', direction: 'ascending' }]), ['C', 'A', 'D', 'B']);
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
    assert.deepEqual(sortedIds(roles, rows, []), ['B', 'C', 'A', 'D', 'E']);
    assert.deepEqual(sortedIds(roles, rows, [{ role: 'child', direction: 'ascending' }]), ['B', 'C', 'A', 'D', 'E']);
  });

  it('the default order in one key is the same as status order, then predicted date, level by level', () => {
    // Statuses bound and derived, blanks of both, dates far apart (before 1970, after 2100), ties.
    const statuses = ['Started on Time', 'Planned - Later', 'Not Yet Started', 'Started Late', null, 'Upcoming - Planned Start in Next 3 Months'];
    const dates = ['2022-05-01', null, '1962-03-04', '2022-05-01', '2131-12-31', '2022-08-11', '2021-02-28'];
    const rows = Array.from({ length: 300 }, (_, i) => [`P${i}`, (i * 7) % 5 === 0 ? null : statuses[(i * 5) % 6], dates[(i * 3) % 7], i % 4 === 0 ? '2022-05-10' : null]);
    const model = convert(tableDataView(['personId', 'status', 'predictedStartDate', 'actualStartDate'], rows), options);
    const twoLevels = orderByLevels([
      { keys: statusKeys(model.rows), sign: 1 },
      { keys: dateKeys(model.rows, (row) => row.predicted), sign: 1 },
    ]);
    const oneKey = new RowSorter(model.rows, model.columns).sort([]);
    assert.deepEqual(oneKey.map((row) => row.index), Array.from(twoLevels, (at) => model.rows[at].index));
  });

  it('alternates ascending and descending on the same column, and restarts ascending on another', () => {
    const first = nextSort([], 'child');
    assert.deepEqual(first, [{ role: 'child', direction: 'ascending' }]);
    const second = nextSort(first, 'child');
    assert.deepEqual(second, [{ role: 'child', direction: 'descending' }]);
    assert.deepEqual(nextSort(second, 'child'), first);
    assert.deepEqual(nextSort(second, 'team'), [{ role: 'team', direction: 'ascending' }]);
  });

  it('Shift adds a further level, flips a level already there, and a plain click goes back to one level', () => {
    const two = nextSort(nextSort([], 'team'), 'child', true);
    assert.deepEqual(two, [{ role: 'team', direction: 'ascending' }, { role: 'child', direction: 'ascending' }]);
    assert.deepEqual(nextSort(two, 'child', true), [{ role: 'team', direction: 'ascending' }, { role: 'child', direction: 'descending' }]);
    assert.deepEqual(nextSort(two, 'child'), [{ role: 'child', direction: 'ascending' }]);
    const many = ['team', 'child', 'locality', 'provider', 'socialWorker'].reduce<SortSpec>((spec, role) => nextSort(spec, role as ColumnRole, true), []);
    assert.equal(many.length, 4);
    assert.equal(many[3].role, 'socialWorker');
  });

  it('sorts by a secondary column within the first, each in its own direction, blanks last in each', () => {
    const rows = [['A', 'T2', 'b'], ['B', 'T1', 'b'], ['C', 'T2', 'a'], ['D', null, 'c'], ['E', 'T1', null], ['F', 'T1', 'c']];
    const roles: RoleName[] = ['personId', 'team', 'child'];
    assert.deepEqual(sortedIds(roles, rows, [{ role: 'team', direction: 'ascending' }, { role: 'child', direction: 'descending' }]), ['F', 'B', 'E', 'A', 'C', 'D']);
    assert.deepEqual(sortedIds(roles, rows, [{ role: 'team', direction: 'descending' }, { role: 'child', direction: 'ascending' }]), ['C', 'A', 'B', 'F', 'E', 'D']);
  });

  it('orders by levels without losing order or stability, folded or pass by pass', () => {
    const keys = (values: number[]) => ({ values: new Float64Array(values), max: Math.max(0, ...values.filter((v) => !Number.isNaN(v))) });
    assert.deepEqual([...orderByLevels([{ keys: keys([3, NaN, 1, 3, 0]), sign: 1 }])], [4, 2, 0, 3, 1]);
    assert.deepEqual([...orderByLevels([{ keys: keys([3, NaN, 1, 3, 0]), sign: -1 }])], [0, 3, 2, 4, 1]);
    assert.deepEqual([...orderByLevels([{ keys: keys([2, 1, 2, 1]), sign: 1 }, { keys: keys([5, NaN, 4, 3]), sign: 1 }])], [3, 1, 2, 0]);
    // Key ranges too large to fold into one number: sorted pass by pass, same result.
    const wide = (values: number[]) => ({ values: new Float64Array(values), max: 2 ** 20 });
    const levels = [{ keys: wide([2, 1, 2, 1]), sign: 1 as const }, { keys: wide([5, NaN, 4, 3]), sign: 1 as const }, { keys: wide([0, 0, 0, 0]), sign: -1 as const }];
    assert.deepEqual([...orderByLevels(levels)], [3, 1, 2, 0]);
    assert.throws(() => orderByLevels([{ keys: { values: new Float64Array(1), max: 2 ** 40 }, sign: 1 }]), RangeError);
  });

  it('keeps the keys of unchanged rows across a new conversion, never the status keys', () => {
    const dv = tableDataView(['personId', 'child'], [['E2', 'b'], ['E10', 'a']]);
    const first = convert(dv, options);
    const sorter = new RowSorter(first.rows, first.columns);
    sorter.sort([{ role: 'child', direction: 'ascending' }]);
    const again = convert(dv, { ...options, windowMonths: 6 });
    const next = new RowSorter(again.rows, again.columns, sorter);
    assert.equal(next.warmNext(), false, 'only the Person ID keys were left to build: the Child keys came along');
    const other = convert(tableDataView(['personId', 'child'], [['E2', 'b'], ['E10', 'a']]), options);
    const fresh = new RowSorter(other.rows, other.columns, sorter);
    assert.equal(fresh.warmNext(), true, 'new DataView rows: nothing is taken over');
    assert.equal(fresh.warmNext(), false);
  });

  it('warms the keys of one column per call, and sorts the same afterwards', () => {
    const model = convert(tableDataView(['personId', 'child'], [['E2', 'b'], ['E10', 'a']]), options);
    const sorter = new RowSorter(model.rows, model.columns);
    assert.equal(sorter.warmNext(), true);
    assert.equal(sorter.warmNext(), false);
    assert.equal(sorter.warmNext(), false);
    assert.deepEqual(sorter.sort([{ role: 'child', direction: 'ascending' }]).map((r) => cellValue(r, model.columns[0])), ['E10', 'E2']);
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
