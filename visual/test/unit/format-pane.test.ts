// The format pane a report author expects from a table (issue 21): every new setting, in the
// DOM the visual writes (the browser suite checks what Chromium then renders).
import { strict as assert } from 'node:assert';
import powerbi from 'powerbi-visuals-api';
import { ALL_ROLES, exampleRows, mount, tableDataView } from './helpers';

const withObjects = (objects: powerbi.DataViewObjects) => tableDataView(ALL_ROLES, exampleRows(), { objects });
const table = (element: HTMLElement) => element.querySelector('table') as HTMLTableElement;
const cssVar = (element: HTMLElement, name: string) => table(element).style.getPropertyValue(name);
const fill = (color: string) => ({ solid: { color } });
const cellOf = (element: HTMLElement, row: number, col: number) => element.querySelectorAll('tbody tr')[row].querySelectorAll('td')[col] as HTMLElement;
const titleOf = (element: HTMLElement, role: string) => element.querySelector(`th[data-role="${role}"]`) as HTMLElement;

describe('format pane: text', () => {
  it('values: font, size, bold, italic, underline and text colour; the page takes the font and size', () => {
    const v = mount();
    v.update(withObjects({ table: { fontFamily: 'Georgia', fontSize: 12, bold: true, italic: true, underline: true, fontColor: fill('#203040') } }));
    const root = v.element.querySelector('.ppoc-root') as HTMLElement;
    assert.equal(root.style.fontFamily, 'Georgia');
    assert.equal(root.style.fontSize, '12pt');
    assert.deepEqual(
      ['--ppoc-vw', '--ppoc-vi', '--ppoc-vu', '--ppoc-vc'].map((name) => cssVar(v.element, name)),
      ['700', 'italic', 'underline', '#203040'],
    );
  });

  it('defaults: regular values, semibold titles, the table\'s own colours', () => {
    const v = mount();
    v.update(withObjects({}));
    assert.deepEqual(
      ['--ppoc-vw', '--ppoc-vi', '--ppoc-vu', '--ppoc-vc', '--ppoc-tw', '--ppoc-tb', '--ppoc-tc'].map((name) => cssVar(v.element, name)),
      ['400', 'normal', 'none', '#252423', '600', '#F3F2F1', '#252423'],
    );
    assert.equal(table(v.element).classList.contains('ppoc-title-nowrap'), false, 'titles wrap by default');
  });

  it('column headers: their own font, size, style, text and background colours, and wrap', () => {
    const v = mount();
    v.update(withObjects({
      columnHeaders: { fontFamily: 'Verdana', fontSize: 9, bold: false, italic: true, underline: true, fontColor: fill('#FFFFFF'), backColor: fill('#1F3864'), wordWrap: false },
    }));
    assert.deepEqual(
      ['--ppoc-tf', '--ppoc-ts', '--ppoc-tw', '--ppoc-ti', '--ppoc-tu', '--ppoc-tc', '--ppoc-tb'].map((name) => cssVar(v.element, name)),
      ['Verdana', '9pt', '400', 'italic', 'underline', '#FFFFFF', '#1F3864'],
    );
    assert.ok(table(v.element).classList.contains('ppoc-title-nowrap'));
  });

  it('values: "Wrap text" wraps the cells', () => {
    const v = mount();
    v.update(withObjects({ table: { wordWrap: true } }));
    assert.ok(table(v.element).classList.contains('ppoc-wrap'));
  });
});

