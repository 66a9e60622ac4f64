/**
 * One locale everywhere (the host's): en-US dates in the table, the as-at line and tooltips,
 * counts with digit grouping in the legend and the sentence. And a date field bound to numbers
 * (a date hierarchy's Year): the warning icon names it and the sentence says it cannot count.
 */
import assert from 'node:assert/strict';
import { openPreview } from './support/browser';
import { derbyshireRows } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { bodyRows, columnIndex, hostCalls, resetHostRecords, setRows, summaryText, TABLE, VISUAL, waitForRenders } from './support/visual-page';

describe('visual in Chromium: the host\'s locale, and wrong bindings', function () {
  const suite = previewSuite({ rows: derbyshireRows(40) });

  it('en-US: dates in the table, the as-at line and tooltips are MM/DD/YYYY; en-GB DD/MM/YYYY', async () => {
    for (const [locale, predicted, asAt] of [['en-US', '04/10/2022', '05/31/2022'], ['en-GB', '10/04/2022', '31/05/2022']]) {
      const page = await openPreview(suite.browser, suite.server.url, suite.log, { query: `locale=${locale}&dates=date` });
      const column = await columnIndex(page, 'Predicted Start Date');
      assert.equal((await bodyRows(page))[0][column], predicted, locale);
      assert.equal(await page.textContent(`${VISUAL} .ppoc-asat`), `Data as at ${asAt}`);
      await page.locator(`${TABLE} tbody tr`).first().locator('td').nth(1).hover();
      await page.waitForFunction(() => (window as unknown as { __ppocHost: { __calls: { method: string }[] } }).__ppocHost.__calls.some((c) => c.method === 'tooltip.show'));
      const items = (await hostCalls(page, 'tooltip.show'))[0].args[0] as { dataItems: { displayName: string; value: string }[] };
      assert.equal(items.dataItems.find((i) => i.displayName === 'Predicted Start Date')?.value, predicted);
      await page.context().close();
    }
  });

  it('counts carry digit grouping in the legend and the sentence (30,000 rows)', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log, { query: 'locale=en-US' });
    await resetHostRecords(page);
    await setRows(page, derbyshireRows(30000));
    await waitForRenders(page, 1);
    const legend = await page.$$eval(`${VISUAL} .ppoc-legend li`, (lis) => lis.map((li) => (li.textContent ?? '').trim()));
    assert.deepEqual(legend, ['Upcoming 6,000', 'Not Yet Started 6,000', 'Started Late 6,000', 'Started On Time 6,000', 'Planned - Later 6,000']);
    assert.equal(await summaryText(page), 'In the LAST 3 months 6,000 assessments started on time, 6,000 started late and 6,000 predictions are yet to start. In the NEXT 3 months 6,000 assessments are planned to start.');
    assert.equal(await page.locator(`${VISUAL} .ppoc-legend`).getAttribute('aria-label'), 'Status colors', 'en-US strings');
    await page.context().close();
  });

  it('a date field holding a date hierarchy\'s Year: the warning icon names it, the numbers show, the sentence cannot count', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await resetHostRecords(page);
    await page.evaluate(() => {
      const w = window as unknown as {
        __ppocPreview: { dataView(): { metadata: { columns: { displayName: string; roles: Record<string, boolean>; type: object }[] }; table: { rows: unknown[][] } }; updateRaw(o: unknown): void };
        PpocDataView: { updateOptions(views: unknown[], viewport: { width: number; height: number }): unknown };
      };
      const view = w.__ppocPreview.dataView();
      const at = view.metadata.columns.findIndex((c) => c.roles.predictedStartDate);
      view.metadata.columns[at].displayName = 'Year';
      view.metadata.columns[at].type = { numeric: true, integer: true };
      for (const row of view.table.rows) row[at] = 2022;
      const element = document.getElementById('ppoc-preview-visual')!;
      w.__ppocPreview.updateRaw(w.PpocDataView.updateOptions([view], { width: element.clientWidth, height: element.clientHeight }));
    });
    await waitForRenders(page, 1);
    const warnings = await hostCalls(page, 'displayWarningIcon');
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].args[0], 'Some dates could not be read');
    assert.match(String(warnings[0].args[1]), /^Predicted Start Date \(Year\) received numbers \(such as a date hierarchy's Year\)\./);
    assert.equal(await summaryText(page), 'The sentence cannot be counted: Predicted Start Date (Year) does not hold dates.');
    const column = await columnIndex(page, 'Year');
    assert.equal((await bodyRows(page))[0][column], '2022');
    await page.context().close();
  });

  itLoggedNoProblems(suite);
});
