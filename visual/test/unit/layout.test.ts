import { strict as assert } from 'node:assert';
import type { IsoDate } from '../../../core/src/index';
import { convert } from '../../src/converter/convert';
import { contrastRatio, outlineFor } from '../../src/render/colors';
import { allocateWidths, MIN_DRAGGED_PX } from '../../src/render/column-layout';
import { naturalWidths, twoLineWidth } from '../../src/render/column-widths';
import { dateFormatter } from '../../src/render/format';
import { fitPage, PAGE_GAP_PX, PAGE_PADDING_PX, type ChromeHeights } from '../../src/render/page-fit';
import { TextMeasurer } from '../../src/render/text-measure';
import { DEFAULT_STATUS_COLORS } from '../../src/settings/settings';
import { ALL_ROLES, exampleRows, tableDataView } from './helpers';

const sizing = (natural: number, protectedWidth: boolean, minimum = protectedWidth ? natural : Math.min(natural, 80)) => ({
  natural, minimum, scrolling: protectedWidth ? natural : Math.min(natural, 200), protectedWidth,
});
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('column widths for the space available', () => {
  const columns = [sizing(80, true), sizing(300, false), sizing(100, false), sizing(110, true), sizing(330, true)];

  it('everything fits: protected columns at their natural width, text columns share the rest in proportion', () => {
    const widths = allocateWidths(columns, [], 1200);
    assert.deepEqual([widths[0], widths[3], widths[4]], [80, 110, 330]);
    assert.equal(sum(widths), 1200);
    assert.ok(widths[1] >= 300 && widths[2] >= 100);
    assert.ok(Math.abs(widths[1] / widths[2] - 3) < 0.05);
  });

  it('squeezed: protected columns keep their natural width, text columns shrink but not below their minimum', () => {
    const widths = allocateWidths(columns, [], 720);
    assert.deepEqual(widths, [80, 120, 80, 110, 330]);
  });

  it('too narrow for the minimums: the table scrolls, and text columns get a readable width', () => {
    const widths = allocateWidths(columns, [], 400);
    assert.deepEqual(widths, [80, 200, 100, 110, 330]);
    assert.ok(sum(widths) > 400);
  });

  it('an author\'s width wins, except that a protected column never goes below its natural width', () => {
    const widths = allocateWidths(columns, [40, 500, undefined, 60, 400], 1200);
    assert.deepEqual([widths[0], widths[1], widths[3], widths[4]], [80, 500, 110, 400]);
    assert.equal(widths[2], 1200 - 80 - 500 - 110 - 400);
    assert.equal(allocateWidths([sizing(100, false)], [3], 50)[0], MIN_DRAGGED_PX);
  });
});

describe('natural column widths', () => {
  const measurer = new TextMeasurer();
  const model = convert(tableDataView(ALL_ROLES, exampleRows()), { windowMonths: 3, today: '2022-05-31' as IsoDate });
  const widths = (wordWrap: boolean, sizePt = 10) =>
    naturalWidths({ model, font: { family: 'sans-serif', sizePt }, formatDate: dateFormatter('en-GB'), wordWrap }, measurer);

  it('Person ID, dates and Status are protected; text columns may shrink to a few ems', () => {
    const sizings = widths(false);
    assert.deepEqual(sizings.map((s) => s.protectedWidth), model.columns.map((c) => c.kind !== 'text'));
    for (const s of sizings) assert.ok(s.minimum <= s.natural && s.minimum > 0);
    for (const s of sizings.filter((s) => s.protectedWidth)) assert.equal(s.minimum, s.natural);
  });

  it('the Status column holds its longest status text; with word wrap, that text on two lines', () => {
    const status = model.columns.findIndex((c) => c.role === 'status');
    const longest = measurer.width('Upcoming - Planned Start in Next 3 Months', { family: 'sans-serif', sizePt: 10, weight: 400 });
    assert.ok(widths(false)[status].natural >= longest);
    assert.ok(widths(true)[status].natural < widths(false)[status].natural);
  });

  it('grows with the font size', () => {
    const small = widths(false, 10);
    const large = widths(false, 14);
    small.forEach((s, i) => assert.ok(large[i].natural > s.natural, model.columns[i].role));
  });

  it('a two-line width is the narrowest split between words', () => {
    const chars = (text: string) => text.length;
    assert.equal(twoLineWidth('Predicted Start Date', chars), 'Start Date'.length);
    assert.equal(twoLineWidth('Status', chars), 6);
  });
});

describe('fitting the page into the tile', () => {
  const chrome: ChromeHeights = { header: 58, headerCollapsed: 20, summary: 44, loading: 0, legend: 20, notes: 26 };
  const input = (height: number, heights: Partial<ChromeHeights> = {}) => ({
    height, chrome: { ...chrome, ...heights }, summaryLine: 21.6, headerRow: 46, row: 27, horizontalScrollbar: 15,
  });

  it('a tall tile shows everything', () => {
    const fit = fitPage(input(600));
    assert.deepEqual(fit.chrome, { notes: true, legend: true, headerCollapsed: false, summaryMax: null });
    assert.equal(fit.scrollerHeight, 600 - 2 * PAGE_PADDING_PX - (58 + 44 + 20 + 26) - 4 * PAGE_GAP_PX);
  });

  it('gives way in order: notes, then legend, then the header lines', () => {
    assert.deepEqual(fitPage(input(330)).chrome, { notes: false, legend: true, headerCollapsed: false, summaryMax: null });
    assert.deepEqual(fitPage(input(280)).chrome, { notes: false, legend: false, headerCollapsed: false, summaryMax: null });
    assert.deepEqual(fitPage(input(240)).chrome, { notes: false, legend: false, headerCollapsed: true, summaryMax: null });
  });

  it('the rows area keeps half the tile and three whole rows; the sentence takes at most a third', () => {
    for (const height of [250, 300, 400, 600, 900]) {
      const fit = fitPage(input(height, { summary: 130 }));
      assert.ok(fit.scrollerHeight >= height / 2, `${height}: ${fit.scrollerHeight}`);
      assert.ok(fit.scrollerHeight >= 46 + 3 * 27 + 15, `${height}: three rows`);
      if (fit.chrome.summaryMax !== null) assert.ok(fit.chrome.summaryMax <= height / 3 + 1);
    }
    const small = fitPage(input(250, { summary: 130 }));
    assert.equal(small.chrome.summaryMax, Math.ceil(3 * 21.6));
  });
});

describe('legend swatch outlines', () => {
  it('every default colour\'s swatch edge reaches 3:1 against white, yellow and grey included', () => {
    for (const fill of Object.values(DEFAULT_STATUS_COLORS)) assert.ok(contrastRatio(outlineFor(fill, '#FFFFFF'), '#FFFFFF') >= 3, fill);
    assert.equal(outlineFor('#1F6FB2', '#FFFFFF'), '#1F6FB2', 'a dark fill is its own outline');
    assert.notEqual(outlineFor('#F2C200', '#FFFFFF'), '#F2C200');
  });

  it('the default green reaches at least 4.8:1 with its text', () => {
    assert.ok(contrastRatio(DEFAULT_STATUS_COLORS.onTime, '#FFFFFF') >= 4.8);
  });
});
