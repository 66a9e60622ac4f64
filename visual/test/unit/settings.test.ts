import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { ALL_ROLES, bodyTexts, exampleRows, FULL_LABELS, mount, sentenceText, settingsFrom, tableDataView } from './helpers';
import powerbi from 'powerbi-visuals-api';

const withObjects = (objects: powerbi.DataViewObjects) => tableDataView(ALL_ROLES, exampleRows(), { objects });
const hidden = (element: HTMLElement, selector: string) => (element.querySelector(selector) as HTMLElement).hidden;

describe('format settings', () => {
  it('the window length changes the sentence and the Upcoming text; one month is singular', () => {
    const v = mount();
    v.update(withObjects({ window: { months: 6 }, ...FULL_LABELS }));
    assert.match(sentenceText(v.element), /^In the LAST 6 months .*In the NEXT 6 months/);
    const statuses = bodyTexts(v.element).map((r) => r[10]);
    assert.ok(statuses.includes('Upcoming - Planned Start in Next 6 Months'));
    v.update(withObjects({ window: { months: 1 }, ...FULL_LABELS }));
    assert.match(sentenceText(v.element), /^In the LAST 1 month \d+ .* In the NEXT 1 month \d+ /);
    assert.ok(bodyTexts(v.element).some((r) => r[10] === 'Upcoming - Planned Start in Next 1 Month'));
    const legend = v.element.querySelector('.ppoc-legend-item')?.getAttribute('title') ?? '';
    assert.match(legend, /in the upcoming 1 month\.$/);
  });

  it('status texts: full, short, or (auto) short when the full text would take more than a fifth of the tile', () => {
    const v = mount();
    const upcoming = () => bodyTexts(v.element).map((r) => r[10]).find((text) => text.startsWith('Upcoming'));
    v.update(withObjects({ statusColumn: { statusLabel: 'short' } }));
    assert.equal(upcoming(), 'Upcoming');
    v.update(withObjects({ statusColumn: { statusLabel: 'full' } }));
    assert.equal(upcoming(), 'Upcoming - Planned Start in Next 3 Months');
    const auto = withObjects({});
    v.update(auto, 62, 600, 4000);
    assert.equal(upcoming(), 'Upcoming - Planned Start in Next 3 Months', 'auto on a wide tile: full');
    const conversions = (v.visual as unknown as { app: { conversions: number } }).app.conversions;
    v.update(auto, 4, 600, 900);
    assert.equal(upcoming(), 'Upcoming', 'auto, resized narrower: short');
    assert.equal((v.visual as unknown as { app: { conversions: number } }).app.conversions, conversions, 'a resize does not convert again');
    const legend = Array.from(v.element.querySelectorAll('.ppoc-legend-item')).map((li) => li.getAttribute('title'));
    assert.match(legend[0] ?? '', /Predicted Start Date is in the upcoming 3 months/, 'the legend keeps the full meaning');
  });

  it('an invalid window length falls back to 3', () => {
    const v = mount();
    v.update(withObjects({ window: { months: 0 } }));
    assert.match(sentenceText(v.element), /^In the LAST 3 months/);
  });

  it('numbers keep to the range their slice offers; a value of the wrong type falls back to the card\'s default', () => {
    const clamped = settingsFrom({ header: { fontSize: 99 }, summary: { fontSize: 2 }, grid: { rowPadding: 40 } });
    assert.deepEqual([clamped.header.fontSize, clamped.summary.fontSize, clamped.grid.rowPadding], [24, 7, 16]);
    const wrong = settingsFrom({ table: { fontSize: '12', bold: 'yes' }, grid: { outlineWidth: 'wide', horizontal: 'no' }, legend: { position: 'left' } } as never);
    assert.deepEqual([wrong.values.sizePt, wrong.values.bold, wrong.grid.outline?.widthPx, wrong.grid.horizontal?.widthPx, wrong.legend.position], [10, false, 2, 1, 'top']);
  });

  it('status colours come from the format pane', () => {
    const v = mount();
    v.update(withObjects({ statusColors: { late: { solid: { color: '#112233' } } } }));
    const late = v.element.querySelector('td.ppoc-status--late') as HTMLElement;
    assert.equal(late.style.backgroundColor, 'rgb(17, 34, 51)');
    assert.equal(late.style.color, 'rgb(255, 255, 255)');
  });

  it('header, sentence and legend can be switched off, line by line', () => {
    const v = mount();
    v.update(withObjects({ header: { showFilters: false, showAsAt: true }, summary: { show: false }, legend: { show: false } }));
    assert.equal(hidden(v.element, '.ppoc-filters'), true);
    assert.equal(hidden(v.element, '.ppoc-asat'), false);
    assert.equal(hidden(v.element, '.ppoc-summary'), true);
    assert.equal(hidden(v.element, '.ppoc-legend-block'), true);
    v.update(withObjects({ header: { show: false } }));
    assert.equal(hidden(v.element, '.ppoc-header'), true);
  });

  it('the Full Care Order line shows the author\'s value', () => {
    const v = mount();
    v.update(withObjects({ header: { fullCareOrderText: 'Yes' } }));
    assert.equal(v.element.querySelector('.ppoc-fco')?.textContent, 'Full Care Order: Yes');
    assert.equal(hidden(v.element, '.ppoc-fco'), false);
  });

  it('fonts, sizes and word wrap apply', () => {
    const v = mount();
    v.update(withObjects({ table: { fontFamily: 'Arial', fontSize: 14, wordWrap: true }, summary: { fontSize: 16 } }));
    const root = v.element.querySelector('.ppoc-root') as HTMLElement;
    assert.equal(root.style.fontFamily, 'Arial');
    assert.equal(root.style.fontSize, '14pt');
    assert.ok(v.element.querySelector('table')?.classList.contains('ppoc-wrap'));
    assert.equal((v.element.querySelector('.ppoc-summary') as HTMLElement).style.fontSize, '16pt');
  });

  it('manager notes: the toggle reveals the text, and the link opens through launchUrl', () => {
    const v = mount();
    v.update(withObjects({ managerNotes: { text: 'Discuss <b>red</b> rows first.\nThen yellow.', link: 'https://intranet.example/ppoc' } }));
    const toggle = v.element.querySelector('.ppoc-notes-toggle') as HTMLButtonElement;
    assert.equal(toggle.textContent, 'Show Manager Notes');
    assert.equal(hidden(v.element, '.ppoc-notes-body'), true);
    toggle.click();
    assert.equal(toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(hidden(v.element, '.ppoc-notes-body'), false);
    const paragraphs = Array.from(v.element.querySelectorAll('.ppoc-notes-text')).map((p) => p.textContent);
    assert.deepEqual(paragraphs, ['Discuss <b>red</b> rows first.', 'Then yellow.']);
    assert.equal(v.element.querySelectorAll('.ppoc-notes-body b').length, 0);
    (v.element.querySelector('.ppoc-notes-link') as HTMLButtonElement).click();
    assert.deepEqual(v.recorded.launched, ['https://intranet.example/ppoc']);
  });

  it('a link that is not https is not offered', () => {
    const v = mount();
    v.update(withObjects({ managerNotes: { text: 'x', link: 'javascript:alert(1)' } }));
    assert.equal(v.element.querySelector('.ppoc-notes-link'), null);
  });

  it('high contrast uses only the host colours: status by text and border, no fill', () => {
    const v = mount({ highContrast: true });
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const cell = v.element.querySelector('td.ppoc-status--late') as HTMLElement;
    assert.equal(cell.style.backgroundColor, 'rgb(0, 0, 0)');
    assert.equal(cell.style.color, 'rgb(255, 255, 0)');
    assert.equal(cell.textContent, 'Started Late');
    assert.ok(v.element.querySelector('.ppoc-root')?.classList.contains('ppoc-hc'));
    const swatches = Array.from(v.element.querySelectorAll('.ppoc-swatch')) as HTMLElement[];
    assert.ok(swatches.every((s) => s.style.backgroundColor === 'rgb(0, 0, 0)'));
  });

  it('the formatting model has a card per capabilities object (sort and column widths stay hidden)', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const capabilities = JSON.parse(readFileSync('visual/capabilities.json', 'utf8'));
    const cards = v.visual.getFormattingModel().cards.map((card) => (card as { uid: string }).uid);
    const objects = Object.keys(capabilities.objects).filter((name) => name !== 'sort' && name !== 'columnWidths');
    assert.equal(cards.length, objects.length);
    for (const name of objects) assert.ok(cards.some((uid) => uid.startsWith(name)), `card for ${name}`);
  });
});

