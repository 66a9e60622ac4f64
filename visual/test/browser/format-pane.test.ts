/**
 * The format pane a report author expects from a table (issue 21), in real Chromium on the
 * packaged visual: each setting changes what the browser renders (computed styles), the fx
 * rules colour the cells Power BI evaluates them for, Power BI's "Sort by" re-orders the rows,
 * auto-size off keeps the widths; and the promises of the layout still hold with the settings
 * on (no title or word cut, text readable: axe has no serious finding).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { openPreview } from './support/browser';
import { rerender, setTile, titleProblems, wordsBrokenInCells } from './support/fit';
import { derbyshireRows } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { bodyRows, columnIndex, hostCalls, resetHostRecords, setRows, TABLE, VISUAL, waitForRenders } from './support/visual-page';

const fill = (color: string) => ({ solid: { color } });

/** Computed styles of the first body row's cell in a column, and of its title. */
async function styles(page: Page, title: string, row = 0): Promise<{ cell: Record<string, string>; th: Record<string, string> }> {
  const column = await columnIndex(page, title);
  return page.evaluate(
    ([sel, col, at]) => {
      // (No named inner functions: tsx would wrap them in a helper the page does not have.)
      const table = document.querySelector(sel as string) as HTMLTableElement;
      const [cell, th] = [table.tBodies[0].rows[at as number].cells[col as number], table.tHead!.rows[0].cells[col as number]].map((el) => {
        const s = getComputedStyle(el);
        return {
          fontWeight: s.fontWeight, fontStyle: s.fontStyle, textDecoration: s.textDecorationLine, color: s.color, fontFamily: s.fontFamily,
          fontSize: s.fontSize, background: s.backgroundColor, borderBottom: `${s.borderBottomWidth} ${s.borderBottomColor}`,
          borderRight: `${s.borderRightWidth} ${s.borderRightColor}`, paddingTop: s.paddingTop, textAlign: s.textAlign, whiteSpace: s.whiteSpace,
        };
      });
      return { cell, th };
    },
    [TABLE, column, row] as const,
  );
}

/** WCAG contrast of each cell's text on its own background, for cells with a background of their own. */
async function lowContrastCells(page: Page): Promise<string[]> {
  return page.$$eval(`${TABLE} tbody td`, (cells) =>
    cells.flatMap((cell) => {
      const style = getComputedStyle(cell);
      if (style.backgroundColor === 'rgba(0, 0, 0, 0)') return [];
      const [a, b] = [style.color, style.backgroundColor]
        .map((css) => (css.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)))
        .map(([r, g, bl]) => 0.2126 * r + 0.7152 * g + 0.0722 * bl)
        .sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      return ratio < 4.5 ? [`${cell.textContent}: ${style.color} on ${style.backgroundColor} (${ratio.toFixed(2)}:1)`] : [];
    }),
  );
}

async function widths(page: Page): Promise<number[]> {
  return page.$$eval(`${TABLE} thead th`, (ths) => ths.map((th) => Math.round(th.getBoundingClientRect().width)));
}

