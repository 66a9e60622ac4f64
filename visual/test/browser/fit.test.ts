/**
 * The packaged visual on report tiles from 1100×600 down to 300×200 with Derbyshire-length
 * texts: fair column widths (titles never cut inside a word, readable text columns), Status and
 * the predicted date always in view, the sentence and header lines whole, the rows area's share,
 * and the header, legend, Full Care Order line, tooltips and column borders.
 */
import assert from 'node:assert/strict';
import { openPreview } from './support/browser';
import { cellsShowingFewer, columnInView, cutCells, PROTECTED, READABLE, rerender, rowsArea, scrollSideways, setTile, textBlockProblems, titleProblems, wordsBrokenInCells } from './support/fit';
import { derbyshireRows } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { bodyRows, columnIndex, headerTexts, hostCalls, hueName, resetHostRecords, setRows, shownSummary, summaryText, TABLE, titleCell, VISUAL, waitForRenders } from './support/visual-page';

const SIZES: [number, number][] = [[1100, 600], [800, 500], [600, 400], [400, 250], [300, 200]];
const COMPACT = 'Last 3 months: 8 on time · 8 late · 8 yet to start — Next 3 months: 8 planned';

describe('visual in Chromium: every tile size, Derbyshire-length texts', function () {
  const suite = previewSuite({ rows: derbyshireRows(40) });

  for (const [width, height] of SIZES) {
    it(`${width}×${height}: titles whole, Status and the predicted date in view, the sentence and header lines whole`, async () => {
      const page = await openPreview(suite.browser, suite.server.url, suite.log);
      await setTile(page, width, height);
      const titles = await headerTexts(page);
      for (const title of PROTECTED) assert.ok(titles.some((t) => t.startsWith(title)), `column ${title}`);
      assert.deepEqual(await titleProblems(page), []);
      for (const title of ['Status', 'Predicted Start Date']) {
        const seen = await columnInView(page, title);
        assert.ok(seen.ok, `${title} without scrolling: ${seen.detail}`);
      }
      assert.deepEqual(await cutCells(page, PROTECTED, true), []);
      assert.deepEqual(await textBlockProblems(page), []);
      assert.equal(await summaryText(page), 'In the LAST 3 months 8 assessments started on time, 8 started late and 8 predictions are yet to start. In the NEXT 3 months 8 assessments are planned to start.');
      const area = await rowsArea(page);
      assert.equal(area.tile, height);
      if (height >= 250) assert.ok(area.scroller >= height / 2, `the table keeps half the tile: ${JSON.stringify(area)}`);
      if (height === 400) assert.ok(area.rowsArea >= 0.4 * height, `rows area ≥ 40%: ${JSON.stringify(area)}`);
      if (height === 250) assert.ok(area.wholeRows >= 3, `three whole rows: ${JSON.stringify(area)}`);
      assert.ok(area.wholeRows >= 1, `a whole row at least: ${JSON.stringify(area)}`);
      await page.context().close();
    });
  }

  it('1100×600: no sideways scrolling, and Child, Social Worker, Team, Locality, Provider and Assessment Type show 12 characters or the whole value', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await setTile(page, 1100, 600);
    const scroll = await page.$eval(`${VISUAL} .ppoc-scroll`, (el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(scroll[0] <= scroll[1], `table ${scroll[0]} px in ${scroll[1]} px`);
    assert.deepEqual(await cellsShowingFewer(page, READABLE, 12), []);
    assert.equal(await shownSummary(page), await summaryText(page), 'the full sentence fits');
    await page.context().close();
  });

  it('30,000 rows (virtualized, widths from a sample): the same at 1100×600 and 300×200', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await resetHostRecords(page);
    await setRows(page, derbyshireRows(30000));
    await waitForRenders(page, 1);
    for (const [width, height] of [[1100, 600], [300, 200]] as const) {
      await setTile(page, width, height);
      assert.deepEqual(await titleProblems(page), [], `${width}×${height}`);
      for (const title of ['Status', 'Predicted Start Date']) assert.ok((await columnInView(page, title)).ok, `${title}, ${width}×${height}`);
      assert.deepEqual(await cutCells(page, PROTECTED, true), []);
      assert.deepEqual(await textBlockProblems(page), []);
    }
    await setTile(page, 1100, 600);
    assert.deepEqual(await cellsShowingFewer(page, READABLE, 12), []);
    await page.context().close();
  });

  for (const [width, height] of SIZES.slice(1)) {
    it(`${width}×${height}: scrolled sideways to the end, Status, the predicted date${width >= 400 ? ' and Person ID' : ''} stay in view`, async () => {
      const page = await openPreview(suite.browser, suite.server.url, suite.log);
      await setTile(page, width, height);
      await scrollSideways(page, true);
      for (const title of ['Status', 'Predicted Start Date', ...(width >= 400 ? ['Person ID'] : [])]) {
        const seen = await columnInView(page, title);
        assert.ok(seen.ok, `${title}: ${seen.detail}`);
      }
      // Beside them at the far end, where there is room for it.
      const actual = await columnInView(page, 'Actual Start Date');
      if (width >= 400) assert.ok(actual.ok, `at the far end the Actual Start Date shows too: ${actual.detail}`);
      await page.context().close();
    });
  }

  it('small tiles show the compact sentence (never cut, never a scroll box); the full sentence stays its accessible text', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    for (const [width, height] of [[400, 250], [300, 200]] as const) {
      await setTile(page, width, height);
      assert.equal(await shownSummary(page), COMPACT, `${width}×${height}`);
      const summary = page.locator(`${VISUAL} .ppoc-summary`);
      assert.equal(await summary.getAttribute('title'), await summaryText(page));
      const spoken = await page.$eval(`${VISUAL} .ppoc-summary`, (p) => Array.from(p.children).filter((c) => !(c as HTMLElement).hidden && c.getAttribute('aria-hidden') !== 'true').map((c) => c.textContent).join(''));
      assert.equal(spoken, await summaryText(page), 'what a screen reader reads');
    }
    await page.context().close();
  });

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
    assert.equal(await page.locator(`${VISUAL} .ppoc-legend`).isVisible(), true, 'the legend shows');
    await setTile(page, 400, 250);
    assert.doesNotMatch(await visibleText(), /Locality\/Team/);
    assert.equal(await page.locator(`${VISUAL} .ppoc-legend`).isVisible(), false, 'the legend gave way');
    const info = page.locator(`${VISUAL} button[aria-label^="Report filters"]`);
    assert.equal(await info.isVisible(), true);
    assert.match((await info.getAttribute('title')) ?? '', /Full Care Order: Yes\nLocality\/Team: All \| Type of Assessment: All/);
    await page.context().close();
  });

  it('at 14 pt, and with word wrap on, IDs, dates and statuses stay whole and titles whole; wrap never breaks inside a word', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await setTile(page, 1100, 600);
    await rerender(page, { objects: { table: { fontSize: 14 } } });
    assert.deepEqual(await cutCells(page, PROTECTED, true), []);
    assert.deepEqual(await titleProblems(page), []);
    for (const [width, height] of [[600, 400], [1100, 600]] as const) {
      await setTile(page, width, height);
      await rerender(page, { objects: { table: { wordWrap: true } } });
      assert.deepEqual(await cutCells(page, PROTECTED, true), [], `${width}×${height}`);
      assert.deepEqual(await wordsBrokenInCells(page), [], `${width}×${height}`);
    }
    const team = await columnIndex(page, 'Team');
    const wrapped = await page.$eval(`${TABLE} tbody tr`, (tr, c) => (tr as HTMLTableRowElement).cells[c].getClientRects()[0].height, team);
    assert.ok(wrapped > 30, `a long team name takes two lines (${wrapped}px)`);
    // Virtualized (3,000 rows): every row keeps one height, wrapped text up to two lines.
    await resetHostRecords(page);
    await setRows(page, derbyshireRows(3000));
    await waitForRenders(page, 1);
    const heights = await page.$$eval(`${TABLE} tbody tr`, (trs) => [...new Set(trs.map((tr) => Math.round(tr.getBoundingClientRect().height)))]);
    assert.equal(heights.length, 1, `rows of one height: ${heights}`);
    assert.deepEqual(await wordsBrokenInCells(page), []);
    await page.context().close();
  });

  it('with Status unbound, shows a Status column with the derived texts and colours', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await rerender(page, { omitRoles: ['status'], objects: { statusColumn: { statusLabel: 'full' } } });
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
    const items = await page.$$eval(`${VISUAL} .ppoc-legend li`, (lis) => lis.map((li) => {
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
    assert.ok(fitted >= widest + 10, `fitted ${fitted} shows the widest child name (${widest}) and the cell padding (5 + 5)`);
    assert.deepEqual(await cutCells(page, ['Child']), []);
    await page.context().close();
  });

  itLoggedNoProblems(suite);
});
