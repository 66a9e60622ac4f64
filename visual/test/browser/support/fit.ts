/**
 * Measuring the visual as laid out in Chromium: tile size, cells whose text does not fit, the
 * rows area and whether the focused cell is in view. Reads the page only (the visual's contract: a
 * real <table> in a scrolling element, `.ppoc-summary`, `.ppoc-header`), never its internals.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { resetHostRecords, VISUAL, waitForRenders } from './visual-page';

/** The columns never cut (their whole value), and the text columns that must stay readable (issue 19). */
export const PROTECTED = ['Person ID', 'Predicted Start Date', 'Actual Start Date', 'Status'];
export const READABLE = ['Child', 'Social Worker', 'Team', 'Locality', 'Provider', 'Assessment Type'];

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
          // Width: everything in the cell (a status's glyph and text); lines: the text's own.
          const range = document.createRange();
          range.selectNodeContents(td);
          const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
          const textWidth = Math.max(...rects.map((r) => r.right)) - Math.min(...rects.map((r) => r.left));
          const text = document.createRange();
          text.selectNodeContents(td.querySelector('.ppoc-cell') ?? td);
          const lines = new Set(Array.from(text.getClientRects()).map((r) => Math.round(r.top))).size;
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

/** Scrolls the table sideways to its far end (or back to the start), and waits for the frame. */
export async function scrollSideways(page: Page, toEnd: boolean): Promise<void> {
  await page.$eval(`${VISUAL} .ppoc-scroll`, (el, end) => (el.scrollLeft = end ? el.scrollWidth : 0), toEnd);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Sends the page's rows again with extra DataView options (e.g. format objects, roles left out, fx rules evaluated per row). */
export async function rerender(page: Page, extra: { objects?: object; omitRoles?: string[]; rules?: object[] }): Promise<void> {
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

export interface TitleProblem {
  title: string;
  problem: string;
}

/**
 * Titles cut inside a word (a word whose glyphs lie on two lines), clipped by their cell, or on
 * more than three lines.
 */
export async function titleProblems(page: Page): Promise<TitleProblem[]> {
  return page.evaluate((sel) => {
    const problems: TitleProblem[] = [];
    for (const th of Array.from(document.querySelectorAll(`${sel} thead th`)) as HTMLElement[]) {
      const span = th.querySelector('.ppoc-th-title') as HTMLElement;
      const text = span.firstChild as Text;
      const title = text.data;
      const box = th.getBoundingClientRect();
      const lines = new Set<number>();
      let at = 0;
      for (const word of title.split(' ')) {
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + word.length);
        at += word.length + 1;
        const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
        tops.forEach((top) => lines.add(top));
        if (tops.size > 1) problems.push({ title, problem: `"${word}" is broken across lines` });
        const r = range.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) problems.push({ title, problem: `"${word}" is clipped` });
      }
      if (lines.size > 3) problems.push({ title, problem: `${lines.size} lines` });
    }
    return problems;
  }, VISUAL);
}

export interface ShortCell {
  column: string;
  text: string;
}

/**
 * Cells of the columns titled `titles` that show fewer than `chars` characters of a longer
 * value: the first `chars` characters and "…" must fit the cell's content box.
 */
export async function cellsShowingFewer(page: Page, titles: string[], chars: number): Promise<ShortCell[]> {
  return page.evaluate(
    ([sel, wanted, count]) => {
      const heads = Array.from(document.querySelectorAll(`${sel} thead th`)).map((th) => (th.textContent ?? '').trim());
      const short: ShortCell[] = [];
      for (const tr of Array.from(document.querySelectorAll(`${sel} tbody tr.ppoc-row`)) as HTMLTableRowElement[]) {
        heads.forEach((title, index) => {
          if (!(wanted as string[]).includes(title)) return;
          const td = tr.cells[index];
          const span = td.querySelector('.ppoc-cell') as HTMLElement;
          const text = span.firstChild as Text | null;
          if (!text || td.scrollWidth <= td.clientWidth) return;
          const style = getComputedStyle(td);
          const content = td.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
          const range = document.createRange();
          range.setStart(text, 0);
          range.setEnd(text, Math.min(count as number, text.data.length));
          const probe = document.createElement('span');
          probe.textContent = '…';
          span.appendChild(probe);
          const ellipsis = probe.getBoundingClientRect().width;
          probe.remove();
          if (range.getBoundingClientRect().right + ellipsis > content + 0.5) short.push({ column: title, text: text.data });
        });
      }
      return short;
    },
    [VISUAL, titles, chars] as const,
  );
}

/**
 * Whether the column titled `title` shows whole without scrolling: its title and every cell of
 * the rows in view lie inside the scroller's visible box, are not covered (the element at their
 * centre is the cell), and their text is not cut.
 */
