/**
 * Render benchmark of the PACKAGED visual in headless Chromium, measured from outside as a
 * host sees it. Figures only, no assertions. `tsx visual/bench/render.bench.ts` runs it alone.
 *
 * - first update: a fresh page whose visual has only shown its landing page gets 1,000 or
 *   30,000 rows (dates as Date objects, as Power BI sends them); update() → renderingFinished
 *   → two animation frames (so layout and paint are included). Median of fresh pages.
 * - later update: the same, repeated on one page with a new DataView each time.
 * - first sort: a fresh update (idle-time key building switched off, so nothing is prepared),
 *   two frames, then a click on a title → the next frame; every column, three times. Median of
 *   all, and the worst column (the slowest column's median: one slow click on a busy machine is
 *   not a slow column).
 * - later sort: the same title clicked again (keys built) → the next frame. Median.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { findPackagedVisual, readPackagedVisual } from '../preview/pbiviz';
import { startPreviewServer, type PreviewServer } from '../preview/server';
import type { PreviewRow } from '../preview/planned-assessment-source';
import { launchChromium, openPreview, ProblemLog } from '../test/browser/support/browser';
import { derbyshireRows } from '../test/browser/support/fixtures';
import { timeFirstSorts, timeUpdate, type BenchWindow } from './page-timers';

export interface RenderBenchFigure {
  rows: number;
  firstUpdateMs: number;
  laterUpdateMs: number;
  firstSortMs: number | null;
  firstSortWorstMs: number | null;
  laterSortMs: number | null;
  /** <tr> elements in the table body after the last update (the visual virtualizes). */
  renderedRows: number;
}

export interface RenderBenchResult {
  pbivizKb: number;
  figures: RenderBenchFigure[];
}

const SIZES = [1000, 30000];
const FRESH_PAGES = 7;
const SORT_ROUNDS = 3;
const LATER_UPDATES = 7;

export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A preview page with no data: its visual has shown the landing page only. */
async function freshPage(browser: Browser, server: PreviewServer, rows: PreviewRow[]): Promise<Page> {
  const page = await openPreview(browser, server.url, new ProblemLog(), { viewport: { width: 1400, height: 900 } });
  await page.evaluate((data) => ((window as unknown as BenchWindow).__benchRows = data), rows);
  return page;
}

async function measureSize(browser: Browser, server: PreviewServer, all: PreviewRow[], rows: number, sorts: boolean): Promise<RenderBenchFigure> {
  const data = all.slice(0, rows);
  const first: number[] = [];
  for (let run = 0; run < FRESH_PAGES; run++) {
    const page = await freshPage(browser, server, data);
    first.push(await timeUpdate(page));
    await page.context().close();
  }
  const page = await freshPage(browser, server, data);
  const later: number[] = [];
  for (let run = 0; run < LATER_UPDATES + 2; run++) later.push(await timeUpdate(page));
  const renderedRows = await page.$$eval('#ppoc-preview-visual table tbody tr', (trs) => trs.length);
  await page.context().close();
  const figure: RenderBenchFigure = {
    rows, firstUpdateMs: median(first), laterUpdateMs: median(later.slice(2)), firstSortMs: null, firstSortWorstMs: null, laterSortMs: null, renderedRows,
  };
  if (sorts) {
    const sortPage = await freshPage(browser, server, data);
    const { first: firstSorts, later: laterSorts, byColumn } = await timeFirstSorts(sortPage, SORT_ROUNDS);
    await sortPage.context().close();
    const worstColumn = Math.max(...byColumn.map(median));
    Object.assign(figure, { firstSortMs: median(firstSorts), firstSortWorstMs: worstColumn, laterSortMs: median(laterSorts) });
  }
  return figure;
}

export default async function renderBench(): Promise<RenderBenchResult> {
  const pbivizPath = findPackagedVisual();
  if (!pbivizPath) throw new Error('No packaged visual in dist/: run `npm run package` first.');
  const pbivizKb = Math.round((readPackagedVisual(pbivizPath).sizeBytes / 1024) * 10) / 10;
  // No SQLite file: the page starts on the visual's landing page, and the bench sends the rows.
  const server = await startPreviewServer({ sqlitePath: resolve('.tmp', 'bench', 'no-such-file.sqlite'), port: 0, pbivizPath });
  const browser = await launchChromium();
  const all = derbyshireRows(Math.max(...SIZES));
  const figures: RenderBenchFigure[] = [];
  try {
    for (const rows of SIZES) figures.push(await measureSize(browser, server, all, rows, rows === Math.max(...SIZES)));
  } finally {
    await browser.close();
    await server.close();
  }
  printTable(pbivizKb, figures);
  return { pbivizKb, figures };
}

function printTable(pbivizKb: number, figures: RenderBenchFigure[]): void {
  const ms = (value: number | null): string => (value !== null && Number.isFinite(value) ? value.toFixed(1) : 'n/a');
  console.log(`\nVisual render benchmark (headless Chromium, packaged visual ${pbivizKb} KB, 1100×600 tile, medians)`);
  console.table(
    figures.map((f) => ({
      rows: f.rows,
      'first update → finished → 2 frames (ms)': ms(f.firstUpdateMs),
      'later update (ms)': ms(f.laterUpdateMs),
      'first sort → next frame (ms)': ms(f.firstSortMs),
      'first sort, worst column (ms)': ms(f.firstSortWorstMs),
      'later sort (ms)': ms(f.laterSortMs),
      '<tr> in DOM': f.renderedRows,
    })),
  );
  console.log(`First update: median of ${FRESH_PAGES} fresh pages; later update: median of ${LATER_UPDATES}; sorts: every column ${SORT_ROUNDS} times (worst column: the slowest column's median).`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  renderBench().catch((error: unknown) => {
    console.error(`render bench failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
