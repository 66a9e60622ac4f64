/**
 * axe-core in real Chromium on the packaged visual, in every state a viewer meets: each tile
 * size, high contrast, a selection (other rows dimmed), the legend's definitions and the notes
 * open, word wrap, en-US, a virtualized table scrolled, the format pane's styles and fx rules,
 * no rows after filtering, the landing page. Zero serious or critical violations in each.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { openPreview } from './support/browser';
import { rerender, scrollTable, setTile } from './support/fit';
import { derbyshireRows } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { resetHostRecords, setRows, TABLE, updateRaw, VISUAL, waitForRenders } from './support/visual-page';

const SIZES: [number, number][] = [[1100, 600], [800, 500], [600, 400], [400, 250], [300, 200]];

async function assertClean(page: Page, state: string): Promise<void> {
  const found = await seriousViolations(page);
  assert.deepEqual(found, [], `${state}: ${JSON.stringify(found, null, 1)}`);
}

async function replaceRows(page: Page, rows: Parameters<typeof setRows>[1]): Promise<void> {
  await resetHostRecords(page);
  await setRows(page, rows);
  await waitForRenders(page, 1);
}

describe('visual in Chromium: accessibility (axe-core), every state', function () {
  const suite = previewSuite({ rows: derbyshireRows(40) });

  it('at every tile size, from 1100×600 to 300×200', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    for (const [width, height] of SIZES) {
      await setTile(page, width, height);
      await assertClean(page, `${width}×${height}`);
    }
    await page.context().close();
  });

  it('the check can fail: axe finds text put in at 1.4:1 contrast', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await page.$eval(`${VISUAL} .ppoc-main`, (main) => {
      const bad = document.createElement('p');
      bad.textContent = 'Barely legible';
      bad.style.cssText = 'color: #dddddd; background: #ffffff';
      main.prepend(bad);
    });
    assert.deepEqual((await seriousViolations(page)).map((v) => v.rule), ['color-contrast']);
    await page.context().close();
  });

  it('high contrast: each status\'s glyph is a distinct shape in the host\'s foreground, in the legend and the cells', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log, { query: 'contrast=high' });
    const glyphs = await page.$$eval(`${VISUAL} .ppoc-legend .ppoc-glyph`, (spans) => spans.map((span) => {
      const style = getComputedStyle(span);
      return { shape: `${style.clipPath}|${style.borderRadius}|${style.backgroundColor}`, colour: style.color, box: span.getBoundingClientRect().width };
    }));
    assert.equal(glyphs.length, 5);
    assert.equal(new Set(glyphs.map((g) => g.shape)).size, 5, JSON.stringify(glyphs));
    assert.ok(glyphs.every((g) => g.colour === 'rgb(255, 255, 255)' && g.box > 5), JSON.stringify(glyphs));
    const cells = await page.$$eval(`${TABLE} td.ppoc-status .ppoc-glyph`, (spans) => new Set(spans.map((s) => getComputedStyle(s).clipPath)).size);
    assert.equal(cells, 5, 'five shapes among the status cells too');
    await page.context().close();
  });

  it('in high contrast, and with en-US strings and dates', async () => {
    for (const query of ['contrast=high', 'locale=en-US']) {
      const page = await openPreview(suite.browser, suite.server.url, suite.log, { query });
      await assertClean(page, query);
      await setTile(page, 400, 250);
      await assertClean(page, `${query}, 400×250`);
      await page.context().close();
    }
  });

  it('with rows selected (the others dimmed), the definitions and the notes open, a cell focused', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await page.locator(`${TABLE} tbody tr`).nth(1).locator('td').nth(2).click();
    await page.locator(`${TABLE} tbody tr`).nth(3).locator('td').nth(2).click({ modifiers: ['Control'] });
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 2, `${TABLE} tbody tr[aria-selected="true"]`);
    await assertClean(page, 'selection');
    await page.getByRole('button', { name: 'What the statuses mean' }).click();
    await page.getByRole('button', { name: 'Show Manager Notes' }).click();
    await page.keyboard.press('Shift+Tab');
    await assertClean(page, 'definitions and notes open');
    await setTile(page, 600, 400);
    await assertClean(page, 'definitions and notes open, 600×400');
    await page.context().close();
  });

  it('with word wrap on, and a virtualized table of 3,000 rows scrolled to its middle', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await rerender(page, { objects: { table: { wordWrap: true } } });
    await assertClean(page, 'word wrap');
    await replaceRows(page, derbyshireRows(3000));
    await scrollTable(page, 0.5);
    await page.waitForFunction((sel) => Array.from(document.querySelectorAll(sel)).some((tr) => Number(tr.getAttribute('aria-rowindex')) > 1000), `${TABLE} tbody tr`);
    await assertClean(page, '3,000 rows, scrolled');
    await page.context().close();
  });

  it('with the format pane\'s styles and fx rules on: fonts, header colours, grid, shading, rule colours', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const fill = (color: string) => ({ solid: { color } });
    await rerender(page, {
      objects: {
        table: { bold: true, fontColor: fill('#1B1B1B') },
        columnHeaders: { backColor: fill('#1F3864'), fontColor: fill('#FFFFFF'), italic: true },
        grid: { vertical: true, alternateRows: true, alternateColor: fill('#EEF3FA'), rowPadding: 6 },
        legend: { position: 'bottom', showTotal: true },
      },
      rules: [
        { object: 'statusColors', property: 'notYetStarted', field: 'prediction_revisions', ranges: [{ min: 2, color: '#5A0A05' }] },
        { object: 'columnFormatting', property: 'childBackground', field: 'prediction_revisions', ranges: [{ min: 3, color: '#FDE7E9' }] },
        { object: 'columnFormatting', property: 'childFontColor', field: 'prediction_revisions', ranges: [{ min: 3, color: '#F8C8CC' }] },
      ],
    });
    await assertClean(page, 'styled, with fx rules');
    await setTile(page, 400, 250);
    await assertClean(page, 'styled, 400×250');
    await page.context().close();
  });

  it('with no rows after filtering, and on the landing page', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await replaceRows(page, []);
    assert.match((await page.textContent(VISUAL)) ?? '', /No plans match these filters/);
    await assertClean(page, 'no rows');
    await resetHostRecords(page);
    await updateRaw(page, []);
    await waitForRenders(page, 1);
    assert.match((await page.textContent(VISUAL)) ?? '', /Planned Assessment Starts/);
    await assertClean(page, 'landing page');
    await page.context().close();
  });

  itLoggedNoProblems(suite);
});
