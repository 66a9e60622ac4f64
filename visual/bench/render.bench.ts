/**
 * Render benchmark of the PACKAGED visual in headless Chromium: update() -> renderingFinished
 * and a title click -> sorted table, at 1,000 and 30,000 rows (median after a warm-up), plus
 * the .pbiviz size. Figures only, no assertions. `tsx visual/bench/render.bench.ts` runs it alone.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { findPackagedVisual, readPackagedVisual } from '../preview/pbiviz';
import { startPreviewServer } from '../preview/server';
import { launchChromium, openPreview, ProblemLog } from '../test/browser/support/browser';
import { manyRows } from '../test/browser/support/fixtures';

export interface RenderBenchFigure {
  rows: number;
  updateMedianMs: number;
  updateToLayoutMedianMs: number;
  sortMedianMs: number;
  /** <tr> elements in the table body after the last update (the visual virtualizes). */
  renderedRows: number;
  runs: number;
}

export interface RenderBenchResult {
  pbivizKb: number;
  figures: RenderBenchFigure[];
}

const SIZES = [1000, 30000];

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One update of the first `rows` rows: ms to renderingFinished, and to the new DOM laid out. */
async function timeUpdate(page: Page, rows: number): Promise<[number, number]> {
  return page.evaluate(async (n) => {
    const w = window as unknown as BenchWindow;
    const preview = w.__ppocPreview;
    const element = document.getElementById('ppoc-preview-visual')!;
    const options = w.PpocDataView.updateOptions(
      [w.PpocDataView.buildDataView(preview.allRows.slice(0, n), { dateMode: 'iso' })],
      { width: element.clientWidth, height: element.clientHeight },
    );
    const events = w.__ppocHost.__events;
    const before = events.length;
    const t0 = performance.now();
    preview.updateRaw(options);
    const deadline = t0 + 60000;
    while (!events.slice(before).some((e) => e.kind !== 'started') && performance.now() < deadline) {
      await new Promise((done) => setTimeout(done, 0));
    }
    const finished = events.slice(before).find((e) => e.kind !== 'started');
    void element.getBoundingClientRect().height; // forces style and layout of the new DOM
    const laidOut = performance.now();
    return [finished ? finished.t - t0 : Number.NaN, laidOut - t0] as [number, number];
  }, rows);
}

/** A click on a title: ms until the table settled (its last DOM change, or renderingFinished). */
async function timeSort(page: Page, title: string): Promise<number> {
  return page.evaluate(async (text) => {
    const w = window as unknown as BenchWindow;
    const root = document.getElementById('ppoc-preview-visual')!;
    const th = Array.from(root.querySelectorAll('thead th')).find((cell) => (cell.textContent ?? '').trim().startsWith(text)) as HTMLElement;
    let lastChange = Number.NaN;
    const observer = new MutationObserver(() => (lastChange = performance.now()));
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    const events = w.__ppocHost.__events;
    const before = events.length;
    const t0 = performance.now();
    th.click();
    // Settle: two frames with no further DOM change.
    for (let quiet = 0, seen = lastChange; quiet < 2; ) {
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      quiet = lastChange === seen ? quiet + 1 : 0;
      seen = lastChange;
    }
    observer.disconnect();
    const finished = events.slice(before).find((e) => e.kind !== 'started');
    const ends = [finished ? finished.t : Number.NaN, lastChange].filter((t) => Number.isFinite(t));
    return ends.length ? Math.max(...ends) - t0 : Number.NaN;
  }, title);
}

interface BenchWindow {
  __ppocPreview: { allRows: unknown[]; updateRaw(options: unknown): void; redeliverPersisted: boolean };
  __ppocHost: { __events: { kind: string; t: number }[] };
  PpocDataView: {
    buildDataView(rows: unknown[], options: object): unknown;
    updateOptions(views: unknown[], viewport: { width: number; height: number }): unknown;
  };
}

async function measureSize(page: Page, rows: number): Promise<RenderBenchFigure> {
  const warmUp = 2;
  const runs = rows > 10000 ? 5 : 9;
  const updates: number[] = [];
  const layouts: number[] = [];
  for (let i = 0; i < warmUp + runs; i++) {
    const [finished, laidOut] = await timeUpdate(page, rows);
    if (i >= warmUp) {
      updates.push(finished);
      layouts.push(laidOut);
    }
  }
  const sorts: number[] = [];
  for (let i = 0; i < warmUp + runs; i++) {
    const time = await timeSort(page, i % 2 ? 'Child' : 'Predicted Start Date');
    if (i >= warmUp) sorts.push(time);
  }
  const renderedRows = await page.$$eval('#ppoc-preview-visual table tbody tr', (trs) => trs.length);
  return { rows, runs, updateMedianMs: median(updates), updateToLayoutMedianMs: median(layouts), sortMedianMs: median(sorts), renderedRows };
}

export default async function renderBench(): Promise<RenderBenchResult> {
  const pbivizPath = findPackagedVisual();
  if (!pbivizPath) throw new Error('No packaged visual in dist/: run `npm run package` first.');
  const pbivizKb = Math.round((readPackagedVisual(pbivizPath).sizeBytes / 1024) * 10) / 10;
  const server = await startPreviewServer({ rows: manyRows(Math.max(...SIZES)), port: 0, pbivizPath });
  const browser = await launchChromium();
  const figures: RenderBenchFigure[] = [];
  try {
    const page = await openPreview(browser, server.url, new ProblemLog(), { viewport: { width: 1400, height: 1000 } });
    await page.evaluate(() => ((window as unknown as BenchWindow).__ppocPreview.redeliverPersisted = false));
    for (const rows of SIZES) figures.push(await measureSize(page, rows));
  } finally {
    await browser.close();
    await server.close();
  }
  printTable(pbivizKb, figures);
  return { pbivizKb, figures };
}

function printTable(pbivizKb: number, figures: RenderBenchFigure[]): void {
  const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');
  console.log(`\nVisual render benchmark (headless Chromium, packaged visual ${pbivizKb} KB)`);
  console.table(
    figures.map((f) => ({
      rows: f.rows,
      'update -> renderingFinished (ms)': ms(f.updateMedianMs),
      'update -> laid out (ms)': ms(f.updateToLayoutMedianMs),
      'title click -> sorted (ms)': ms(f.sortMedianMs),
      '<tr> in DOM': f.renderedRows,
      'runs (median of)': f.runs,
    })),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  renderBench().catch((error: unknown) => {
    console.error(`render bench failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
