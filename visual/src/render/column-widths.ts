// Each column's widths, measured as a browser's automatic table layout would see them:
// - minimum: its longest word (the title's included, the title on at most three lines), capped,
//   and never less than a readable start of its values (12 characters and "…", or the whole);
// - preferred: its whole content at the 90th percentile of the sampled rows, capped;
// - content: its widest sampled value whole (a double-click on its border fits to this).
// Person ID, dates and Status never wrap and are never cut: all three widths are their whole
// value (dates and IDs with every digit replaced by the font's widest digit, Status as the
// labels shown, with its glyph). Fonts and wrapping are inputs, so text settings change them;
// the room beside the text is the cell's chrome (cell-chrome.ts), which grid lines never grow.
import { STATUS_KEYS, type StatusKey } from '../../../core/src/index';
import type { ColumnModel, DateRole, ViewModel } from '../converter/view-model';
import type { DateFormatter } from '../locale';
import type { StatusLabels } from '../wording/status-labels';
import type { CellChrome } from './cell-chrome';
import { atLengthPercentile, longestPieces, longestTexts, sampleTexts } from './column-sample';
import { ptToPx, type FontSpec, type TextMeasurer } from './text-measure';

export interface ColumnSizing {
  minimum: number;
  preferred: number;
  content: number;
  /** The narrowest width a dragged border may leave: the title whole, on at most three lines. */
  floor: number;
  /**
   * The width when the table scrolls sideways anyway: at least the minimum, and the title on
   * at most two lines (a lower header leaves the rows more room on a small tile).
   */
  roomy: number;
  /** Person ID, dates, Status: never narrower than their whole value. */
  protectedWidth: boolean;
}

export interface MeasureInput {
  model: ViewModel;
  valueFont: FontSpec;
  titleFont: FontSpec;
  formatDate: DateFormatter;
  /** The status texts the cells show. */
  labels: StatusLabels;
  /** Lines a title may wrap over (1: titles do not wrap, format pane). */
  titleLines?: number;
  /** The room beside a cell's text: padding, grid line, a status cell's bar (cell-chrome.ts). */
  chrome: CellChrome;
}

/** A status's glyph and the gap after it, in ems (visual.less). */
export const GLYPH_EM = 0.8 + 0.3;
/** A title breaks over at most this many lines. */
export const MAX_TITLE_LINES = 3;
/** Caps, in ems of the values' font: a longest word beyond MIN_CAP is cut with "…". */
const MIN_CAP_EM = 7;
const PREFERRED_CAP_EM = 20;
/** A squeezed text column still shows this many characters of each value (then "…"). */
export const READABLE_CHARS = 12;
/** A column's longest texts searched for its longest word, and distinct starts measured for its readable width. */
const WORD_SOURCES = 48;
const STARTS_MEASURED = 16;
/** Room for the sort arrow and level, glued to the title's last word (visual.less). */
const SORT_ARROW_EM = 1;
const SAMPLE_DATE = '2088-08-28';
const DIGITS = /\d/g;

export function measureColumns(input: MeasureInput, measurer: TextMeasurer): ColumnSizing[] {
  const em = ptToPx(input.valueFont.sizePt);
  const titleEm = ptToPx(input.titleFont.sizePt);
  const inset = input.chrome.across;
  const titleLines = input.titleLines ?? MAX_TITLE_LINES;
  const value = (text: string) => measurer.width(text, input.valueFont);
  const digit = widestDigit(value);
  return input.model.columns.map((column) => {
    const title = (lines: number) => Math.ceil(titleMinimum(column.title, (text) => measurer.width(text, input.titleFont), SORT_ARROW_EM * titleEm, lines) + inset);
    const floor = title(titleLines);
    const twoLines = title(Math.min(2, titleLines));
    if (column.kind !== 'text') {
      const beside = column.kind === 'status' ? besideStatus(input.chrome, em) : inset;
      const whole = Math.ceil(Math.max(0, ...protectedTexts(column, input, digit).map(value)) + beside);
      const width = Math.max(floor, whole);
      return { minimum: width, preferred: width, content: width, floor: width, roomy: Math.max(width, twoLines), protectedWidth: true };
    }
    // Texts ranked by length stand in for widths: only a few are measured (those at the rows'
    // 90th percentile, the longest, its longest words, a few distinct starts), not every one.
    const sample = sampleTexts(input.model.rows, column.sourceIndex);
    const longest = longestTexts(sample, WORD_SOURCES);
    const widest = (list: readonly string[]) => Math.max(0, ...list.map(value));
    const word = widest(longestPieces(longest));
    const minimum = Math.max(floor, Math.ceil(Math.max(Math.min(word, MIN_CAP_EM * em), readableWidth(sample, value)) + inset));
    const p90 = widest(atLengthPercentile(sample, 0.9));
    const preferred = Math.max(minimum, Math.ceil(Math.min(p90, PREFERRED_CAP_EM * em) + inset));
    const content = Math.max(preferred, Math.ceil(widest(longest.slice(0, 1)) + inset));
    return { minimum, preferred, content, floor, roomy: Math.max(minimum, twoLines), protectedWidth: false };
  });
}

