/**
 * Grid lines and row padding against the column widths, in Chromium with the fit tests'
 * Derbyshire-length rows: a vertical line of any width the format pane allows (1–5 px) and the
 * largest row padding (16 px) never make a table scroll sideways that did not, never widen a
 * column, and leave Status and the predicted date whole and in view, titles whole, and the
 * protected values uncut (the line sits in the padding between two texts: render/cell-chrome.ts).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openPreview } from './support/browser';
import { cellsShowingFewer, columnInView, cutCells, PROTECTED, READABLE, rerender, scrollSideways, setTile, titleProblems } from './support/fit';
import { derbyshireRows } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { TABLE, VISUAL } from './support/visual-page';

const GRIDS: { vertical?: boolean; verticalWidth?: number; rowPadding?: number }[] = [
  { rowPadding: 16 },
  { vertical: true, verticalWidth: 1 },
  { vertical: true, verticalWidth: 5 },
  { vertical: true, verticalWidth: 5, rowPadding: 16 },
  { vertical: true, verticalWidth: 1, rowPadding: 16 },
];

interface Layout {
  scrollWidth: number;
  clientWidth: number;
  /** Each title's rendered width, px. */
  widths: number[];
  /** A body cell's horizontal padding and right border, px. */
  cell: { left: number; right: number; line: number };
}

async function layout(page: Page): Promise<Layout> {
  return page.evaluate((sel) => {
    const scroller = document.querySelector(`${sel} .ppoc-scroll`) as HTMLElement;
    const style = getComputedStyle(scroller.querySelector('tbody td') as HTMLElement);
    return {
      scrollWidth: scroller.scrollWidth,
      clientWidth: scroller.clientWidth,
      widths: Array.from(scroller.querySelectorAll('thead th')).map((th) => th.getBoundingClientRect().width),
      cell: { left: parseFloat(style.paddingLeft), right: parseFloat(style.paddingRight), line: parseFloat(style.borderRightWidth) },
    };
  }, VISUAL);
}

async function assertWholeAndInView(page: Page, label: string): Promise<void> {
  assert.deepEqual(await titleProblems(page), [], `${label}: titles never cut inside a word`);
  for (const title of ['Status', 'Predicted Start Date']) {
    const seen = await columnInView(page, title);
    assert.ok(seen.ok, `${label}: ${title} whole without scrolling: ${seen.detail}`);
  }
  assert.deepEqual(await cutCells(page, PROTECTED, true), [], `${label}: IDs, dates and statuses whole`);
}

async function rowHeights(page: Page): Promise<number[]> {
  return page.$$eval(`${TABLE} tbody tr`, (trs) => [...new Set(trs.map((tr) => tr.getBoundingClientRect().height))]);
}

describe('visual in Chromium: vertical grid lines and row padding never make the table scroll sideways', function () {
  const suite = previewSuite({ rows: derbyshireRows(40) });

  for (const [width, height] of [[1100, 600], [800, 500]] as const) {
    it(`${width}×${height}: lines of 1 and 5 px, row padding 16 px: the widths of no lines, Status and the predicted date whole and in view`, async () => {
      const page = await openPreview(suite.browser, suite.server.url, suite.log);
      await setTile(page, width, height);
      const plain = await layout(page);
      if (width === 1100) assert.ok(plain.scrollWidth <= plain.clientWidth, `no sideways scroll with lines off: ${plain.scrollWidth} in ${plain.clientWidth}`);
      for (const grid of GRIDS) {
        const label = `${width}×${height}, ${JSON.stringify(grid)}`;
        await rerender(page, { objects: { grid } });
        const lined = await layout(page);
        assert.equal(lined.cell.line, grid.vertical ? grid.verticalWidth : 0, `${label}: the line is drawn`);
        assert.ok(lined.scrollWidth <= Math.max(plain.scrollWidth, plain.clientWidth), `${label}: no wider than with lines off (${lined.scrollWidth} px, was ${plain.scrollWidth})`);
        assert.deepEqual(lined.widths, plain.widths, `${label}: every column keeps its width`);
        assert.equal(lined.cell.left + lined.cell.right + lined.cell.line, plain.cell.left + plain.cell.right + plain.cell.line, `${label}: the line takes its room from the padding`);
        await assertWholeAndInView(page, label);
        if (width === 1100) assert.deepEqual(await cellsShowingFewer(page, READABLE, 12), [], `${label}: text columns still show 12 characters`);
        // The rows keep the height the virtual window computes: their line, the padding, the line under them.
        assert.deepEqual(await rowHeights(page), [18 + 2 * (grid.rowPadding ?? 4) + 1], `${label}: row heights`);
        if (width === 800) {
          await scrollSideways(page, true);
          await assertWholeAndInView(page, `${label}, scrolled sideways to the end`);
          await scrollSideways(page, false);
        }
      }
      await page.context().close();
    });
  }

  itLoggedNoProblems(suite);
});
