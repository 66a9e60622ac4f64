/**
 * The packaged visual on report tiles of 1100×600, 600×400 and 400×250 with Derbyshire-length
 * texts: Person ID, dates and statuses are never cut, the rows area keeps its share of the
 * tile, and the header, legend, Full Care Order line, tooltips and column borders behave.
 */
import assert from 'node:assert/strict';
import { openPreview } from './support/browser';
import { cutCells, rerender, rowsArea, setTile } from './support/fit';
import { derbyshireRows } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { bodyRows, columnIndex, headerTexts, hostCalls, hueName, resetHostRecords, setRows, TABLE, titleCell, VISUAL, waitForRenders } from './support/visual-page';

const PROTECTED = ['Person ID', 'Predicted Start Date', 'Actual Start Date', 'Status'];
const SIZES: [number, number][] = [[1100, 600], [600, 400], [400, 250]];

describe('visual in Chromium: every tile size, Derbyshire-length texts', function () {
  const suite = previewSuite({ rows: derbyshireRows(40) });

  for (const [width, height] of SIZES) {
    it(`${width}×${height}: no Person ID, date or status cell is cut; the rows area keeps its share`, async () => {
      const page = await openPreview(suite.browser, suite.server.url, suite.log);
      await setTile(page, width, height);
      const titles = await headerTexts(page);
      for (const title of PROTECTED) assert.ok(titles.some((t) => t.startsWith(title)), `column ${title}`);
      assert.ok((await bodyRows(page)).length > 0);
      assert.deepEqual(await cutCells(page, PROTECTED, true), []);
      const area = await rowsArea(page);
      assert.equal(area.tile, height);
      assert.ok(area.scroller >= height / 2, `the table keeps half the tile: ${JSON.stringify(area)}`);
      if (height === 400) assert.ok(area.rowsArea >= 0.4 * height, `rows area ≥ 40%: ${JSON.stringify(area)}`);
      if (height === 250) assert.ok(area.wholeRows >= 3, `three whole rows: ${JSON.stringify(area)}`);
      const sentence = await page.$eval(`${VISUAL} .ppoc-summary`, (p) => p.getBoundingClientRect().height);
      assert.ok(sentence <= height / 3 + 1, `the sentence takes at most a third: ${sentence}`);
      await page.context().close();
    });
  }

  it('fits the viewport the host reports even when the host leaves the element unsized', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const measured = await page.evaluate(() => {
      const w = window as unknown as {
        __ppocPreview: { plugin: { create(o: { element: HTMLElement; host: unknown }): { update(o: unknown): void; destroy(): void } }; dataView(): unknown };
        __ppocHost: unknown;
        PpocDataView: { updateOptions(views: unknown[], viewport: { width: number; height: number }): unknown };
      };
      const element = document.createElement('div');
      document.body.appendChild(element);
      const visual = w.__ppocPreview.plugin.create({ element, host: w.__ppocHost });
      visual.update(w.PpocDataView.updateOptions([w.__ppocPreview.dataView()], { width: 600, height: 400 }));
      const table = element.querySelector('table')!;
      const root = element.firstElementChild!.getBoundingClientRect();
      const scroller = table.closest('.ppoc-scroll')!.getBoundingClientRect();
      const result = { width: root.width, height: root.height, scroller: scroller.height, bottom: scroller.bottom - root.top };
      visual.destroy();
      element.remove();
      return result;
    });
    assert.deepEqual([measured.width, measured.height], [600, 400]);
    assert.ok(measured.scroller >= 200 && measured.bottom <= 400.5, JSON.stringify(measured));
    await page.context().close();
  });

  it('400×250: the header lines give way to a ⓘ whose tooltip carries them; 1100×600 shows them', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await setTile(page, 1100, 600);
    const visibleText = () => page.$eval(VISUAL, (el) => (el as HTMLElement).innerText);
    assert.match(await visibleText(), /Locality\/Team: All \| Type of Assessment: All \| Assessment Status: All \| Placement Type: All/);
    assert.equal(await page.locator(`${VISUAL} ul`).isVisible(), true, 'the legend shows');
    await setTile(page, 400, 250);
    assert.doesNotMatch(await visibleText(), /Locality\/Team/);
    assert.equal(await page.locator(`${VISUAL} ul`).isVisible(), false, 'the legend gave way');
    const info = page.locator(`${VISUAL} button[aria-label^="Report filters"]`);
    assert.equal(await info.isVisible(), true);
    assert.match((await info.getAttribute('title')) ?? '', /Full Care Order: Yes\nLocality\/Team: All \| Type of Assessment: All/);
    await page.context().close();
  });

  it('at 14 pt, and with word wrap on, IDs, dates and statuses stay whole; wrap breaks only between words', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await setTile(page, 1100, 600);
    await rerender(page, { objects: { table: { fontSize: 14 } } });
    assert.deepEqual(await cutCells(page, PROTECTED, true), []);
    await setTile(page, 600, 400);
    await rerender(page, { objects: { table: { wordWrap: true } } });
    assert.deepEqual(await cutCells(page, ['Person ID', 'Predicted Start Date', 'Actual Start Date'], true), []);
    assert.deepEqual(await cutCells(page, ['Status']), []);
    const team = await columnIndex(page, 'Team');
    const wrap = await page.$eval(`${TABLE} tbody tr`, (tr, c) => getComputedStyle((tr as HTMLTableRowElement).cells[c]).overflowWrap, team);
    assert.equal(wrap, 'break-word');
    await page.context().close();
  });

  it('with Status unbound, shows a Status column with the derived texts and colours', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await rerender(page, { omitRoles: ['status'] });
    assert.equal((await headerTexts(page)).at(-1), 'Status');
    const statuses = (await bodyRows(page)).map((cells) => cells.at(-1));
    assert.deepEqual([...new Set(statuses)].sort(), ['Not Yet Started', 'Planned - Later', 'Started Late', 'Started on Time', 'Upcoming - Planned Start in Next 3 Months']);
    const colours = await page.$$eval(`${TABLE} tbody tr`, (trs) => trs.map((tr) => {
      const cell = (tr as HTMLTableRowElement).cells[(tr as HTMLTableRowElement).cells.length - 1];
      return [cell.textContent, getComputedStyle(cell).backgroundColor];
    }));
    const hue = Object.fromEntries(colours.map(([text, css]) => [text, hueName(css as string)]));
    assert.equal(hue['Started Late'], 'yellow');
    assert.equal(hue['Not Yet Started'], 'red');
    assert.equal(hue['Upcoming - Planned Start in Next 3 Months'], 'blue');
    assert.equal(hue['Started on Time'], 'green');
    await page.context().close();
  });

  it('the Full Care Order line: "Yes" when every row is Yes, "All" when both occur', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const text = () => page.$eval(VISUAL, (el) => (el as HTMLElement).innerText);
    assert.match(await text(), /Full Care Order: Yes/);
    await resetHostRecords(page);
    await setRows(page, derbyshireRows(12, (i) => ({ full_care_order: i % 4 ? 'Yes' : 'No' })));
    await waitForRenders(page, 1);
    assert.match(await text(), /Full Care Order: All/);
    await page.selectOption('select[name="full_care_order"]', 'No');
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 3, `${TABLE} tbody tr`);
    assert.match(await text(), /Full Care Order: No/);
    await page.context().close();
  });

  it('the legend counts each status, with its definition as tooltip and accessible description', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const items = await page.$$eval(`${VISUAL} li`, (lis) => lis.map((li) => {
      const described = document.getElementById(li.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
      return { text: (li.textContent ?? '').trim(), title: li.getAttribute('title'), described };
    }));
    assert.deepEqual(items.map((i) => i.text), ['Upcoming 8', 'Not Yet Started 8', 'Started Late 8', 'Started On Time 8', 'Planned - Later 8']);
    assert.equal(items[2].title, '"Started Late" indicates that the assessment started after the Predicted Start Date had passed.');
    assert.equal(items[1].described, '"Not Yet Started" indicates that the Predicted Start Date has passed, and the assessment hasn\'t been started on Mosaic.');
    assert.match(items[0].title ?? '', /Predicted Start Date is in the upcoming 3 months/);
    assert.ok(items.every((i) => i.title && i.title === i.described));
    await page.context().close();
  });

  it('hovering a row shows the Tooltips fields too', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await page.locator(`${TABLE} tbody tr`).first().locator('td').nth(1).hover();
    await page.waitForFunction(() => (window as unknown as { __ppocHost: { __calls: { method: string }[] } }).__ppocHost.__calls.some((c) => c.method === 'tooltip.show'));
    const items = (await hostCalls(page, 'tooltip.show'))[0].args[0] as { dataItems: { displayName: string; value: string }[] };
    const names = items.dataItems.map((item) => item.displayName);
    for (const name of ['days_late', 'first_predicted_start_date', 'prediction_revisions']) assert.ok(names.includes(name), `${name} in ${names}`);
    assert.ok(!names.includes('Days late'), 'days late once, from the bound field');
    await page.context().close();
  });

  it('dragging a title border resizes the column and persists it; a double-click fits the content', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await setTile(page, 1100, 600);
    const child = titleCell(page, 'Child');
    const before = (await child.boundingBox())!;
    const handle = child.locator('.ppoc-resize');
    const grip = (await handle.boundingBox())!;
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(grip.x + grip.width / 2 + 60, grip.y + grip.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => (window as unknown as { __ppocHost: { __calls: { method: string }[] } }).__ppocHost.__calls.some((c) => c.method === 'persistProperties'));
    const persisted = (await hostCalls(page, 'persistProperties')).map((c) => JSON.stringify(c.args[0]));
    assert.ok(persisted.some((p) => /"objectName":"columnWidths".*"child":\d+/.test(p)), persisted.join('\n'));
    assert.equal(await child.getAttribute('aria-sort'), 'none', 'the drag did not sort');
    await page.waitForFunction(([sel, w]) => (document.querySelector(sel) as HTMLElement).getBoundingClientRect().width >= (w as number) + 55, [`${TABLE} thead th:nth-child(2)`, before.width] as const);
    await handle.dblclick();
    const fitted = (await child.boundingBox())!.width;
    const widest = await page.$$eval(`${TABLE} tbody tr td:nth-child(2)`, (tds) => Math.max(...tds.map((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return range.getBoundingClientRect().width;
    })));
    assert.ok(fitted >= widest + 12, `fitted ${fitted} shows the widest child name (${widest})`);
    assert.deepEqual(await cutCells(page, ['Child']), []);
    await page.context().close();
  });

  itLoggedNoProblems(suite);
});
