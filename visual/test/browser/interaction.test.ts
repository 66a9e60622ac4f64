/**
 * Real mouse and keyboard input on the packaged visual: sorting by title, row focus,
 * selection and the context menu, as recorded by the fake host.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openPreview } from './support/browser';
import { EXAMPLE_ROWS } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { bodyRows, columnIndex, hostCalls, resetHostRecords, setRows, TABLE, titleCell, VISUAL, waitForRenders } from './support/visual-page';

/** DD/MM/YYYY -> sortable YYYY-MM-DD; blank stays blank. */
function iso(uk: string): string {
  return uk ? `${uk.slice(6, 10)}-${uk.slice(3, 5)}-${uk.slice(0, 2)}` : '';
}

async function columnValues(page: Page, title: string): Promise<string[]> {
  const index = await columnIndex(page, title);
  return (await bodyRows(page)).map((cells) => cells[index]);
}

function assertOrdered(values: string[], direction: 1 | -1, label: string): void {
  const filled = values.filter((v) => v !== '');
  const firstBlank = values.indexOf('');
  if (firstBlank >= 0) assert.ok(values.slice(firstBlank).every((v) => v === ''), `${label}: blanks must go last: ${values}`);
  for (let i = 1; i < filled.length; i++) {
    assert.ok(direction * filled[i - 1].localeCompare(filled[i]) <= 0, `${label}: not sorted ${direction > 0 ? 'up' : 'down'}: ${values}`);
  }
}

async function ariaSort(page: Page, title: string): Promise<string | null> {
  return titleCell(page, title).getAttribute('aria-sort');
}

/** Presses Tab until the focused element matches `predicate` (at most `limit` presses). */
async function tabUntil(page: Page, predicate: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return;
  }
  throw new Error(`focus never reached: ${predicate}`);
}

interface PersistWindow {
  __ppocHost: { __calls: { method: string }[] };
  __ppocPreview: {
    plugin: { create(options: { element: HTMLElement; host: unknown }): { update(options: unknown): void; destroy(): void } };
    dataView(): unknown;
  };
  PpocDataView: { updateOptions(views: unknown[], viewport: { width: number; height: number }): unknown };
}

const FOCUS_IN_TITLE = `!!document.activeElement && !!document.activeElement.closest('${TABLE} thead th')`;
const FOCUS_IN_TABLE = `!!document.activeElement && !!document.activeElement.closest('${TABLE}')`;
const FOCUSED_PERSON = `(() => { const tr = document.activeElement.closest('tr'); return tr.querySelector('td, th').textContent.trim(); })()`;

