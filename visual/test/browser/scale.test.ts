/**
 * 30,000 rows: the visual keeps the DOM small (a bounded number of <tr>) and scrolling brings
 * later rows into view.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openPreview } from './support/browser';
import { manyRows } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { bodyRows, TABLE, titleCell, VISUAL } from './support/visual-page';

const ROWS = 30000;
const MAX_TR = 400;

async function trCount(page: Page): Promise<number> {
  return page.$$eval(`${TABLE} tbody tr`, (rows) => rows.length);
}

/** Scrolls the visual's scrolling element to `fraction` of its height. */
async function scrollTo(page: Page, fraction: number): Promise<void> {
  const found = await page.evaluate(
    ([root, f]) => {
      const candidates = [document.querySelector(root as string)!, ...Array.from(document.querySelectorAll(`${root} *`))] as HTMLElement[];
      const scroller = candidates.find((el) => el.scrollHeight > el.clientHeight + 20 && /(auto|scroll)/.test(getComputedStyle(el).overflowY));
      if (!scroller) return false;
      scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * (f as number);
      return true;
    },
    [VISUAL, fraction],
  );
  assert.ok(found, 'the visual has a scrolling element');
}

/** Waits until a rendered row's first cell (Person ID) lies in [from, to]. */
async function waitForPerson(page: Page, from: string, to = from): Promise<void> {
  await page.waitForFunction(
    ([sel, lo, hi]) =>
      Array.from(document.querySelectorAll(sel)).some((tr) => {
        const id = (tr.querySelector('td, th')?.textContent ?? '').trim();
        return id >= lo && id <= hi;
      }),
    [`${TABLE} tbody tr`, from, to],
    { timeout: 10000 },
  );
}

describe('visual in Chromium: 30,000 rows', function () {
  const suite = previewSuite({ rows: manyRows(ROWS) });

  it('renders a bounded number of rows and scrolls to later ones', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const initial = await trCount(page);
    assert.ok(initial > 5 && initial <= MAX_TR, `${initial} <tr> for ${ROWS} rows`);
    await titleCell(page, 'Person ID').click();
    assert.equal((await bodyRows(page))[0][0], 'P00001');
    await scrollTo(page, 0.5);
    await waitForPerson(page, 'P14000', 'P16000');
    await scrollTo(page, 1);
    await waitForPerson(page, 'P30000');
    const atEnd = await trCount(page);
    assert.ok(atEnd <= MAX_TR, `${atEnd} <tr> after scrolling`);
    const lastVisible = await page.evaluate((sel) => {
      const rows = Array.from(document.querySelectorAll(sel));
      return rows.map((tr) => tr.getBoundingClientRect()).some((r) => r.height > 0);
    }, `${TABLE} tbody tr`);
    assert.ok(lastVisible, 'rendered rows have a size');
    await page.context().close();
  });

  itLoggedNoProblems(suite);
});
