// Each column's natural width: the widest of its title (bold, on at most two lines) and its
// values. Values are the longest few texts by length, found in a bounded sample of rows (every
// row for Person ID), and only those are measured: never every row. Dates and IDs are measured
// with every digit replaced by the font's widest digit, Status as the texts of the statuses
// present (on two lines when word wrap is on), so Person ID, dates and Status are never cut.
import { STATUS_KEYS, statusText, type StatusKey } from '../../../core/src/index';
import type { ColumnModel, ViewModel } from '../converter/view-model';
import type { DateFormatter } from './format';
import type { FontSpec, TextMeasurer } from './text-measure';

export interface ColumnSizing {
  /** Width showing the title and the longest values whole, in px. */
  natural: number;
  /** Narrowest automatic width, in px: the natural width for protected columns. */
  minimum: number;
  /** The width a text column gets when the table scrolls sideways anyway, in px. */
  scrolling: number;
  /** Person ID, dates, Status: never narrower than their natural width. */
  protectedWidth: boolean;
}

/** Cell padding (6 + 6), the status cell's border, and a pixel of rounding. */
const CELL_EXTRA_PX = 18;
const LONGEST_KEPT = 8;
/** Rows scanned for the longest texts of a text column. */
const SAMPLE_ROWS = 2000;
const SAMPLE_DATE = '2088-08-28';

/** A squeezed text column keeps this many ems (its text is cut with "…", the tooltip has it). */
const TEXT_MINIMUM_EM = 4;
/** Once the table scrolls sideways anyway, a text column gets up to this many ems. */
const TEXT_SCROLLING_EM = 10;
/** Room for the sort arrow, drawn over the title's right padding. */
const SORT_ARROW_EM = 0.6;

export interface MeasureInput {
  model: ViewModel;
  font: Omit<FontSpec, 'weight'>;
  formatDate: DateFormatter;
  /** Word wrap on: a status may take two lines (rows are two lines high then). */
  wordWrap: boolean;
}

export function naturalWidths(input: MeasureInput, measurer: TextMeasurer): ColumnSizing[] {
  const emPx = (input.font.sizePt * 4) / 3;
  const bold = { ...input.font, weight: 600 };
  const regular = { ...input.font, weight: 400 };
  const measure = (text: string) => measurer.width(text, regular);
  const digit = widestDigit(measure);
  return input.model.columns.map((column) => {
    const title = twoLineWidth(column.title, (text) => measurer.width(text, bold)) + SORT_ARROW_EM * emPx;
    const protectedWidth = column.kind !== 'text';
    const wrapped = column.kind === 'status' && input.wordWrap;
    const widths = valueTexts(column, input, digit).map((text) => (wrapped ? twoLineWidth(text, measure) : measure(text)));
    const natural = Math.ceil(Math.max(title, ...widths) + CELL_EXTRA_PX);
    const upTo = (ems: number) => (protectedWidth ? natural : Math.min(natural, Math.ceil(emPx * ems)));
    return { natural, minimum: upTo(TEXT_MINIMUM_EM), scrolling: upTo(TEXT_SCROLLING_EM), protectedWidth };
  });
}

/** The narrowest width showing a text on at most two lines, broken between words. */
export function twoLineWidth(text: string, width: (text: string) => number): number {
  const words = text.trim().split(/\s+/);
  let best = width(text);
  for (let split = 1; split < words.length; split++) {
    best = Math.min(best, Math.max(width(words.slice(0, split).join(' ')), width(words.slice(split).join(' '))));
  }
  return best;
}

function valueTexts(column: ColumnModel, input: MeasureInput, digit: string): string[] {
  const { model, formatDate } = input;
  const widest = (text: string) => text.replace(DIGITS, digit);
  if (column.kind === 'date') {
    const unread = model.unreadableDates.longest[column.role as 'predictedStartDate'];
    return [widest(formatDate(SAMPLE_DATE as never)), ...(unread ? [unread] : [])];
  }
  const texts = column.sourceIndex < 0 ? [] : sampleTexts(model, column.sourceIndex, column.kind === 'id');
  if (column.kind === 'status') return [...presentStatuses(model).map((key) => statusText(key, model.windowMonths)), ...texts];
  if (column.kind === 'id') return texts.map(widest);
  return texts;
}

/** The statuses the rows have (all five before any row arrives). */
function presentStatuses(model: ViewModel): StatusKey[] {
  const present = STATUS_KEYS.filter((key) => model.statusCounts[key] > 0);
  return present.length > 0 ? present : [...STATUS_KEYS];
}

const DIGITS = /\d/g;

/**
 * The font's widest digit: a date or ID with every digit replaced by it is at least as wide as
 * any other value of that pattern (one string to measure instead of ten variants).
 */
function widestDigit(measure: (text: string) => number): string {
  let widest = '0';
  for (let d = 1; d <= 9; d++) if (measure(String(d)) > measure(widest)) widest = String(d);
  return widest;
}

/**
 * The longest few texts of a column (by length): among every row for Person ID (it must never
 * be cut), among a bounded, evenly spread sample of rows otherwise (a text column is cut with
 * "…" when squeezed anyway, so a rare longer value costs nothing worse).
 */
export function sampleTexts(model: ViewModel, source: number, everyRow: boolean): string[] {
  const rows = model.rows;
  return longestTexts(rows, source, everyRow ? 1 : Math.max(1, Math.floor(rows.length / SAMPLE_ROWS)));
}

/** The longest few distinct texts (by length) among every `step`-th row; cheap checks first. */
function longestTexts(rows: ViewModel['rows'], source: number, step: number): string[] {
  const longest: string[] = [];
  let floor = -1;
  let lastRaw: unknown = undefined;
  for (let i = 0; i < rows.length; i += step) {
    const raw = rows[i].raw[source];
    if (raw === lastRaw || raw == null) continue;
    lastRaw = raw;
    const text = typeof raw === 'string' ? raw : String(raw);
    if (text.length <= floor || longest.includes(text) || text.trim() === '') continue;
    longest.push(text);
    longest.sort((a, b) => b.length - a.length);
    if (longest.length > LONGEST_KEPT) longest.length = LONGEST_KEPT;
    if (longest.length === LONGEST_KEPT) floor = longest[LONGEST_KEPT - 1].length;
  }
  return longest;
}
