/**
 * Wrapped values in a virtualized table (issue 21): with "Wrap text" on, rows grow to their
 * text, so 30,000 Derbyshire-length rows have different heights; the table still keeps only the
 * rows in view (plus a margin) in the page, and scrolls smoothly: every row on screen moves by
 * exactly what the user scrolled, with no gap, down, up from the middle (where heights were
 * estimates until measured) and to the very last row.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openPreview } from './support/browser';
import { pressAndSee, rerender, setTile, wordsBrokenInCells } from './support/fit';
import { derbyshireRows } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { VISUAL } from './support/visual-page';

const ROWS = 30000;
const MAX_TR = 100;

interface View {
  scrollTop: number;
  /** Each rendered row's top against the titles' bottom, by aria-rowindex. */
  tops: Record<string, number>;
  trs: number;
  heights: number[];
  /** The rows on screen cover the rows area from the titles to the bottom, with no gap between them. */
  covered: boolean;
  lastBottomGap: number | null;
}

async function view(page: Page): Promise<View> {
  return page.evaluate((sel) => {
    const scroller = document.querySelector(`${sel} .ppoc-scroll`) as HTMLElement;
    const titles = (scroller.querySelector('thead th') as HTMLElement).getBoundingClientRect().bottom;
    const box = scroller.getBoundingClientRect();
    const bottom = box.top + scroller.clientTop + scroller.clientHeight;
    const trs = Array.from(scroller.querySelectorAll('tbody tr')) as HTMLElement[];
    const rects = trs.map((tr) => tr.getBoundingClientRect());
    const shown = rects.filter((r) => r.bottom > titles && r.top < bottom);
    const contiguous = shown.every((r, i) => i === 0 || Math.abs(r.top - shown[i - 1].bottom) < 1);
    const covered = shown.length > 0 && contiguous && shown[0].top <= titles + 0.5 && shown[shown.length - 1].bottom >= bottom - 0.5;
    const last = trs.find((tr) => tr.getAttribute('aria-rowindex') === '30001');
    return {
      scrollTop: scroller.scrollTop,
      tops: Object.fromEntries(trs.map((tr, i) => [tr.getAttribute('aria-rowindex') as string, rects[i].top - titles])),
      trs: trs.length,
      heights: [...new Set(rects.map((r) => Math.round(r.height)))],
      covered,
      lastBottomGap: last ? bottom - last.getBoundingClientRect().bottom : null,
    };
  }, VISUAL);
}

/** Wheels by `delta` px and checks that every row seen before and after moved by exactly that. */
async function wheelAndCheck(page: Page, delta: number, label: string): Promise<View> {
  const before = await view(page);
  await page.mouse.wheel(0, delta);
  await page.waitForFunction(([sel, top]) => (document.querySelector(`${sel} .ppoc-scroll`) as HTMLElement).scrollTop !== top, [VISUAL, before.scrollTop] as const);
  await page.waitForTimeout(50); // the window follows in the next animation frame
  const after = await view(page);
  const moved = Object.keys(after.tops).filter((k) => k in before.tops).map((k) => before.tops[k] - after.tops[k]);
  assert.ok(moved.length > 0, `${label}: some rows stay rendered across the step`);
  assert.ok(moved.every((m) => Math.abs(m - delta) < 1), `${label}: rows moved by ${[...new Set(moved.map(Math.round))]} for a ${delta}px scroll`);
  assert.ok(after.covered, `${label}: the rows area is covered, no gap`);
  assert.ok(after.trs < MAX_TR, `${label}: ${after.trs} <tr>`);
  return after;
}

/** Scrolls down, up from the middle and to the last row, checking each step (wheelAndCheck). */
async function scrollsSmoothly(page: Page, wrapped: boolean): Promise<void> {
  const start = await view(page);
  if (wrapped) {
    assert.ok(start.heights.length >= 2, `rows of different heights: ${start.heights.join(', ')} px`);
    assert.ok(Math.max(...start.heights) > 2 * 27, 'wrapped rows grow beyond two lines (no clamp)');
  } else {
    assert.deepEqual(start.heights, [18 + 2 * 16 + 5], 'one-line rows: their line, the padding, the line under them');
  }
  await page.mouse.move(600, 500);
  for (let step = 0; step < 8; step++) await wheelAndCheck(page, 300, `down ${step}`);
  await page.$eval(`${VISUAL} .ppoc-scroll`, (scroller) => (scroller.scrollTop = scroller.scrollHeight / 2));
  await page.waitForFunction((sel) => Array.from(document.querySelectorAll(sel)).some((tr) => Number(tr.getAttribute('aria-rowindex')) > 10000), `${VISUAL} tbody tr`);
  await page.waitForTimeout(50);
  for (let step = 0; step < 8; step++) await wheelAndCheck(page, -250, `up ${step}`);
  assert.deepEqual(await wordsBrokenInCells(page), [], 'wrapped only between words');
  // The very end: the last row whole at the bottom of the rows area.
  for (let round = 0; round < 3; round++) {
    await page.$eval(`${VISUAL} .ppoc-scroll`, (scroller) => (scroller.scrollTop = scroller.scrollHeight));
    await page.waitForTimeout(100);
  }
  const end = await view(page);
  assert.ok(end.lastBottomGap !== null && Math.abs(end.lastBottomGap) < 1, `the last row ends at the bottom: ${end.lastBottomGap}`);
  assert.ok(end.trs < MAX_TR);
}

describe('visual in Chromium: wrapped rows of different heights through 30,000 rows', function () {
  const suite = previewSuite({ rows: derbyshireRows(ROWS) });

  // The grid's chrome (cell-chrome.ts) at its largest: the estimates and the one-line height must hold it too.
  const HEAVY_GRID = { horizontalWidth: 5, rowPadding: 16, vertical: true, verticalWidth: 5 };
  const CASES = [
    { label: 'wrapped', objects: { table: { wordWrap: true } } },
    { label: 'wrapped, 5px lines and 16px row padding', objects: { table: { wordWrap: true }, grid: HEAVY_GRID } },
    { label: 'one line, 5px lines and 16px row padding', objects: { grid: HEAVY_GRID } },
  ];

  for (const { label, objects } of CASES) {
    it(`${label}: scrolls smoothly down, up from the middle and to the last row, with under 100 rows in the page`, async () => {
      const page = await openPreview(suite.browser, suite.server.url, suite.log, { viewport: { width: 1300, height: 900 } });
      await setTile(page, 1100, 600);
      await rerender(page, { objects });
      await scrollsSmoothly(page, objects.table?.wordWrap === true);
      await page.context().close();
    });
  }

  it('the grid\'s keys keep the focused cell whole in view among rows of different heights', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log, { viewport: { width: 1300, height: 900 } });
    await setTile(page, 1100, 600);
    await rerender(page, { objects: { table: { wordWrap: true } } });
    await page.locator(`${VISUAL} thead th`).nth(1).focus();
    const log: string[] = [];
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'PageDown', 'PageDown', 'PageDown', 'ArrowUp', 'PageUp', 'Control+End', 'ArrowUp', 'PageUp', 'PageUp', 'Control+Home', 'ArrowDown']) await pressAndSee(page, key, log);
    assert.ok(log.some((line) => line.startsWith('Control+End → row 30001')), log.join(', '));
    await page.context().close();
  });

  itLoggedNoProblems(suite);
});