describe('more data (fetchMoreData)', () => {
  it('asks for the next segment and shows a loading note instead of the sentence', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows(), { segment: true }));
    assert.equal(v.recorded.fetchRequests, 1);
    assert.equal(hidden(v.element, '.ppoc-summary'), true);
    assert.equal(v.element.querySelector('.ppoc-loading')?.textContent, 'Loading more rows…');
    // A style-only update of the same DataView does not ask again.
    const same = tableDataView(ALL_ROLES, exampleRows(), { segment: true });
    v.update(same);
    v.update(same, 16);
    assert.equal(v.recorded.fetchRequests, 2);
    assert.equal(hidden(v.element, '.ppoc-summary'), true);
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    assert.equal(hidden(v.element, '.ppoc-summary'), false);
    assert.equal(hidden(v.element, '.ppoc-loading'), true);
  });

  it('when the platform limit is reached, shows the warning icon and the sentence on the rows received', () => {
    const v = mount({ fetchMoreData: false });
    v.update(tableDataView(ALL_ROLES, exampleRows(), { segment: true }));
    assert.equal(v.recorded.warnings.length, 1);
    assert.equal(v.recorded.warnings[0][0], 'Not all rows are shown');
    assert.equal(hidden(v.element, '.ppoc-summary'), false);
  });
});