describe('visual in Chromium: sorting, keyboard, selection, context menu', function () {
  const suite = previewSuite({ rows: EXAMPLE_ROWS });

  it('sorts by a date title on click: ascending, then descending', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await titleCell(page, 'Predicted Start Date').click();
    assert.equal(await ariaSort(page, 'Predicted Start Date'), 'ascending');
    assertOrdered((await columnValues(page, 'Predicted Start Date')).map(iso), 1, 'predicted asc');
    await titleCell(page, 'Predicted Start Date').click();
    assert.equal(await ariaSort(page, 'Predicted Start Date'), 'descending');
    assertOrdered((await columnValues(page, 'Predicted Start Date')).map(iso), -1, 'predicted desc');
    const first = (await bodyRows(page))[0];
    assert.ok(['100006', '100007', '100008'].includes(first[0]), `latest prediction first, got ${first[0]}`);
    await page.context().close();
  });

  it('puts blank actual start dates last in both directions', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await titleCell(page, 'Actual Start Date').click();
    const up = (await columnValues(page, 'Actual Start Date')).map(iso);
    assert.deepEqual(up.slice(0, 3), ['2022-03-04', '2022-03-17', '2022-05-12']);
    assertOrdered(up, 1, 'actual asc');
    await titleCell(page, 'Actual Start Date').click();
    const down = (await columnValues(page, 'Actual Start Date')).map(iso);
    assert.deepEqual(down.slice(0, 3), ['2022-05-12', '2022-03-17', '2022-03-04']);
    assertOrdered(down, -1, 'actual desc');
    await page.context().close();
  });

  it('keeps the sort across a data update', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await titleCell(page, 'Child').click();
    await titleCell(page, 'Child').click();
    assert.equal(await ariaSort(page, 'Child'), 'descending');
    await resetHostRecords(page);
    await setRows(page, EXAMPLE_ROWS.slice().reverse());
    await waitForRenders(page, 1);
    assert.equal(await ariaSort(page, 'Child'), 'descending');
    assertOrdered(await columnValues(page, 'Child'), -1, 'child desc after update');
    await page.context().close();
  });

  it('sorts from the keyboard: Tab to a title, Enter', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await tabUntil(page, FOCUS_IN_TITLE);
    const title = await page.evaluate(() => (document.activeElement!.closest('th')!.textContent ?? '').trim());
    await page.keyboard.press('Enter');
    assert.equal(await titleCell(page, title).getAttribute('aria-sort'), 'ascending', `title ${title}`);
    await page.keyboard.press('Enter');
    assert.equal(await titleCell(page, title).getAttribute('aria-sort'), 'descending', `title ${title}`);
    await page.context().close();
  });

  it('Tab reaches the grid once; arrows move cell by cell; Enter selects the row, Shift+F10 opens its context menu', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const order = (await bodyRows(page)).map((cells) => cells[0]);
    await tabUntil(page, FOCUS_IN_TITLE);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(FOCUSED_PERSON), order[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(FOCUSED_PERSON), order[1]);
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLTableCellElement).cellIndex), 1);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(FOCUS_IN_TABLE), false, 'one Tab leaves the grid: it is one tab stop');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(FOCUSED_PERSON), order[1], 'and Shift+Tab comes back to the same cell');
    await page.keyboard.press('Enter');
    const selects = await hostCalls(page, 'select');
    assert.equal(selects.length, 1);
    assert.ok(JSON.stringify(selects[0].args[0]).includes(`|${order[1]}|`));
    await page.keyboard.press('Shift+F10');
    const menus = await hostCalls(page, 'showContextMenu');
    assert.equal(menus.length, 1, 'Shift+F10 opens the context menu once');
    assert.ok(JSON.stringify(menus[0].args[0]).includes(`|${order[1]}|`));
    await page.context().close();
  });

  it('selects a row on click and adds to the selection on ctrl-click', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const childColumn = await columnIndex(page, 'Child');
    const [first, second] = (await bodyRows(page)).map((cells) => cells[0]);
    const cell = (rowIndex: number) => page.locator(`${TABLE} tbody tr`).nth(rowIndex).locator('td, th').nth(childColumn);
    await cell(0).click();
    await cell(1).click({ modifiers: ['Control'] });
    const selects = await hostCalls(page, 'select');
    assert.equal(selects.length, 2, JSON.stringify(selects));
    const [plain, multi] = selects.map((call) => ({ ids: JSON.stringify(call.args[0]), multi: call.args[1] }));
    assert.equal(plain.multi, false);
    assert.ok(plain.ids.includes(`|${first}|`), `first select names ${first}: ${plain.ids}`);
    assert.equal(multi.multi, true);
    assert.ok(multi.ids.includes(`|${second}|`), `ctrl-click names ${second}: ${multi.ids}`);
    await page.context().close();
  });

  it('marks selected rows, and clears the selection on a background click', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const rows = page.locator(`${TABLE} tbody tr`);
    await rows.nth(0).locator('td').nth(1).click();
    await rows.nth(2).locator('td').nth(1).click({ modifiers: ['Control'] });
    const selected = () => page.$$eval(`${TABLE} tbody tr`, (trs) => trs.map((tr) => tr.getAttribute('aria-selected')));
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 2, `${TABLE} tbody tr[aria-selected="true"]`);
    assert.deepEqual((await selected()).slice(0, 3), ['true', 'false', 'true']);
    await page.locator(`${VISUAL} .ppoc-summary`).click();
    assert.equal((await hostCalls(page, 'clear')).length, 1);
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, `${TABLE} tbody tr[aria-selected="true"]`);
    await page.context().close();
  });

  it('shows a tooltip with the row under the pointer, and hides it on leaving', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const person = (await bodyRows(page))[1][0];
    await page.locator(`${TABLE} tbody tr`).nth(1).locator('td').nth(2).hover();
    await page.waitForFunction(() => (window as unknown as PersistWindow).__ppocHost.__calls.some((c) => c.method === 'tooltip.show'));
    const shown = JSON.stringify((await hostCalls(page, 'tooltip.show'))[0].args);
    assert.ok(shown.includes(`"value":"${person}"`), `tooltip names ${person}: ${shown}`);
    await page.mouse.move(5, 5);
    await page.waitForFunction(() => (window as unknown as PersistWindow).__ppocHost.__calls.some((c) => c.method === 'tooltip.hide'));
    await page.context().close();
  });

  it('opens the context menu on right-click, for the row under the pointer', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const third = (await bodyRows(page))[2][0];
    const target = page.locator(`${TABLE} tbody tr`).nth(2).locator('td, th').first();
    const box = (await target.boundingBox())!;
    await target.click({ button: 'right' });
    const menus = await hostCalls(page, 'showContextMenu');
    assert.equal(menus.length, 1, JSON.stringify(menus));
    assert.ok(JSON.stringify(menus[0].args[0]).includes(`|${third}|`), `menu for ${third}: ${JSON.stringify(menus[0].args[0])}`);
    const position = menus[0].args[1] as { x: number; y: number };
    assert.ok(Math.abs(position.x - (box.x + box.width / 2)) < 2 && Math.abs(position.y - (box.y + box.height / 2)) < 2,
      `menu at the pointer: ${JSON.stringify(position)} vs ${JSON.stringify(box)}`);
    await page.context().close();
  });

  it('persists the sort through the host, and a new visual instance restores it', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await titleCell(page, 'Social Worker').click();
    await titleCell(page, 'Social Worker').click();
    await page.waitForFunction(() => (window as unknown as PersistWindow).__ppocHost.__calls.some((c) => c.method === 'persistProperties'));
    const restored = await page.evaluate(() => {
      const w = window as unknown as PersistWindow;
      const element = document.createElement('div');
      element.style.cssText = 'width: 900px; height: 400px; position: relative';
      document.body.appendChild(element);
      const fresh = w.__ppocPreview.plugin.create({ element, host: w.__ppocHost });
      fresh.update(w.PpocDataView.updateOptions([w.__ppocPreview.dataView()], { width: 900, height: 400 }));
      const th = element.querySelector('th[aria-sort="ascending"], th[aria-sort="descending"]');
      const result = th ? `${(th.textContent ?? '').trim()}:${th.getAttribute('aria-sort')}` : 'none';
      fresh.destroy();
      element.remove();
      return result;
    });
    assert.match(restored, /^Social Worker.*:descending$/);
    await page.context().close();
  });

  it('makes no selection or context-menu call when the host disallows interactions', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log, { query: 'interactions=off' });
    const cell = page.locator(`${TABLE} tbody tr`).first().locator('td, th').nth(1);
    await cell.click();
    await cell.click({ modifiers: ['Control'] });
    await cell.click({ button: 'right' });
    assert.deepEqual(await hostCalls(page, 'select'), []);
    assert.deepEqual(await hostCalls(page, 'showContextMenu'), []);
    await page.context().close();
  });

  it('reveals manager notes as text, and opens their link only through host.launchUrl', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const notes = 'Discuss <b>late</b> starts at the mobilisation meeting.';
    await resetHostRecords(page);
    await page.evaluate((text) => {
      const objects = { managerNotes: { text, link: 'https://example.org/ppoc-notes' }, header: { fullCareOrderText: 'Yes' } };
      (window as unknown as { __ppocPreview: { render(type: number, extra: object): void } }).__ppocPreview.render(2, { objects });
    }, notes);
    await waitForRenders(page, 1);
    assert.match((await page.textContent(VISUAL)) ?? '', /Full Care Order: Yes/);
    const toggle = page.getByRole('button', { name: 'Show Manager Notes' });
    await toggle.click();
    assert.equal(await page.getByRole('button', { name: 'Hide Manager Notes' }).getAttribute('aria-expanded'), 'true');
    assert.ok(((await page.textContent(VISUAL)) ?? '').includes(notes), 'the notes are shown verbatim, as text');
    const before = page.url();
    await page.locator(`${VISUAL} .ppoc-notes button`).filter({ hasNotText: 'Manager Notes' }).first().click();
    assert.deepEqual((await hostCalls(page, 'launchUrl')).map((c) => c.args[0]), ['https://example.org/ppoc-notes']);
    assert.equal(page.url(), before);
    await page.context().close();
  });

  itLoggedNoProblems(suite);
});
