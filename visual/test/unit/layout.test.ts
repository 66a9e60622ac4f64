import { strict as assert } from 'node:assert';
import type { IsoDate } from '../../../core/src/index';
import { convert } from '../../src/converter/convert';
import { localeFormat } from '../../src/locale';
import { cellChrome, GUTTER_PX, MIN_PAD_PX } from '../../src/render/cell-chrome';
import { allocateWidths, MIN_DRAGGED_PX } from '../../src/render/column-layout';
import { atLengthPercentile, breakablePieces, longestPieces, longestTexts, sampleTexts, SAMPLE_ROWS } from '../../src/render/column-sample';
import { measureColumns, READABLE_CHARS, titleMinimum, type ColumnSizing } from '../../src/render/column-widths';
import { fitPage, PAGE_GAP_PX, PAGE_PADDING_PX, type ChromeHeights } from '../../src/render/page-fit';
import { coveredBy, pinColumns } from '../../src/render/pinned-columns';
import { rowGeometry } from '../../src/render/table-layout';
import { TextMeasurer } from '../../src/render/text-measure';
import { createStrings } from '../../src/strings';
import { statusLabels } from '../../src/wording/status-labels';
import { ALL_ROLES, exampleRows, settingsFrom, tableDataView } from './helpers';

const sizing = (minimum: number, preferred: number, protectedWidth = false): ColumnSizing => ({
  minimum, preferred, content: preferred, floor: protectedWidth ? minimum : 30, roomy: minimum + 5, protectedWidth,
});
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('column widths for the space available (automatic table layout)', () => {
  // Person ID, a short and a long text column, a date, Status.
  const columns = [sizing(70, 70, true), sizing(90, 150), sizing(80, 400), sizing(85, 85, true), sizing(120, 120, true)];

  it('every preferred width fits: each gets it, and the text columns share what is left in proportion', () => {
    const widths = allocateWidths(columns, [], 1200);
    assert.deepEqual([widths[0], widths[3], widths[4]], [70, 85, 120]);
    assert.equal(sum(widths), 1200);
    assert.ok(Math.abs((widths[2] - 400) / (widths[1] - 150) - 400 / 150) < 0.05, JSON.stringify(widths));
  });

  it('between the minimums and the preferred widths: the room above the minimums goes by what each still lacks', () => {
    const widths = allocateWidths(columns, [], 600);
    assert.equal(sum(widths), 600);
    assert.deepEqual([widths[0], widths[3], widths[4]], [70, 85, 120], 'protected columns keep their whole width');
    const room = 600 - sum(columns.map((c) => c.minimum));
    const lack = [60, 320];
    assert.ok(Math.abs(widths[1] - (90 + (room * lack[0]) / 380)) <= 1 && Math.abs(widths[2] - (80 + (room * lack[1]) / 380)) <= 1, JSON.stringify(widths));
    assert.ok(widths[1] <= 150 && widths[2] <= 400, 'never beyond the preferred width');
  });

  it('narrower than the minimums: the table scrolls sideways, every column at its roomy width (title on two lines)', () => {
    const widths = allocateWidths(columns, [], 300);
    assert.deepEqual(widths, columns.map((c) => c.roomy));
    assert.deepEqual(allocateWidths(columns, [], sum(columns.map((c) => c.minimum))), columns.map((c) => c.minimum), 'the minimums just fit');
  });

  it("an author's width wins, within its floor (the title whole; a protected column's whole value)", () => {
    const widths = allocateWidths(columns, [40, 500, undefined, 60, 400], 1300);
    assert.deepEqual([widths[0], widths[1], widths[3], widths[4]], [70, 500, 85, 400]);
    assert.equal(widths[2], 1300 - 70 - 500 - 85 - 400);
    assert.equal(allocateWidths([sizing(100, 200)], [3], 50)[0], 30);
    assert.equal(allocateWidths([{ ...sizing(100, 200), floor: 1 }], [3], 50)[0], MIN_DRAGGED_PX);
  });
});