describe('format pane: grid', () => {
  it('horizontal and vertical lines (on/off, colour, width), row padding, the outline under the titles', () => {
    const v = mount();
    v.update(withObjects({
      grid: { horizontalColor: fill('#AA0000'), horizontalWidth: 2, vertical: true, verticalColor: fill('#00AA00'), verticalWidth: 3, rowPadding: 8, outlineColor: fill('#0000AA'), outlineWidth: 4 },
    }));
    assert.deepEqual(
      ['--ppoc-gh-w', '--ppoc-gh-c', '--ppoc-gv-w', '--ppoc-gv-c', '--ppoc-pad', '--ppoc-ol-w', '--ppoc-ol-c'].map((name) => cssVar(v.element, name)),
      ['2px', '#AA0000', '3px', '#00AA00', '8px', '4px', '#0000AA'],
    );
    assert.equal(cssVar(v.element, '--ppoc-row'), `${18 + 2 * 8 + 2}px`, 'a row: its line, the padding above and below, the line under it');
    v.update(withObjects({ grid: { horizontal: false, outline: false } }));
    assert.deepEqual(['--ppoc-gh-w', '--ppoc-gv-w', '--ppoc-ol-w'].map((name) => cssVar(v.element, name)), ['0px', '0px', '0px']);
  });

  it('vertical lines (any width) and row padding never widen a column: a line takes its room from the padding beside it', () => {
    const v = mount();
    const widths = () => Array.from(v.element.querySelectorAll('col')).map((c) => (c as HTMLElement).style.width);
    v.update(withObjects({}));
    const plain = widths();
    const grids: powerbi.DataViewObject[] = [{ vertical: true, verticalWidth: 1 }, { vertical: true, verticalWidth: 5 }, { rowPadding: 16 }, { vertical: true, verticalWidth: 5, rowPadding: 16 }];
    for (const grid of grids) {
      v.update(withObjects({ grid }));
      assert.deepEqual(widths(), plain, `the same widths with ${JSON.stringify(grid)}`);
      const [left, right, line] = ['--ppoc-pad-l', '--ppoc-pad-r', '--ppoc-gv-w'].map((name) => parseFloat(cssVar(v.element, name)));
      assert.equal(left + right + line, 10, `${JSON.stringify(grid)}: the padding and the line fill the 10px between two texts`);
      assert.ok(Math.min(left, right) >= 2, `${JSON.stringify(grid)}: a text keeps 2px from the line (${left}, ${right})`);
    }
  });

  it('alternate row shading: every second row, by its place in the table', () => {
    const v = mount();
    v.update(withObjects({ grid: { alternateRows: true, alternateColor: fill('#EEF3FA') } }));
    assert.ok(table(v.element).classList.contains('ppoc-alternate'));
    assert.equal(cssVar(v.element, '--ppoc-alt'), '#EEF3FA');
    const shaded = Array.from(v.element.querySelectorAll('tbody tr')).map((tr) => tr.classList.contains('ppoc-alt'));
    assert.deepEqual(shaded, shaded.map((_, i) => i % 2 === 1));
  });
});

describe('format pane: specific column', () => {
  it('dates and IDs are right-aligned by default, text and status left; an author\'s alignment wins', () => {
    const v = mount();
    v.update(withObjects({}));
    const aligned = (role: string, index: number) => [titleOf(v.element, role).className.match(/ppoc-al-\w+/)?.[0] ?? '', cellOf(v.element, 0, index).className.match(/ppoc-al-\w+/)?.[0] ?? ''];
    assert.deepEqual(aligned('personId', 0), ['ppoc-al-right', 'ppoc-al-right']);
    assert.deepEqual(aligned('predictedStartDate', 8), ['ppoc-al-right', 'ppoc-al-right']);
    assert.deepEqual(aligned('child', 1), ['', '']);
    assert.deepEqual(aligned('status', 10), ['', '']);
    v.update(withObjects({ columnFormatting: { childAlignment: 'center', personIdAlignment: 'left' } }));
    assert.deepEqual(aligned('child', 1), ['ppoc-al-center', 'ppoc-al-center']);
    assert.deepEqual(aligned('personId', 0), ['', '']);
  });

  it('a column\'s background and text colour; text that would be unreadable on it turns black or white', () => {
    const v = mount();
    v.update(withObjects({ columnFormatting: { teamBackground: fill('#FFF4CE'), teamFontColor: fill('#5C4300'), localityBackground: fill('#1F3864'), localityFontColor: fill('#333333') } }));
    const team = cellOf(v.element, 0, 3);
    assert.deepEqual([team.style.backgroundColor, team.style.color], ['rgb(255, 244, 206)', 'rgb(92, 67, 0)']);
    const locality = cellOf(v.element, 0, 4);
    assert.deepEqual([locality.style.backgroundColor, locality.style.color], ['rgb(31, 56, 100)', 'rgb(255, 255, 255)'], 'dark grey on navy gives way to white');
    assert.equal(cellOf(v.element, 0, 1).style.backgroundColor, '', 'other columns keep the table\'s colours');
  });

  it('the format pane offers the columns shown only (a derived Status too), under their fields\' names', () => {
    const v = mount();
    v.update(tableDataView(['personId', 'child', 'predictedStartDate'], [['1', 'A', '2022-05-01']], { titles: { child: 'Child name' } }));
    const card = v.visual.getFormattingModel().cards.find((c) => (c as powerbi.visuals.FormattingCard).uid.startsWith('columnFormatting')) as powerbi.visuals.FormattingCard;
    const items = (card.groups[0] as powerbi.visuals.FormattingGroup).container?.containerItems.map((item) => item.displayName);
    assert.deepEqual(items, ['Person ID', 'Child name', 'Predicted Start Date', 'Status']);
  });
});

