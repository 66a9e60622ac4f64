/**
 * The benchmark's in-page timers (run through page.evaluate): an update timed to its second
 * animation frame, and title clicks timed to the next frame. They read the fake host's
 * rendering events and the preview page's objects, nothing of the visual's internals.
 */
import type { Page } from 'playwright-core';

export interface BenchWindow {
  __benchRows: unknown[];
  __ppocPreview: { visual: { update(options: unknown): void }; redeliverPersisted: boolean };
  __ppocHost: { __events: { kind: string; t: number }[] };
  PpocDataView: {
    buildDataView(rows: unknown[], options: object): unknown;
    updateOptions(views: unknown[], viewport: { width: number; height: number }): unknown;
  };
  requestIdleCallback?: unknown;
}

/** update() → renderingFinished → two frames, in ms (NaN when no rendering event came). */
export async function timeUpdate(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const w = window as unknown as BenchWindow;
    const element = document.getElementById('ppoc-preview-visual')!;
    const options = w.PpocDataView.updateOptions(
      [w.PpocDataView.buildDataView(w.__benchRows, { dateMode: 'date' })],
      { width: element.clientWidth, height: element.clientHeight },
    );
    // (No named inner functions: tsx would wrap them in a helper the page does not have.)
    await new Promise((done) => requestAnimationFrame(done));
    const events = w.__ppocHost.__events;
    const before = events.length;
    const t0 = performance.now();
    w.__ppocPreview.visual.update(options);
    if (!events.slice(before).some((e) => e.kind !== 'started')) return Number.NaN;
    await new Promise((done) => requestAnimationFrame(done));
    await new Promise((done) => requestAnimationFrame(done));
    return performance.now() - t0;
  });
}

/**
 * For each column title, `rounds` times: a fresh update with idle-time key building off, two
 * frames, a click (first sort), the next frame; then the same title again (later sort).
 */
export async function timeFirstSorts(page: Page, rounds: number): Promise<{ first: number[]; later: number[]; byColumn: number[][] }> {
  // No idle-time key building (nothing prepared before the click), and no re-delivery of the
  // saved sort by the fake host (in Power BI that comes later, as an update of its own).
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    w.requestIdleCallback = undefined;
    w.__ppocPreview.redeliverPersisted = false;
  });
  const first: number[] = [];
  const later: number[] = [];
  await timeUpdate(page);
  const titles = await page.$$eval('#ppoc-preview-visual thead th', (cells) => cells.length);
  const byColumn: number[][] = Array.from({ length: titles }, () => []);
  for (let round = 0; round < rounds; round++) {
    for (let column = 0; column < titles; column++) {
      await timeUpdate(page);
      const time = await timeClick(page, column);
      first.push(time);
      byColumn[column].push(time);
      later.push(await timeClick(page, column));
    }
  }
  return { first, later, byColumn };
}

async function timeClick(page: Page, column: number): Promise<number> {
  return page.evaluate(async (index) => {
    const th = document.querySelectorAll('#ppoc-preview-visual thead th')[index] as HTMLElement | undefined;
    if (!th) return Number.NaN;
    const t0 = performance.now();
    th.click();
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    return performance.now() - t0;
  }, column);
}