describe('visual in Chromium: the format pane (fonts, colours, grid, alignment, legend, fx, Sort by)', function () {
  const suite = previewSuite({ rows: derbyshireRows(40) });

  it('values and titles: font, size, bold/italic/underline, colours, title background; titles unwrapped stay whole', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await setTile(page, 1100, 600);
    await rerender(page, {
      objects: {
        table: { fontFamily: 'Georgia', fontSize: 11, bold: true, italic: true, underline: true, fontColor: fill('#203040') },
        columnHeaders: { fontFamily: 'Verdana', fontSize: 9, bold: false, italic: true, underline: true, fontColor: fill('#FFFFFF'), backColor: fill('#1F3864'), wordWrap: false },
      },
    });
    const { cell, th } = await styles(page, 'Child');
    assert.deepEqual([cell.fontWeight, cell.fontStyle, cell.textDecoration, cell.color, cell.fontSize], ['700', 'italic', 'underline', 'rgb(32, 48, 64)', '14.6667px']);
    assert.match(cell.fontFamily, /Georgia/);
    assert.deepEqual(
      [th.fontWeight, th.fontStyle, th.textDecoration, th.color, th.background, th.fontSize, th.whiteSpace],
      ['400', 'italic', 'underline', 'rgb(255, 255, 255)', 'rgb(31, 56, 100)', '12px', 'nowrap'],
    );
    assert.match(th.fontFamily, /Verdana/);
    assert.deepEqual(await titleProblems(page), [], 'one-line titles are never cut');
    assert.deepEqual(await seriousViolations(page), []);
    await page.context().close();
  });

  it('grid: horizontal and vertical lines, row padding, alternate shading, the outline under the titles', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const before = await styles(page, 'Child');
    assert.deepEqual([before.cell.borderBottom, before.cell.borderRight, before.cell.paddingTop, before.th.borderBottom], ['1px rgb(225, 223, 221)', '0px rgba(0, 0, 0, 0)', '4px', '2px rgb(138, 136, 134)']);
    await rerender(page, {
      objects: {
        grid: {
          horizontalColor: fill('#AA0000'), horizontalWidth: 2, vertical: true, verticalColor: fill('#00AA00'), verticalWidth: 3, rowPadding: 8,
          alternateRows: true, alternateColor: fill('#EEF3FA'), outlineColor: fill('#0000AA'), outlineWidth: 4,
        },
      },
    });
    const first = await styles(page, 'Child', 0);
    const second = await styles(page, 'Child', 1);
    assert.deepEqual([first.cell.borderBottom, first.cell.borderRight, first.cell.paddingTop, first.th.borderBottom], ['2px rgb(170, 0, 0)', '3px rgb(0, 170, 0)', '8px', '4px rgb(0, 0, 170)']);
    assert.deepEqual([first.cell.background, second.cell.background], ['rgba(0, 0, 0, 0)', 'rgb(238, 243, 250)']);
    const rowHeight = await page.$eval(`${TABLE} tbody tr`, (tr) => tr.getBoundingClientRect().height);
    assert.ok(rowHeight >= 18 + 16 + 2, `row ${rowHeight}px: its line, 8px padding above and below, a 2px line`);
    await page.context().close();
  });

  it('alignment: IDs and dates right-aligned by default; a column\'s alignment and colours from the format pane', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    assert.equal((await styles(page, 'Person ID')).cell.textAlign, 'right');
    assert.equal((await styles(page, 'Predicted Start Date')).th.textAlign, 'right');
    assert.equal((await styles(page, 'Team')).cell.textAlign, 'left');
    await rerender(page, { objects: { columnFormatting: { teamAlignment: 'center', teamBackground: fill('#FFF4CE'), teamFontColor: fill('#5C4300') } } });
    const team = await styles(page, 'Team');
    assert.deepEqual([team.cell.textAlign, team.th.textAlign, team.cell.background, team.cell.color], ['center', 'center', 'rgb(255, 244, 206)', 'rgb(92, 67, 0)']);
    await page.context().close();
  });

  it('legend: at the bottom, without counts, with the total line', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const box = (sel: string) => page.$eval(sel, (el) => el.getBoundingClientRect().toJSON() as DOMRect);
    assert.ok((await box(`${VISUAL} .ppoc-legend-block`)).bottom <= (await box(`${VISUAL} .ppoc-scroll`)).top, 'on top by default');
    await rerender(page, { objects: { legend: { position: 'bottom', showCounts: false, showTotal: true } } });
    assert.ok((await box(`${VISUAL} .ppoc-legend-block`)).top >= (await box(`${VISUAL} .ppoc-scroll`)).bottom, 'below the table');
    assert.equal(await page.$$eval(`${VISUAL} .ppoc-legend-count`, (spans) => spans.length), 0);
    assert.equal(await page.textContent(`${VISUAL} .ppoc-legend-total`), '40 plans');
    assert.ok(await page.isVisible(`${VISUAL} .ppoc-legend-total`));
    await page.context().close();
  });

  it('fx: a rule colours the status cells it matches, another a column\'s cells; text stays readable (axe)', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await setTile(page, 1100, 600);
    await rerender(page, {
      objects: { statusColumn: { statusLabel: 'short' } },
      rules: [
        { object: 'statusColors', property: 'notYetStarted', field: 'prediction_revisions', ranges: [{ min: 2, color: '#5A0A05' }] },
        { object: 'columnFormatting', property: 'teamBackground', field: 'locality', values: { Chesterfield: '#FFF4CE' } },
        { object: 'columnFormatting', property: 'teamFontColor', field: 'locality', values: { Chesterfield: '#FFFF99' } },
      ],
    });
    const status = await columnIndex(page, 'Status');
    const team = await columnIndex(page, 'Team');
    const cells = await page.$$eval(`${TABLE} tbody tr`, (rows, [s, t]) => rows.map((tr) => {
      const td = tr.querySelectorAll('td');
      return { id: Number(td[0].textContent), status: td[s].textContent, statusBg: getComputedStyle(td[s]).backgroundColor, teamBg: getComputedStyle(td[t]).backgroundColor, teamText: td[t].textContent };
    }), [status, team] as const);
    const notYet = cells.filter((c) => c.status === 'Not Yet Started');
    assert.ok(notYet.length >= 4);
    for (const c of notYet) {
      const revisions = (c.id - 1000001) % 4;
      assert.equal(c.statusBg, revisions >= 2 ? 'rgb(90, 10, 5)' : 'rgb(148, 26, 18)', `row ${c.id}, ${revisions} revisions`);
    }
    assert.ok(cells.some((c) => c.status === 'Started Late' && c.statusBg === 'rgb(242, 194, 0)'), 'other statuses keep the palette');
    const chesterfield = cells.filter((c) => /Chesterfield/.test(c.teamText ?? '') && !/HPND/.test(c.teamText ?? ''));
    assert.ok(chesterfield.length > 0 && chesterfield.every((c) => c.teamBg === 'rgb(255, 244, 206)'), JSON.stringify(chesterfield.slice(0, 2)));
    assert.deepEqual(await lowContrastCells(page), [], 'the pale yellow rule text on pale yellow turned black');
    assert.deepEqual(await seriousViolations(page), []);
    await page.context().close();
  });

  it('Power BI\'s "Sort by" re-orders the rows, and the saved sort follows; a click asks the host to sort the whole dataset', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await resetHostRecords(page);
    await page.evaluate(() => (window as unknown as { __ppocPreview: { sortBy(d: object[]): void } }).__ppocPreview.sortBy([{ queryName: 'planned_assessment.child_name', sortDirection: 2 }]));
    await waitForRenders(page, 1);
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-sort') === 'descending', `${TABLE} th[data-role="child"]`);
    const child = await columnIndex(page, 'Child');
    const names = (await bodyRows(page)).map((r) => r[child]);
    assert.deepEqual(names, names.slice().sort((a, b) => b.localeCompare(a, 'en-GB')), 'Child, descending');
    const saved = (await hostCalls(page, 'persistProperties')).map((c) => JSON.stringify(c.args[0]));
    assert.ok(saved.some((p) => /"objectName":"sort".*"column":"child","direction":"descending"/.test(p)), saved.join('\n'));
    await resetHostRecords(page);
    await page.locator(`${TABLE} th[data-role="team"]`).click();
    const sorts = await hostCalls(page, 'applyCustomSort');
    assert.deepEqual(sorts.map((c) => c.args[0]), [{ sortDescriptors: [{ queryName: 'planned_assessment.team', sortDirection: 1 }] }]);
    await waitForRenders(page, 1);
    assert.equal(await page.getAttribute(`${TABLE} th[data-role="team"]`, 'aria-sort'), 'ascending', 'the host\'s echo keeps the click\'s sort');
    await page.context().close();
  });

  it('auto-size column width off keeps the widths when filters change the rows; on, they follow the content', async () => {
    const short = derbyshireRows(40, () => ({ team: 'CS Team', placement_type: 'U6', placement_provider: 'Own' }));
    for (const autoSizeWidths of [true, false]) {
      const page = await openPreview(suite.browser, suite.server.url, suite.log);
      await setTile(page, 1100, 600);
      // Saved in the report, as the format pane saves it, so every later update carries it.
      await resetHostRecords(page);
      await page.evaluate((on) => {
        const host = (window as unknown as { __ppocHost: { persistProperties(c: object): void } }).__ppocHost;
        host.persistProperties({ merge: [{ objectName: 'columnHeaders', selector: null, properties: { autoSizeWidths: on } }] });
      }, autoSizeWidths);
      await waitForRenders(page, 1);
      const before = await widths(page);
      await resetHostRecords(page);
      await setRows(page, short);
      await waitForRenders(page, 1);
      const after = await widths(page);
      if (autoSizeWidths) assert.notDeepEqual(after, before, 'auto-size: the widths follow the shorter texts');
      else assert.deepEqual(after, before, 'auto-size off: the widths stay');
      await page.context().close();
    }
  });

  it('wrapped values still break only between words with the settings on', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await setTile(page, 800, 500);
    await rerender(page, { objects: { table: { wordWrap: true, fontSize: 11, bold: true }, grid: { vertical: true, verticalWidth: 2, rowPadding: 6 } } });
    assert.deepEqual(await wordsBrokenInCells(page), []);
    assert.deepEqual(await titleProblems(page), []);
    await page.context().close();
  });

  it('high contrast: the author\'s colours and rules give way to the host\'s colours', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log, { query: 'contrast=high' });
    await rerender(page, {
      objects: { columnHeaders: { backColor: fill('#1F3864') }, grid: { alternateRows: true }, columnFormatting: { teamBackground: fill('#FFF4CE') } },
      rules: [{ object: 'statusColors', property: 'notYetStarted', field: 'prediction_revisions', ranges: [{ min: 0, color: '#5A0A05' }] }],
    });
    const colours = await page.$$eval(`${TABLE} th, ${TABLE} td`, (cells) => [...new Set(cells.flatMap((c) => [getComputedStyle(c).backgroundColor, getComputedStyle(c).color]))]);
    const allowed = ['rgb(0, 0, 0)', 'rgb(255, 255, 255)', 'rgb(26, 235, 255)', 'rgb(255, 255, 0)'];
    assert.deepEqual(colours.filter((c) => !allowed.includes(c)), []);
    assert.deepEqual(await seriousViolations(page), []);
    await page.context().close();
  });

  itLoggedNoProblems(suite);
});
