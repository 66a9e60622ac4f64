/**
 * Reading and driving the visual on a preview page. The selectors rely only on the visual's
 * contract: `.ppoc-summary` for the sentence and a real <table> with <thead> titles.
 */
import type { Locator, Page } from 'playwright-core';
import type { PreviewRow } from '../../../preview/planned-assessment-source';

export const VISUAL = '#ppoc-preview-visual';
export const TABLE = `${VISUAL} table`;

export interface HostEvent {
  kind: 'started' | 'finished' | 'failed';
  t: number;
  reason: string | null;
}

export interface HostCall {
  method: string;
  args: unknown[];
  t: number;
}

export async function headerTexts(page: Page): Promise<string[]> {
  return page.$$eval(`${TABLE} thead th`, (cells) => cells.map((cell) => (cell.textContent ?? '').trim()));
}

/** Body rows as cell texts (rows without the full set of cells, such as a "no rows" line, included). */
export async function bodyRows(page: Page): Promise<string[][]> {
  return page.$$eval(`${TABLE} tbody tr`, (rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('td, th')).map((cell) => (cell.textContent ?? '').trim())),
  );
}

/** The column index of the title that starts with `title` (titles may carry a sort glyph). */
export async function columnIndex(page: Page, title: string): Promise<number> {
  const index = (await headerTexts(page)).findIndex((text) => text.startsWith(title));
  if (index < 0) throw new Error(`no column titled ${title}`);
  return index;
}

export function titleCell(page: Page, title: string): Locator {
  return page.locator(`${TABLE} thead th`).filter({ hasText: title }).first();
}

/** The summary sentence: its full text (also the accessible text when a small tile shows it compact). */
export async function summaryText(page: Page): Promise<string> {
  return ((await page.textContent(`${VISUAL} .ppoc-summary-full`)) ?? '').replace(/\s+/g, ' ').trim();
}

/** The sentence as the tile shows it: the full form or the compact one, whichever is visible. */
export async function shownSummary(page: Page): Promise<string> {
  return page.$eval(`${VISUAL} .ppoc-summary`, (p) => {
    const shown = Array.from(p.children).find((child) => !(child as HTMLElement).hidden && !child.classList.contains('ppoc-sr-only'));
    return ((shown as HTMLElement | undefined)?.innerText ?? '').replace(/\s+/g, ' ').trim();
  });
}

export async function hostEvents(page: Page): Promise<HostEvent[]> {
  return page.evaluate(() => (window as unknown as { __ppocHost: { __events: HostEvent[] } }).__ppocHost.__events.slice());
}

export async function hostCalls(page: Page, method?: string): Promise<HostCall[]> {
  const calls = await page.evaluate(() => (window as unknown as { __ppocHost: { __calls: HostCall[] } }).__ppocHost.__calls.slice());
  return method ? calls.filter((call) => call.method === method) : calls;
}

export async function resetHostRecords(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __ppocHost: { __reset(): void }; __ppocPreview: { updates: unknown[] } };
    w.__ppocHost.__reset();
    w.__ppocPreview.updates.length = 0;
  });
}

/** How many updates the page has sent the visual since the last reset. */
export async function updateCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __ppocPreview: { updates: unknown[] } }).__ppocPreview.updates.length);
}

/** Waits until the host has seen `count` renderingFinished/Failed events (since the last reset). */
export async function waitForRenders(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => (window as unknown as { __ppocHost: { __events: HostEvent[] } }).__ppocHost.__events.filter((e) => e.kind !== 'started').length >= n,
    count,
    { timeout: 20000 },
  );
}

/** Replaces the page's rows (as the server would have served them) and renders them. */
export async function setRows(page: Page, rows: PreviewRow[]): Promise<void> {
  await page.evaluate((data) => {
    (window as unknown as { __ppocPreview: { setRows(rows: unknown[]): void } }).__ppocPreview.setRows(data);
  }, rows);
}

/** Sends one raw update: `dataViews` as given, the frame's viewport, type Data. */
export async function updateRaw(page: Page, dataViews: unknown[]): Promise<void> {
  await page.evaluate((views) => {
    const w = window as unknown as {
      __ppocPreview: { updateRaw(options: unknown): void };
      PpocDataView: { updateOptions(views: unknown[], viewport: { width: number; height: number }): unknown };
    };
    const element = document.getElementById('ppoc-preview-visual')!;
    w.__ppocPreview.updateRaw(w.PpocDataView.updateOptions(views, { width: element.clientWidth, height: element.clientHeight }));
  }, dataViews);
}

/** Classifies a CSS colour by its dominant hue, so tests do not pin exact shades. */
export function hueName(css: string): 'red' | 'yellow' | 'green' | 'blue' | 'none' | 'other' {
  const match = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(css);
  if (!match || (match[4] !== undefined && Number(match[4]) === 0)) return 'none';
  const [r, g, b] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 12) return 'other';
  let hue: number;
  if (max === r) hue = ((g - b) / (max - min)) * 60;
  else if (max === g) hue = (2 + (b - r) / (max - min)) * 60;
  else hue = (4 + (r - g) / (max - min)) * 60;
  hue = (hue + 360) % 360;
  if (hue < 25 || hue >= 330) return 'red';
  if (hue < 70) return 'yellow';
  if (hue < 170) return 'green';
  if (hue < 260) return 'blue';
  return 'other';
}