export async function columnInView(page: Page, title: string): Promise<{ ok: boolean; detail: string }> {
  return page.evaluate(
    ([sel, wanted]) => {
      const table = document.querySelector(`${sel} table`) as HTMLTableElement;
      const scroller = table.closest('.ppoc-scroll') as HTMLElement;
      const box = scroller.getBoundingClientRect();
      const left = box.left + scroller.clientLeft;
      const right = left + scroller.clientWidth;
      const bottom = box.top + scroller.clientTop + scroller.clientHeight;
      const index = Array.from(table.tHead!.rows[0].cells).findIndex((th) => (th.textContent ?? '').trim().startsWith(wanted as string));
      if (index < 0) return { ok: false, detail: 'no such column' };
      const cells = [table.tHead!.rows[0].cells[index], ...Array.from(table.tBodies[0].rows).map((tr) => tr.cells[index])].filter((cell) => {
        const r = cell?.getBoundingClientRect();
        return r && r.bottom > box.top && r.top < bottom - 1;
      });
      for (const cell of cells) {
        const r = cell.getBoundingClientRect();
        if (r.left < left - 0.5 || r.right > right + 0.5) return { ok: false, detail: `${cell.textContent}: ${r.left}–${r.right} outside ${left}–${right}` };
        const y = Math.min(r.top + r.height / 2, (r.top + bottom) / 2);
        const hit = document.elementFromPoint(r.left + r.width / 2, y);
        if (!hit || !cell.contains(hit)) return { ok: false, detail: `${cell.textContent}: covered by ${hit?.textContent}` };
        if (cell.tagName === 'TD' && cell.scrollWidth > cell.clientWidth) return { ok: false, detail: `${cell.textContent}: cut` };
      }
      return { ok: cells.length > 1, detail: `${cells.length} cells` };
    },
    [VISUAL, title] as const,
  );
}

/**
 * Where the focused element sits: a cell of the grid, inside the scroller's visible box, and
 * not covered by the sticky titles or pinned columns (the element at its centre is itself).
 */
export async function focusedCellVisible(page: Page): Promise<{ ok: boolean; cell: string; detail: string }> {
  return page.evaluate((sel) => {
    const cell = document.activeElement as HTMLTableCellElement | null;
    if (!cell || !/^T[HD]$/.test(cell.tagName) || !cell.closest(`${sel} table`)) return { ok: false, cell: '', detail: `focus on ${cell?.tagName}` };
    const tr = cell.parentElement as HTMLTableRowElement;
    const name = `row ${tr.getAttribute('aria-rowindex')} col ${cell.cellIndex + 1}`;
    const scroller = cell.closest('.ppoc-scroll') as HTMLElement;
    const box = scroller.getBoundingClientRect();
    const left = box.left + scroller.clientLeft;
    const top = box.top + scroller.clientTop;
    const r = cell.getBoundingClientRect();
    const inside = r.left >= left - 0.5 && r.right <= left + scroller.clientWidth + 0.5 && r.top >= top - 0.5 && r.bottom <= top + scroller.clientHeight + 0.5;
    if (!inside) return { ok: false, cell: name, detail: `cell ${r.left}–${r.right} × ${r.top}–${r.bottom}, view ${left}–${left + scroller.clientWidth} × ${top}–${top + scroller.clientHeight}` };
    for (const [x, y] of [[r.left + 2, r.top + 2], [r.right - 2, r.bottom - 2], [r.left + r.width / 2, r.top + r.height / 2]]) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !cell.contains(hit)) return { ok: false, cell: name, detail: `covered at ${x},${y} by ${hit?.tagName} ${hit?.textContent}` };
    }
    return { ok: true, cell: name, detail: '' };
  }, VISUAL);
}

/** Presses `key` and checks the focused cell is in view (`log`: the keys so far); returns its "row r col c". */
export async function pressAndSee(page: Page, key: string, log: string[]): Promise<string> {
  await page.keyboard.press(key);
  const seen = await focusedCellVisible(page);
  log.push(`${key} → ${seen.cell}`);
  assert.ok(seen.ok, `${log.join(', ')}: ${seen.detail}`);
  return seen.cell;
}

/**
 * The sentence and the header lines: never in a scroll box of their own, inside the tile, and
 * a line broken only between phrases (a phrase on one line unless it is wider than the line).
 */
export async function textBlockProblems(page: Page): Promise<string[]> {
  return page.evaluate((sel) => {
    const visual = document.querySelector(sel) as HTMLElement;
    const tile = visual.getBoundingClientRect();
    const problems: string[] = [];
    for (const block of Array.from(visual.querySelectorAll('.ppoc-summary, .ppoc-header')) as HTMLElement[]) {
      if (block.offsetParent === null) continue;
      const style = getComputedStyle(block);
      if (/(auto|scroll)/.test(style.overflowY) || block.scrollHeight > block.clientHeight + 1) problems.push(`${block.className} scrolls or is cut`);
      const r = block.getBoundingClientRect();
      if (r.bottom > tile.bottom + 0.5 || r.right > tile.right + 0.5) problems.push(`${block.className} leaves the tile`);
      for (const phrase of Array.from(block.querySelectorAll('.ppoc-phrase')) as HTMLElement[]) {
        if (phrase.offsetParent === null) continue;
        const lines = new Set(Array.from(phrase.getClientRects()).map((rect) => Math.round(rect.top))).size;
        const range = document.createRange();
        range.selectNodeContents(phrase);
        const textLines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size;
        if (lines > 1 || (textLines > 1 && phrase.getBoundingClientRect().width < block.clientWidth - 1)) problems.push(`"${phrase.textContent}" is broken across lines`);
      }
    }
    return problems;
  }, VISUAL);
}

/**
 * Words a wrapped cell breaks inside ("Barthol/omew"): a word (or a hyphenated word's piece, a
 * browser's own break point) whose letters lie on two lines.
 */
export async function wordsBrokenInCells(page: Page): Promise<string[]> {
  return page.evaluate((sel) => {
    const broken: string[] = [];
    for (const span of Array.from(document.querySelectorAll(`${sel} tbody td .ppoc-cell`)) as HTMLElement[]) {
      const text = span.firstChild as Text | null;
      if (!text) continue;
      const pieces = /[^\s-]+-?/g;
      for (let match = pieces.exec(text.data); match; match = pieces.exec(text.data)) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(`${match[0]} in "${text.data}"`);
      }
    }
    return broken;
  }, VISUAL);
}