describe('format pane: legend', () => {
  const legend = (element: HTMLElement) => element.querySelector('.ppoc-legend-block') as HTMLElement;

  it('position: top (above the table) or bottom (below it); off hides it', () => {
    const v = mount();
    v.update(withObjects({}));
    const scroller = v.element.querySelector('.ppoc-scroll') as HTMLElement;
    const above = () => Boolean(legend(v.element).compareDocumentPosition(scroller) & Node.DOCUMENT_POSITION_FOLLOWING);
    assert.equal(above(), true);
    v.update(withObjects({ legend: { position: 'bottom' } }));
    assert.equal(above(), false);
    assert.equal(scroller.nextElementSibling, legend(v.element));
    v.update(withObjects({ legend: { show: false, position: 'bottom' } }));
    assert.equal(legend(v.element).hidden, true);
  });

  it('counts can be switched off; the total line ("9 plans", "1 plan") on', () => {
    const v = mount();
    v.update(withObjects({ legend: { showCounts: false } }));
    assert.equal(v.element.querySelectorAll('.ppoc-legend-count').length, 0);
    assert.equal((v.element.querySelector('.ppoc-legend-total') as HTMLElement).hidden, true, 'no total line by default');
    v.update(withObjects({ legend: { showTotal: true } }));
    assert.equal(v.element.querySelectorAll('.ppoc-legend-count').length, 5);
    assert.equal(v.element.querySelector('.ppoc-legend-total')?.textContent, '9 plans');
    v.update(tableDataView(ALL_ROLES, exampleRows().slice(0, 1), { objects: { legend: { showTotal: true, show: false } } }));
    assert.equal(v.element.querySelector('.ppoc-legend-total')?.textContent, '1 plan');
    assert.equal(legend(v.element).hidden, false, 'the total line shows without the legend');
    assert.equal((v.element.querySelector('.ppoc-legend') as HTMLElement).hidden, true);
  });

  it('with no rows after filtering the total reads "0 plans"', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, [], { objects: { legend: { showTotal: true } } }));
    assert.equal(v.element.querySelector('.ppoc-legend-total')?.textContent, '0 plans');
  });
});

describe('format pane: column widths', () => {
  const widths = (element: HTMLElement) => Array.from(element.querySelectorAll('col')).map((c) => (c as HTMLElement).style.width);
  const shortRows = () => exampleRows().map((row) => row.map((cell, i) => (i === 3 || i === 6 ? 'X' : cell)));

  it('auto-size on (default): widths follow the content as the data changes', () => {
    const v = mount();
    v.update(withObjects({}), 62, 600, 3000);
    const before = widths(v.element);
    v.update(tableDataView(ALL_ROLES, shortRows()), 2, 600, 3000);
    assert.notDeepEqual(widths(v.element), before);
  });

  it('auto-size off: the widths stay as they were when the data changes and when the tile is resized', () => {
    const v = mount();
    const objects = { columnHeaders: { autoSizeWidths: false } };
    v.update(withObjects(objects), 62, 600, 3000);
    const before = widths(v.element);
    v.update(tableDataView(ALL_ROLES, shortRows(), { objects }), 2, 600, 3000);
    assert.deepEqual(widths(v.element), before);
    v.update(tableDataView(ALL_ROLES, shortRows(), { objects }), 4, 600, 2000);
    assert.deepEqual(widths(v.element), before);
  });
});

describe('format pane: high contrast, landing page', () => {
  it('high contrast: the author\'s colours and shading give way to the host\'s colours', () => {
    const v = mount({ highContrast: true });
    v.update(withObjects({
      columnHeaders: { backColor: fill('#1F3864'), fontColor: fill('#FFFFFF') },
      table: { fontColor: fill('#203040') },
      grid: { alternateRows: true, horizontalColor: fill('#AA0000'), vertical: true },
      columnFormatting: { teamBackground: fill('#FFF4CE') },
    }));
    assert.deepEqual(
      ['--ppoc-tb', '--ppoc-tc', '--ppoc-vc', '--ppoc-gh-c', '--ppoc-gv-c'].map((name) => cssVar(v.element, name)),
      ['#000000', '#FFFF00', '#FFFF00', '#FFFF00', '#FFFF00'],
    );
    assert.equal(table(v.element).classList.contains('ppoc-alternate'), false);
    assert.equal(cellOf(v.element, 0, 3).style.backgroundColor, '');
  });

  it('the landing page shows whatever the format settings', () => {
    const v = mount();
    v.update(tableDataView(['asAtDate'], [['2022-05-31']], { objects: { table: { fontFamily: 'Georgia', bold: true }, legend: { showTotal: true, position: 'bottom' }, grid: { alternateRows: true } } }));
    assert.equal((v.element.querySelector('.ppoc-landing') as HTMLElement).hidden, false);
    assert.deepEqual(v.recorded.events, ['started', 'finished']);
  });
});
