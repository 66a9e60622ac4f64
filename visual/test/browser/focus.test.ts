/**
 * The grid's keyboard on a virtualized table (3,000 rows) at every tile size: after every key of
 * the WAI-ARIA grid the focused cell is inside the visible area (below the sticky titles, clear
 * of the pinned columns), in both directions; a sort goes back to the first row with the focus
 * kept on the title, which the user can see.
 */
import assert from 'node:assert/strict';
import { openPreview } from './support/browser';
import { focusedCellVisible, pressAndSee, scrollTable, setTile } from './support/fit';
import { derbyshireRows } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { bodyRows, hostCalls, TABLE, titleCell, VISUAL } from './support/visual-page';

const ROWS = 3000;
const SIZES: [number, number][] = [[1100, 600], [800, 500], [600, 400], [400, 250], [300, 200]];

/** Scrolls the table to its middle and waits for rows from there. */
async function scrollToMiddle(page: Parameters<typeof scrollTable>[0]): Promise<void> {
  await scrollTable(page, 0.5);
  await page.waitForFunction((sel) => Array.from(document.querySelectorAll(sel)).some((tr) => Number(tr.getAttribute('aria-rowindex')) > 1000), `${TABLE} tbody tr`);
}

const rowOf = (cell: string) => Number(/row (\d+)/.exec(cell)?.[1]);
const colOf = (cell: string) => Number(/col (\d+)/.exec(cell)?.[1]);

describe('visual in Chromium: the grid\'s keys and focus on a virtualized table', function () {
  const suite = previewSuite({ rows: derbyshireRows(ROWS) });

  for (const [width, height] of SIZES) {
    it(`${width}×${height}: after every grid key the focused cell is whole in the visible area, both ways`, async () => {
      const page = await openPreview(suite.browser, suite.server.url, suite.log);
      await setTile(page, width, height);
      const log: string[] = [];
      await page.locator(`${TABLE} thead th`).first().focus();
      assert.equal(rowOf((await focusedCellVisible(page)).cell), 1, 'the grid\'s tab stop is the first title');
      let cell = '';
      // Along the titles: each one scrolled into view before it takes the focus.
      for (let i = 0; i < 10; i++) cell = await pressAndSee(page, 'ArrowRight', log);
      assert.deepEqual([rowOf(cell), colOf(cell)], [1, 11]);
      cell = await pressAndSee(page, 'Home', log);
      assert.equal(colOf(cell), 1);
      cell = await pressAndSee(page, 'End', log);
      assert.equal(colOf(cell), 11);
      for (const key of ['ArrowDown', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowDown', 'PageDown', 'PageDown', 'ArrowRight', 'PageUp']) cell = await pressAndSee(page, key, log);
      cell = await pressAndSee(page, 'Control+End', log);
      assert.deepEqual([rowOf(cell), colOf(cell)], [ROWS + 1, 11]);
      for (const key of ['ArrowUp', 'Home', 'ArrowRight', 'ArrowRight', 'PageUp']) cell = await pressAndSee(page, key, log);
      cell = await pressAndSee(page, 'Control+Home', log);
      assert.deepEqual([rowOf(cell), colOf(cell)], [1, 1]);
      for (const key of ['ArrowDown', 'ArrowDown', 'End', 'ArrowUp', 'ArrowUp', 'ArrowUp']) cell = await pressAndSee(page, key, log);
      assert.deepEqual([rowOf(cell), colOf(cell)], [1, 11], 'Up from the first row reaches the titles');
      // The keys that act: sort (Enter, Shift+Enter, Space) on a title, select (Enter, Ctrl+Space)
      // and the context menu (Shift+F10) on a cell; the focus stays in view after each.
      for (const key of ['ArrowLeft', 'ArrowLeft', 'Enter', 'Shift+Enter', 'Space', 'ArrowDown', 'ArrowRight', 'Enter', 'ArrowDown', 'Control+Space', 'Shift+F10']) {
        cell = await pressAndSee(page, key, log);
      }
      assert.equal(await titleCell(page, 'Predicted Start Date').getAttribute('aria-sort'), 'ascending', 'Enter, Shift+Enter and Space sorted the title in view');
      assert.equal(await page.$$eval(`${TABLE} tbody tr[aria-selected="true"]`, (trs) => trs.length), 2);
      assert.equal((await hostCalls(page, 'showContextMenu')).length, 1);
      await page.context().close();
    });
  }

  it('800×500: Enter on a title the arrows reached sorts the column the user sees, and keeps the focus on it', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await setTile(page, 800, 500);
    await page.locator(`${TABLE} thead th`).first().focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => (document.activeElement?.textContent ?? '').trim()), 'Provider');
    assert.ok((await focusedCellVisible(page)).ok);
    await page.keyboard.press('Enter');
    assert.equal(await titleCell(page, 'Provider').getAttribute('aria-sort'), 'ascending');
    const seen = await focusedCellVisible(page);
    assert.ok(seen.ok && seen.cell === 'row 1 col 7', JSON.stringify(seen));
    await page.keyboard.press('Shift+Enter');
    assert.equal(await titleCell(page, 'Provider').getAttribute('aria-sort'), 'descending', 'Shift+Enter on a sorted column flips its level');
    await page.context().close();
  });

  it('a cell is read as a gridcell of its column: roles, and the one tab stop a Tab reaches', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    assert.equal(await page.getByRole('grid').count(), 1);
    assert.equal(await page.getByRole('columnheader').count(), 11);
    assert.ok((await page.getByRole('gridcell').count()) >= 11 * 10);
    const stops = await page.$$eval(`${TABLE} [tabindex="0"]`, (els) => els.length);
    assert.equal(stops, 1);
    await page.locator(`${TABLE} tbody tr`).nth(2).locator('td').nth(3).click();
    assert.equal(await page.$$eval(`${TABLE} [tabindex="0"]`, (els) => els.map((e) => e.textContent)).then((t) => t.length), 1, 'a click moves the tab stop');
    await page.keyboard.press('ArrowRight');
    assert.equal((await focusedCellVisible(page)).cell, 'row 4 col 5');
    await page.context().close();
  });

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