/**
 * The width that shows every sampled value's first READABLE_CHARS characters and "…" (or the
 * whole value when that is narrower). Values sharing a start (a first name) are measured once.
 */
function readableWidth(texts: readonly string[], width: (text: string) => number): number {
  const starts = new Set<string>();
  for (let i = 0; i < texts.length && starts.size < STARTS_MEASURED; i++) {
    const text = texts[i];
    if (text === '') continue;
    starts.add(text.length > READABLE_CHARS + 1 ? `${text.slice(0, READABLE_CHARS).trimEnd()}…` : text);
  }
  let widest = 0;
  for (const start of starts) widest = Math.max(widest, width(start));
  return widest;
}

/** The width of a status cell showing the widest of `labels` for the statuses present. */
export function statusCellWidth(model: ViewModel, labels: StatusLabels, font: FontSpec, chrome: CellChrome, measurer: TextMeasurer): number {
  const em = ptToPx(font.sizePt);
  const widest = Math.max(0, ...presentStatuses(model).map((key) => measurer.width(labels[key], font)));
  return Math.ceil(widest + besideStatus(chrome, em));
}

/** What a status cell holds beside its label: its chrome and bar, the glyph and its gap. */
function besideStatus(chrome: CellChrome, em: number): number {
  return chrome.statusAcross + GLYPH_EM * em;
}

/**
 * The narrowest width showing `text` on at most `maxLines` lines broken between words (greedy,
 * as a browser wraps), `tail` px glued to the last word (the sort arrow): the smallest run of
 * consecutive words that is wide enough.
 */
export function titleMinimum(text: string, width: (text: string) => number, tail = 0, maxLines = MAX_TITLE_LINES): number {
  const words = text.trim().split(/\s+/).filter((word) => word !== '');
  const run = (from: number, to: number) => width(words.slice(from, to + 1).join(' ')) + (to === words.length - 1 ? tail : 0);
  // A word a line: the widest word is enough (and only the words need measuring).
  if (words.length <= maxLines) return Math.max(0, ...words.map((_, i) => run(i, i)));
  const runs: number[] = [];
  for (let i = 0; i < words.length; i++) for (let j = i; j < words.length; j++) runs.push(run(i, j));
  const widest = Math.max(0, ...words.map((_, i) => run(i, i)));
  const fits = (limit: number) => wrappedLines(words.length, run, limit) <= maxLines;
  return runs.filter((w) => w >= widest).sort((a, b) => a - b).find(fits) ?? run(0, words.length - 1);
}

/** Lines a greedy wrap of `count` words takes within `limit` px; `run(i, j)` is words i…j's width. */
export function wrappedLines(count: number, run: (from: number, to: number) => number, limit: number): number {
  let lines = count > 0 ? 1 : 0;
  let start = 0;
  for (let word = 1; word < count; word++) {
    if (run(start, word) > limit + 0.5) {
      lines += 1;
      start = word;
    }
  }
  return lines;
}

function protectedTexts(column: ColumnModel, input: MeasureInput, digit: string): string[] {
  const { model, formatDate } = input;
  const widest = (text: string) => text.replace(DIGITS, digit);
  if (column.kind === 'status') return presentStatuses(model).map((key) => input.labels[key]);
  if (column.kind === 'date') {
    const unread = model.dateProblems[column.role as DateRole]?.longest;
    return [widest(formatDate(SAMPLE_DATE as never)), ...(unread ? [unread] : [])];
  }
  // IDs: the longest few sampled (one pattern of digits and letters), with the widest digit.
  return longestTexts(sampleTexts(model.rows, column.sourceIndex), 4).slice(0, 4).map(widest);
}

/** The statuses the rows have (all five before any row arrives). */
function presentStatuses(model: ViewModel): StatusKey[] {
  const present = STATUS_KEYS.filter((key) => model.statusCounts[key] > 0);
  return present.length > 0 ? present : [...STATUS_KEYS];
}

/**
 * The font's widest digit: a date or ID with every digit replaced by it is at least as wide as
 * any other value of that pattern (one string to measure instead of ten variants).
 */
function widestDigit(measure: (text: string) => number): string {
  let widest = '0';
  for (let d = 1; d <= 9; d++) if (measure(String(d)) > measure(widest)) widest = String(d);
  return widest;
}