describe('measuring columns', () => {
  const measurer = new TextMeasurer();
  const model = convert(tableDataView(ALL_ROLES, exampleRows()), { windowMonths: 3, today: '2022-05-31' as IsoDate });
  const labels = (mode: 'full' | 'short') => statusLabels(mode, 3, createStrings(undefined), localeFormat('en-GB'));
  const measure = (sizePt = 10, mode: 'full' | 'short' = 'full', chrome = cellChrome(settingsFrom({}).grid)) =>
    measureColumns({ model, valueFont: { family: 'sans-serif', sizePt, weight: 400 }, titleFont: { family: 'sans-serif', sizePt, weight: 600 }, formatDate: localeFormat('en-GB').formatDate, labels: labels(mode), chrome }, measurer);

  it('Person ID, dates and Status are protected (one width); text columns have minimum ≤ preferred ≤ content', () => {
    const sizings = measure();
    assert.deepEqual(sizings.map((s) => s.protectedWidth), model.columns.map((c) => c.kind !== 'text'));
    for (const s of sizings.filter((s) => s.protectedWidth)) assert.deepEqual([s.preferred, s.content, s.floor], [s.minimum, s.minimum, s.minimum]);
    for (const s of sizings) assert.ok(s.floor <= s.minimum && s.minimum <= s.preferred && s.preferred <= s.content && s.minimum <= s.roomy, JSON.stringify(s));
  });

  it('Status holds the labels shown: short labels make it narrower', () => {
    const status = model.columns.findIndex((c) => c.role === 'status');
    assert.ok(measure(10, 'short')[status].minimum < measure(10, 'full')[status].minimum);
    const longest = measurer.width('Upcoming - Planned Start in Next 3 Months', { family: 'sans-serif', sizePt: 10, weight: 400 });
    assert.ok(measure(10, 'full')[status].minimum > longest);
  });

  it('a text column keeps a readable start of its values: 12 characters and "…", or the whole value', () => {
    const team = model.columns.findIndex((c) => c.role === 'team');
    const width = (text: string) => measurer.width(text, { family: 'sans-serif', sizePt: 10, weight: 400 });
    assert.ok(measure()[team].minimum >= width(`${'CS HPND Children In Care Team'.slice(0, READABLE_CHARS)}…`));
    const type = model.columns.findIndex((c) => c.role === 'assessmentType');
    assert.ok(measure()[type].minimum >= width('Reunification'), 'a value of 13 characters shows whole');
  });

  it('grows with the font size', () => {
    const small = measure(10);
    const large = measure(14);
    small.forEach((s, i) => assert.ok(large[i].minimum > s.minimum, model.columns[i].role));
  });

  it('a vertical grid line of any width (1–5 px) and any row padding measure the same widths: the line takes its room from the padding', () => {
    const plain = cellChrome(settingsFrom({}).grid);
    assert.deepEqual([plain.padLeft, plain.padRight, plain.verticalLine], [5, 5, 0], "visual.less's defaults");
    for (let width = 1; width <= 5; width++) {
      for (const rowPadding of [0, 4, 16]) {
        const chrome = cellChrome(settingsFrom({ grid: { vertical: true, verticalWidth: width, rowPadding } }).grid);
        const label = `a ${width}px line, ${rowPadding}px padding`;
        assert.equal(chrome.verticalLine, width, label);
        assert.equal(chrome.padLeft + chrome.padRight + chrome.verticalLine, GUTTER_PX, label);
        assert.ok(Math.min(chrome.padLeft, chrome.padRight) >= MIN_PAD_PX, label);
        assert.deepEqual([chrome.across, chrome.statusAcross], [plain.across, plain.statusAcross], label);
      }
    }
    const widest = cellChrome(settingsFrom({ grid: { vertical: true, verticalWidth: 5, rowPadding: 16 } }).grid);
    assert.deepEqual(measure(10, 'full', widest), measure(10, 'full', plain));
  });

  it('down: a row holds its line, the row padding above and below it, and the horizontal line under it', () => {
    const settings = settingsFrom({ grid: { horizontalWidth: 5, rowPadding: 16 } });
    assert.equal(cellChrome(settings.grid).down, 2 * 16 + 5);
    assert.equal(rowGeometry(settings).rowHeight, 18 + 2 * 16 + 5);
    assert.equal(rowGeometry(settingsFrom({ grid: { horizontal: false, rowPadding: 0 } })).rowHeight, 18);
  });

  it('a title takes at most three lines, broken between words, with the sort arrow on its last line', () => {
    const chars = (text: string) => text.length;
    assert.equal(titleMinimum('Predicted Start Date', chars), 'Predicted'.length);
    assert.equal(titleMinimum('Number of days since the first prediction', chars), 'since the first'.length);
    assert.equal(titleMinimum('Status', chars, 2), 8);
    assert.equal(titleMinimum('Assessment Type', chars, 2), 'Assessment'.length, 'the arrow fits beside "Type"');
  });
});

