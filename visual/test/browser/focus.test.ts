/**
 * A virtualized table (3,000 rows) at every tile size: keyboard focus never leaves the rows
 * area, and a sort goes back to the first row with the focus kept on the title.
 */
import assert from 'node:assert/strict';
import { openPreview } from './support/browser';
import { focusedRowVisible, scrollTable, setTile } from './support/fit';
import { derbyshireRows } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { bodyRows, TABLE, titleCell, VISUAL } from './support/visual-page';

const ROWS = 3000;
const SIZES: [number, number][] = [[1100, 600], [600, 400], [400, 250]];

/** Scrolls the table to its middle and waits for rows from there. */
async function scrollToMiddle(page: Parameters<typeof scrollTable>[0]): Promise<void> {
  await scrollTable(page, 0.5);
  await page.waitForFunction((sel) => Array.from(document.querySelectorAll(sel)).some((tr) => Number(tr.getAttribute('aria-rowindex')) > 1000), `${TABLE} tbody tr`);
}

describe('visual in Chromium: focus and sorting on a virtualized table', function () {
  const suite = previewSuite({ rows: derbyshireRows(ROWS) });

  for (const [width, height] of SIZES) {
    it(`${width}×${height}: End, PageDown, ArrowDown, PageUp and Home keep the focused row whole on screen`, async () => {
      const page = await openPreview(suite.browser, suite.server.url, suite.log);
      await setTile(page, width, height);
      await page.locator(`${TABLE} tbody tr`).first().locator('td').nth(1).click();
      let expected = 1;
      const steps: [string, (row: number) => number][] = [
        ['ArrowDown', (r) => r + 1],
        ['End', () => ROWS],
        ['Home', () => 1],
        ['PageDown', (r) => r],
        ['PageDown', (r) => r],
        ['PageUp', (r) => r],
      ];
      for (const [key, next] of steps) {
        await page.keyboard.press(key);
        const seen = await focusedRowVisible(page);
        assert.ok(seen.whole, `${key}: ${seen.detail}`);
        if (key.startsWith('Page')) assert.ok(seen.row !== null && seen.row !== expected, `${key} moved the focus from row ${expected}`);
        expected = key.startsWith('Page') ? (seen.row as number) : next(expected);
        assert.equal(seen.row, expected, key);
      }
      for (let i = 1; i <= 15; i++) {
        await page.keyboard.press('ArrowDown');
        const seen = await focusedRowVisible(page);
        assert.ok(seen.whole, `ArrowDown ×${i}: ${seen.detail}`);
        assert.equal(seen.row, expected + i);
      }
      await page.context().close();
    });
  }

  it('a click on a title sorts, goes back to the first row and keeps the focus on the title', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await scrollToMiddle(page);
    await titleCell(page, 'Person ID').click();
    assert.equal(await scrollTable(page), 0);
    assert.equal((await bodyRows(page))[0][0], '1000001');
    assert.equal(await page.evaluate(() => (document.activeElement?.textContent ?? '').trim()), 'Person ID');
    await scrollToMiddle(page);
    await page.keyboard.press('Enter');
    assert.equal(await scrollTable(page), 0);
    assert.equal((await bodyRows(page))[0][0], String(1000000 + ROWS));
    assert.equal(await titleCell(page, 'Person ID').getAttribute('aria-sort'), 'descending');
    assert.equal(await page.evaluate(() => (document.activeElement?.textContent ?? '').trim()), 'Person ID');
    await page.context().close();
  });

  it('Shift+click adds a second sort column', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await titleCell(page, 'Team').click();
    await titleCell(page, 'Child').click({ modifiers: ['Shift'] });
    const team = titleCell(page, 'Team');
    const child = titleCell(page, 'Child');
    assert.equal(await team.getAttribute('aria-sort'), 'ascending');
    assert.equal(await child.getAttribute('aria-sort'), 'none');
    assert.equal(await child.getAttribute('data-sort'), 'ascending');
    const rows = (await bodyRows(page)).slice(0, 12);
    const teamAt = (await page.$$eval(`${VISUAL} thead th`, (ths) => ths.map((th) => (th.textContent ?? '').trim()))).findIndex((t) => t.startsWith('Team'));
    const firstTeam = rows.filter((cells) => cells[teamAt] === rows[0][teamAt]);
    const children = firstTeam.map((cells) => cells[teamAt - 2]);
    assert.deepEqual(children, [...children].sort((a, b) => a.localeCompare(b)), 'children ascending within the first team');
    await page.context().close();
  });

  itLoggedNoProblems(suite);
});
