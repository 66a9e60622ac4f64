import { strict as assert } from 'node:assert';
import powerbi from 'powerbi-visuals-api';
import { Visual } from '../../src/visual';
import { ALL_ROLES, exampleRows, mount, tableDataView } from './helpers';

const conversions = (v: ReturnType<typeof mount>) => (v.visual as unknown as { app: { conversions: number } }).app.conversions;

describe('rendering lifecycle', () => {
  it('fires exactly one started and one finished per update: normal, empty, no rows, one row', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    v.update(undefined);
    v.update(tableDataView(['personId'], []));
    v.update(tableDataView(['personId'], [['A']]));
    assert.deepEqual(v.recorded.events, ['started', 'finished', 'started', 'finished', 'started', 'finished', 'started', 'finished']);
  });

  it('fires renderingFailed with the reason (and never finished) when rendering throws', () => {
    const v = mount();
    const broken = { metadata: { columns: [] } } as unknown as powerbi.DataView;
    Object.defineProperty(broken, 'table', { get: () => { throw new TypeError('table unavailable'); } });
    v.update(broken);
    assert.deepEqual(v.recorded.events, ['started', 'failed:TypeError: table unavailable']);
    v.update(tableDataView(['personId'], [['A']]));
    assert.deepEqual(v.recorded.events.slice(2), ['started', 'finished']);
  });

  it('an update the host makes from inside fetchMoreData gets its own pair, not a nested one', () => {
    const v = mount();
    let calls = 0;
    v.recorded.host.fetchMoreData = () => {
      calls += 1;
      if (calls === 1) v.update(tableDataView(['personId'], [['A'], ['B']]));
      return true;
    };
    v.update(tableDataView(['personId'], [['A']], { segment: true }));
    assert.deepEqual(v.recorded.events, ['started', 'finished', 'started', 'finished']);
    assert.equal(v.element.querySelectorAll('tbody tr').length, 2);
  });

  it('a resize re-lays out without converting again', () => {
    const v = mount();
    const dv = tableDataView(ALL_ROLES, exampleRows());
    v.update(dv, 62);
    const before = conversions(v);
    v.update(dv, 4, 300);
    v.update(dv, 32, 200);
    assert.equal(conversions(v), before);
    assert.deepEqual(v.recorded.events.length, 6);
    v.update(dv, 2);
    assert.equal(conversions(v), before + 1);
  });

  it('logs no console error for odd inputs', () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const v = mount();
      const odd: (powerbi.DataView | undefined)[] = [
        undefined,
        {} as powerbi.DataView,
        { metadata: { columns: [] }, table: { columns: [], rows: [] } } as unknown as powerbi.DataView,
        { metadata: { columns: [] }, table: { columns: [null, { roles: null }], rows: null } } as unknown as powerbi.DataView,
        tableDataView(ALL_ROLES, [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]),
        tableDataView(ALL_ROLES, [[null, null, null, null, null, null, null, null, null, null, null, null]]),
        tableDataView(ALL_ROLES, [[]]),
      ];
      for (const dv of odd) v.update(dv);
      v.visual.update(undefined as unknown as powerbi.extensibility.visual.VisualUpdateOptions);
      assert.equal(v.recorded.events.filter((e) => e === 'started').length, odd.length + 1);
      assert.equal(v.recorded.events.filter((e) => e === 'finished').length, odd.length + 1);
    } finally {
      console.error = original;
    }
    assert.deepEqual(errors, []);
  });

  it('works with a host that has none of the optional services', () => {
    const element = document.createElement('div');
    const host = {} as powerbi.extensibility.visual.IVisualHost;
    const visual = new Visual({ element, host } as powerbi.extensibility.visual.VisualConstructorOptions);
    visual.update({ dataViews: [tableDataView(ALL_ROLES, exampleRows(), { segment: true })], viewport: { width: 500, height: 400 }, type: 2 } as unknown as powerbi.extensibility.visual.VisualUpdateOptions);
    const row = element.querySelector('tbody tr.ppoc-row') as HTMLElement;
    row.click();
    row.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    row.dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    (element.querySelector('th') as HTMLElement).click();
    assert.equal(element.querySelectorAll('tbody tr').length, 9);
    assert.ok(visual.getFormattingModel().cards.length > 0);
  });
});