describe('sampling a column', () => {
  it('reads a bounded, evenly spread sample of rows: O(rows sampled), not O(rows)', () => {
    const rows = Array.from({ length: 30000 }, (_, i) => [`P${i}`]);
    const model = convert(tableDataView(['personId'], rows), { windowMonths: 3, today: '2022-05-31' as IsoDate });
    const texts = sampleTexts(model.rows, 0);
    assert.ok(texts.length <= SAMPLE_ROWS && texts.length >= SAMPLE_ROWS - 1, String(texts.length));
    assert.ok(Number(texts[0].slice(1)) < 75 && Number(texts.at(-1)!.slice(1)) > 29000, 'spread from the start to the end');
    const periodic = convert(tableDataView(['team'], Array.from({ length: 30000 }, (_, i) => [`Team ${i % 6}`])), { windowMonths: 3, today: '2022-05-31' as IsoDate });
    assert.equal(new Set(sampleTexts(periodic.rows, 0)).size, 6, 'values that repeat with a period are all seen (a stride of 75 would see 2 of 6)');
  });

  it('texts by length, their longest pieces, and the pieces a browser breaks a line between', () => {
    assert.deepEqual(longestTexts(['ab', '', 'abcd', 'ab', 'abc'], 2), ['abcd', 'abc']);
    assert.deepEqual(longestTexts(['ab', '', 'abcd', 'ab', 'abc'], 9), ['abcd', 'abc', 'ab']);
    const rows = [...Array.from({ length: 9 }, (_, i) => `row ${i}`), 'a much longer text'];
    assert.deepEqual(atLengthPercentile(rows, 0.9, 2), ['row 0', 'row 1'], '9 of 10 rows are "row n": the 90th percentile is one of them');
    assert.deepEqual(atLengthPercentile(['', '', 'x'], 0.5), [], 'mostly blank: nothing to measure');
    assert.deepEqual(longestPieces(['Charlotte Ashbourne-Whitworth', 'Siobhan Featherstonehaugh'], 2), ['Featherstonehaugh', 'Ashbourne-']);
    assert.deepEqual(breakablePieces('Charlotte Ashbourne-Whitworth'), ['Charlotte', 'Ashbourne-', 'Whitworth']);
    assert.deepEqual(breakablePieces('U6: Foster placement - not FFA/concurrent'), ['U6:', 'Foster', 'placement', '-', 'not', 'FFA/concurrent']);
    assert.deepEqual(breakablePieces('2022-05-31'), ['2022-05-31'], 'no break before a digit');
  });
});

