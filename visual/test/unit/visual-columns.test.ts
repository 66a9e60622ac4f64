import { strict as assert } from 'node:assert';
import type { IsoDate } from '../../../core/src/index';
import { convert } from '../../src/converter/convert';
import { tooltipItems } from '../../src/interaction/tooltips';
import { localeFormat } from '../../src/locale';
import type { RoleName } from '../../src/roles';
import { readPersistedWidths } from '../../src/settings/persisted-widths';
import { readPersistedSort } from '../../src/sorting/persisted-sort';
import { createStrings } from '../../src/strings';
import { statusLabels } from '../../src/wording/status-labels';
import { bodyTexts, mount, tableDataView } from './helpers';

const ROLES: RoleName[] = ['personId', 'team', 'child'];
const ROWS = [['A', 'T2', 'b'], ['B', 'T1', 'b'], ['C', 'T2', 'a'], ['D', 'T1', 'c']];

const th = (element: HTMLElement, role: RoleName) => element.querySelector(`th[data-role="${role}"]`) as HTMLTableCellElement;
const col = (element: HTMLElement, index: number) => element.querySelectorAll('col')[index] as HTMLElement;
const pointer = (type: string, x: number) => new PointerEvent(type, { bubbles: true, clientX: x, button: 0, pointerId: 1 });

describe('visual: columns', () => {
  it('Shift+click adds a second sort level; the persisted sort keeps it', () => {
    const v = mount();
    v.update(tableDataView(ROLES, ROWS));
    th(v.element, 'team').click();
    th(v.element, 'child').dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    assert.deepEqual(bodyTexts(v.element).map((r) => r[0]), ['B', 'D', 'C', 'A']);
    assert.equal(th(v.element, 'team').getAttribute('aria-sort'), 'ascending');
    assert.equal(th(v.element, 'child').getAttribute('aria-sort'), 'none');
    assert.equal(th(v.element, 'child').dataset.sort, 'ascending');
    assert.equal((th(v.element, 'child').querySelector('.ppoc-th-title') as HTMLElement).dataset.level, '2');
    const saved = v.recorded.persisted.at(-1)?.merge?.[0].properties;
    assert.deepEqual(saved, { column: 'team', direction: 'ascending', secondary: 'child:ascending' });
    const objects = { sort: saved as Record<string, string> };
    assert.deepEqual(readPersistedSort(tableDataView(ROLES, ROWS, { objects })), [
      { role: 'team', direction: 'ascending' },
      { role: 'child', direction: 'ascending' },
    ]);
  });

  it('sorts whole-number IDs by value', () => {
    const model = convert(tableDataView(['personId'], [['100'], ['20'], ['007'], ['7'], ['3']]), { windowMonths: 3, today: '2022-05-31' as IsoDate });
    const v = mount();
    v.update(tableDataView(['personId'], model.rows.map((r) => [r.raw[0]])));
    th(v.element, 'personId').click();
    assert.deepEqual(bodyTexts(v.element).map((r) => r[0]), ['3', '007', '7', '20', '100']);
  });

  it('widths come back from the report; a drag on a border previews, then persists on release', () => {
    const v = mount();
    v.update(tableDataView(ROLES, ROWS, { objects: { columnWidths: { team: 240, child: -5, bogus: 3 } as never } }));
    assert.deepEqual(readPersistedWidths(tableDataView(ROLES, ROWS, { objects: { columnWidths: { team: 240, child: -5 } as never } })), { team: 240 });
    assert.equal(col(v.element, 1).style.width, '240px');
    const handle = th(v.element, 'child').querySelector('.ppoc-resize') as HTMLElement;
    const start = parseFloat(col(v.element, 2).style.width);
    handle.dispatchEvent(pointer('pointerdown', 100));
    handle.dispatchEvent(pointer('pointermove', 150));
    assert.equal(col(v.element, 2).style.width, `${start + 50}px`, 'previewed while dragging');
    assert.equal(v.recorded.persisted.length, 0);
    handle.dispatchEvent(pointer('pointerup', 160));
    handle.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    assert.equal(th(v.element, 'child').getAttribute('aria-sort'), 'none', 'the click ending a drag does not sort');
    assert.deepEqual(v.recorded.persisted.at(-1)?.merge?.[0], { objectName: 'columnWidths', selector: null, properties: { child: start + 60 } });
    handle.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    const fitted = v.recorded.persisted.at(-1)?.merge?.[0].properties as { child: number };
    assert.ok(fitted.child > 0 && fitted.child < start + 60, `fitted to the content: ${fitted.child}`);
  });

  it('Alt+ArrowRight/Left on a focused title widens and narrows its column, saved like a drag', () => {
    const v = mount();
    v.update(tableDataView(ROLES, ROWS));
    const start = parseFloat(col(v.element, 1).style.width);
    th(v.element, 'team').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', altKey: true, bubbles: true }));
    assert.equal(col(v.element, 1).style.width, `${start + 16}px`);
    th(v.element, 'team').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', altKey: true, bubbles: true }));
    assert.equal(col(v.element, 1).style.width, `${start}px`);
    assert.deepEqual(v.recorded.persisted.map((p) => p.merge?.[0].properties), [{ team: start + 16 }, { team: start }]);
  });

  it('with allowInteractions false a drag resizes locally but persists nothing', () => {
    const v = mount({ allowInteractions: false });
    v.update(tableDataView(ROLES, ROWS));
    const handle = th(v.element, 'team').querySelector('.ppoc-resize') as HTMLElement;
    handle.dispatchEvent(pointer('pointerdown', 100));
    handle.dispatchEvent(pointer('pointermove', 190));
    handle.dispatchEvent(pointer('pointerup', 190));
    assert.equal(v.recorded.persisted.length, 0);
    const width = col(v.element, 1).style.width;
    v.update(tableDataView(ROLES, ROWS.slice(1)));
    assert.equal(col(v.element, 1).style.width, width, 'the local width survives a data update');
  });

  it('IDs, dates and statuses never wrap; a status cell carries its shape glyph', () => {
    const v = mount();
    v.update(tableDataView(['child', 'personId', 'predictedStartDate', 'team'], [['Ann', 'A', '2022-05-01', 'T']]));
    const cells = Array.from(v.element.querySelectorAll('tbody td')).map((td) => td.className);
    assert.deepEqual(cells.map((c) => c.includes('ppoc-nowrap')), [false, true, true, false, true]);
    const glyph = v.element.querySelector('tbody td.ppoc-status .ppoc-glyph') as HTMLElement;
    assert.equal(glyph.dataset.status, 'notYetStarted');
    assert.equal(glyph.getAttribute('aria-hidden'), 'true');
  });
});

