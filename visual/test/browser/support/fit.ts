/**
 * Measuring the visual as laid out in Chromium: tile size, cells whose text does not fit, the
 * rows area and the focused row's position. Reads the page only (the visual's contract: a
 * real <table> in a scrolling element, `.ppoc-summary`, `.ppoc-header`), never its internals.
 */
import type { Page } from 'playwright-core';
import { resetHostRecords, VISUAL, waitForRenders } from './visual-page';

/** Resizes the preview frame so the visual's element is exactly width × height, and waits for the render. */
export async function setTile(page: Page, width: number, height: number): Promise<void> {
  const current = await page.evaluate((sel) => {
    const element = document.querySelector(sel) as HTMLElement;
    return [element.clientWidth, element.clientHeight];
  }, VISUAL);
  if (current[0] === width && current[1] === height) return;
  await resetHostRecords(page);
  await page.evaluate(
    ([w, h]) => {
      const frame = document.getElementById('ppoc-preview-frame')!;
      const border = frame.offsetWidth - frame.clientWidth;
      Object.assign(frame.style, { width: `${w + border}px`, height: `${h + border}px` });
    },
    [width, height],
  );
  await waitForRenders(page, 1);
}

export interface CellFit {
  column: string;
  text: string;
  scrollWidth: number;
  clientWidth: number;
  textWidth: number;
  contentWidth: number;
  /** Lines the text takes. */
  lines: number;
}

/**
 * Cells of the columns titled `titles` whose text does not fit (wider than the cell,
 * scrollWidth > clientWidth, or wider than its content box measured on the text itself), and,
 * with `oneLine`, cells whose text takes more than one line.
 */
export async function cutCells(page: Page, titles: string[], oneLine = false): Promise<CellFit[]> {
  return page.evaluate(
    ([sel, wanted, single]) => {
      const heads = Array.from(document.querySelectorAll(`${sel} thead th`)).map((th) => (th.textContent ?? '').trim());
      const columns = heads.map((title, index) => ({ title, index })).filter(({ title }) => (wanted as string[]).some((w) => title.startsWith(w)));
      const cut: CellFit[] = [];
      for (const tr of Array.from(document.querySelectorAll(`${sel} tbody tr`))) {
        for (const { title, index } of columns) {
          const td = (tr as HTMLTableRowElement).cells[index];
          if (!td || !td.textContent) continue;
          const style = getComputedStyle(td);
          const contentWidth = td.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          const range = document.createRange();
          range.selectNodeContents(td);
          const rects = Array.from(range.getClientRects());
          const textWidth = Math.max(...rects.map((r) => r.width));
          const lines = new Set(rects.map((r) => Math.round(r.top))).size;
          if (td.scrollWidth > td.clientWidth || textWidth > contentWidth + 0.5 || (single && lines > 1)) {
            cut.push({ column: title, text: td.textContent, scrollWidth: td.scrollWidth, clientWidth: td.clientWidth, textWidth, contentWidth, lines });
          }
        }
      }
      return cut;
    },
    [VISUAL, titles, oneLine] as const,
  );
}

export interface RowsArea {
  tile: number;
  /** The scrolling element's height (its sticky header included). */
  scroller: number;
  /** Below the sticky header, above a horizontal scrollbar: where rows show. */
  rowsArea: number;
  /** Body rows entirely inside the rows area. */
  wholeRows: number;
}

export async function rowsArea(page: Page): Promise<RowsArea> {
  return page.evaluate((sel) => {
    const visual = document.querySelector(sel) as HTMLElement;
    const table = visual.querySelector('table')!;
    let scroller = table.parentElement as HTMLElement;
    while (scroller !== visual && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement as HTMLElement;
    const box = scroller.getBoundingClientRect();
    const headBottom = table.querySelector('thead th')!.getBoundingClientRect().bottom;
    const bottom = box.top + scroller.clientTop + scroller.clientHeight;
    const wholeRows = Array.from(table.querySelectorAll('tbody tr')).filter((tr) => {
      const r = tr.getBoundingClientRect();
      return r.height > 0 && r.top >= headBottom - 0.5 && r.bottom <= bottom + 0.5;
    }).length;
    return { tile: visual.clientHeight, scroller: box.height, rowsArea: bottom - headBottom, wholeRows };
  }, VISUAL);
}

/** Where the focused element sits against the rows area: true when it is a row shown whole. */
export async function focusedRowVisible(page: Page): Promise<{ row: number | null; whole: boolean; detail: string }> {
  return page.evaluate((sel) => {
    const active = document.activeElement;
    const tr = active instanceof HTMLElement ? active.closest(`${sel} tbody tr`) : null;
    if (!tr) return { row: null, whole: false, detail: `focus on ${active?.tagName}` };
    const table = tr.closest('table')!;
    let scroller = table.parentElement as HTMLElement;
    while (!/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement as HTMLElement;
    const top = table.querySelector('thead th')!.getBoundingClientRect().bottom;
    const box = scroller.getBoundingClientRect();
    const bottom = box.top + scroller.clientTop + scroller.clientHeight;
    const r = tr.getBoundingClientRect();
    const whole = r.top >= top - 0.5 && r.bottom <= bottom + 0.5;
    return { row: Number(tr.getAttribute('aria-rowindex')) - 1, whole, detail: `row ${r.top}–${r.bottom}, area ${top}–${bottom}` };
  }, VISUAL);
}

/** Sends the page's rows again with extra DataView options (e.g. format objects, roles left out). */
export async function rerender(page: Page, extra: { objects?: object; omitRoles?: string[] }): Promise<void> {
  await resetHostRecords(page);
  await page.evaluate((options) => {
    (window as unknown as { __ppocPreview: { render(type: number, extra: object): void } }).__ppocPreview.render(2, options);
  }, extra);
  await waitForRenders(page, 1);
}

/** The table's scroll offset, after scrolling it to `fraction` of its height when given. */
export async function scrollTable(page: Page, fraction?: number): Promise<number> {
  return page.evaluate(
    ([sel, f]) => {
      const table = document.querySelector(`${sel} table`) as HTMLElement;
      let scroller = table.parentElement as HTMLElement;
      while (!/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement as HTMLElement;
      if (typeof f === 'number') scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * f;
      return scroller.scrollTop;
    },
    [VISUAL, fraction ?? null] as const,
  );
}