describe('pinned columns', () => {
  const columns = ['personId', 'child', 'team', 'predictedStartDate', 'actualStartDate', 'status'].map((role, i) => ({ role, kind: 'text', title: role, sourceIndex: i })) as never[];
  const widths = [70, 200, 200, 80, 80, 120];

  it('when the table scrolls sideways: Person ID on the left, Predicted Start Date and Status on the right', () => {
    assert.deepEqual(pinColumns(columns, widths, 800), [null, null, null, null, null, null], 'no scrolling, no pins');
    const pins = pinColumns(columns, widths, 500);
    assert.deepEqual(pins, [{ side: 'left', offset: 0 }, null, null, { side: 'right', offset: 120, stop: 70 }, null, { side: 'right', offset: 0, stop: 70 }]);
    assert.deepEqual(coveredBy(pins, widths, 2), { left: 70, right: 200 });
    assert.deepEqual(coveredBy(pins, widths, 4), { left: 70, right: 120 });
  });

  it('lets go of Person ID, then the predicted date, when the pins leave no room; Status always stays', () => {
    assert.deepEqual(pinColumns(columns, widths, 300).map((p) => p?.side ?? null), [null, null, null, 'right', null, 'right']);
    assert.deepEqual(pinColumns(columns, widths, 180).map((p) => p?.side ?? null), [null, null, null, null, null, 'right']);
  });
});

describe('fitting the page into the tile', () => {
  const chrome: ChromeHeights = { header: 58, headerCollapsed: 20, summary: 44, summaryCompact: 24, loading: 0, legend: 20, notes: 26 };
  const input = (height: number, heights: Partial<ChromeHeights> = {}, keep = { notes: false, legend: false }) => ({
    height, chrome: { ...chrome, ...heights }, headerRow: 46, row: 27, horizontalScrollbar: 15, keep,
  });
  const steps = (height: number) => {
    const { notes, legend, headerCollapsed, compact } = fitPage(input(height)).chrome;
    return { notes, legend, headerCollapsed, compact };
  };

  it('a tall tile shows everything, the sentence in full', () => {
    const fit = fitPage(input(600));
    assert.deepEqual(fit.chrome, { notes: true, legend: true, headerCollapsed: false, compact: false });
    assert.equal(fit.scrollerHeight, 600 - 2 * PAGE_PADDING_PX - (58 + 44 + 20 + 26) - 4 * PAGE_GAP_PX);
  });

  it('gives way in order: notes, the full sentence, the legend, the header lines', () => {
    assert.deepEqual(steps(330), { notes: false, legend: true, headerCollapsed: false, compact: false });
    assert.deepEqual(steps(280), { notes: false, legend: true, headerCollapsed: false, compact: true });
    assert.deepEqual(steps(260), { notes: false, legend: false, headerCollapsed: false, compact: true });
    assert.deepEqual(steps(230), { notes: false, legend: false, headerCollapsed: true, compact: true });
  });

  it('a full sentence taller than a third of the tile is compact; the sentence is never capped', () => {
    assert.equal(fitPage(input(600, { summary: 230 })).chrome.compact, true);
    const tiny = fitPage(input(200, { summaryCompact: 70 }));
    assert.equal(tiny.scrollerHeight, 200 - 2 * PAGE_PADDING_PX - (20 + 70) - 2 * PAGE_GAP_PX, 'the rows area takes what is left');
  });

  it('keeps what the user opened (notes, the definitions) and gives the rows area less', () => {
    const fit = fitPage(input(300, { legend: 80 }, { notes: true, legend: true }));
    assert.equal(fit.chrome.notes, true);
    assert.equal(fit.chrome.legend, true);
  });

  it('the rows area keeps half the tile and three whole rows while the chrome can give way', () => {
    for (const height of [250, 300, 400, 600, 900]) {
      const fit = fitPage(input(height, { summary: 60 }));
      assert.ok(fit.scrollerHeight >= height / 2, `${height}: ${fit.scrollerHeight}`);
      assert.ok(fit.scrollerHeight >= 46 + 3 * 27 + 15, `${height}: three rows`);
    }
  });
});