describe('tooltip fields', () => {
  it('shows the Tooltips fields formatted (numbers, dates), and days late once', () => {
    const roles: RoleName[] = ['personId', 'predictedStartDate', 'tooltips', 'tooltips', 'tooltips'];
    const dv = tableDataView(roles, [['A', '2022-04-01', 60, new Date(2022, 2, 1), 1234.5]], { titles: {} });
    const columns = dv.table!.columns;
    columns[2].displayName = 'days_late';
    columns[2].type = { numeric: true } as never;
    columns[3].displayName = 'first_predicted_start_date';
    columns[4].displayName = 'prediction_revisions';
    columns[4].type = { numeric: true } as never;
    const model = convert(dv, { windowMonths: 3, today: '2022-05-31' as IsoDate });
    const format = localeFormat('en-GB');
    const names = statusLabels('full', 3, createStrings(undefined), format);
    const items = tooltipItems(model.rows[0], model, format, createStrings(undefined), names);
    assert.deepEqual(items.slice(3), [
      { displayName: 'days_late', value: '60' },
      { displayName: 'first_predicted_start_date', value: '01/03/2022' },
      { displayName: 'prediction_revisions', value: '1,234.5' },
    ]);
    assert.equal(model.columns.length, 3, 'tooltip fields are not columns (Person ID, date, derived Status)');
    columns[2].displayName = 'Late by';
    const again = convert(dv, { windowMonths: 3, today: '2022-05-31' as IsoDate });
    assert.equal(tooltipItems(again.rows[0], again, format, createStrings(undefined), names).at(-1)?.displayName, 'Days late');
  });
});
