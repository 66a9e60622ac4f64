// Fitting the page into the tile: the rows area keeps at least half of the height (and room for
// three whole rows); when the rest does not fit, the notes control, then the legend, then the
// header lines (into a ⓘ tooltip) give way. The sentence wraps but takes at most a third.
// Pure arithmetic on heights measured once, so the page is laid out once more, not per step.

/** .ppoc-main's padding and the gap between its blocks (visual.less), px. */
export const PAGE_PADDING_PX = 4;
export const PAGE_GAP_PX = 4;
/** Whole rows the rows area always has room for, when the tile allows. */
export const MIN_WHOLE_ROWS = 3;

export interface ChromeHeights {
  header: number;
  /** The header as one line: the ⓘ button beside the as-at line. */
  headerCollapsed: number;
  summary: number;
  loading: number;
  legend: number;
  notes: number;
}

export interface ChromeFit {
  notes: boolean;
  legend: boolean;
  headerCollapsed: boolean;
  /** Cap on the sentence's height (it scrolls within), or null when it shows whole. */
  summaryMax: number | null;
}

export interface FitInput {
  /** The tile's height. */
  height: number;
  chrome: ChromeHeights;
  /** One line of the sentence, px. */
  summaryLine: number;
  /** The table's header row and one row, px; and the horizontal scrollbar when it shows. */
  headerRow: number;
  row: number;
  horizontalScrollbar: number;
}

export interface PageFit {
  chrome: ChromeFit;
  /** The table scroller's height, px. */
  scrollerHeight: number;
}

const STEPS: readonly Omit<ChromeFit, 'summaryMax'>[] = [
  { notes: true, legend: true, headerCollapsed: false },
  { notes: false, legend: true, headerCollapsed: false },
  { notes: false, legend: false, headerCollapsed: false },
  { notes: false, legend: false, headerCollapsed: true },
];

export function tableMinimum(input: FitInput): number {
  const wholeRows = input.headerRow + MIN_WHOLE_ROWS * input.row + input.horizontalScrollbar;
  return Math.max(Math.ceil(input.height / 2), wholeRows);
}

export function fitPage(input: FitInput): PageFit {
  const available = Math.max(0, input.height - 2 * PAGE_PADDING_PX);
  const minimum = tableMinimum(input);
  const { chrome, summaryLine } = input;
  const third = Math.max(summaryLine, Math.floor(input.height / 3 / summaryLine) * summaryLine);
  const summary = Math.min(chrome.summary, third);
  for (const step of STEPS) {
    const used = usedHeight(chrome, step, summary);
    if (available - used >= minimum) return done(step, summary, chrome.summary, available - used);
  }
  // Still too tall: everything collapsed, and the sentence gets what is left (at least a line).
  const last = STEPS[STEPS.length - 1];
  const others = usedHeight(chrome, last, 0);
  const room = available - minimum - others - (chrome.summary > 0 ? PAGE_GAP_PX : 0);
  const squeezed = Math.min(summary, Math.max(summaryLine, Math.floor(room / summaryLine) * summaryLine));
  return done(last, squeezed, chrome.summary, available - usedHeight(chrome, last, squeezed));
}

function done(step: Omit<ChromeFit, 'summaryMax'>, summary: number, natural: number, scrollerHeight: number): PageFit {
  return { chrome: { ...step, summaryMax: summary < natural ? Math.ceil(summary) : null }, scrollerHeight: Math.max(0, scrollerHeight) };
}

/** Heights of the visible blocks, each followed by the flex gap. */
function usedHeight(chrome: ChromeHeights, step: Omit<ChromeFit, 'summaryMax'>, summary: number): number {
  const blocks = [
    step.headerCollapsed ? chrome.headerCollapsed : chrome.header,
    summary,
    chrome.loading,
    step.legend ? chrome.legend : 0,
    step.notes ? chrome.notes : 0,
  ];
  return blocks.reduce((sum, height) => sum + (height > 0 ? height + PAGE_GAP_PX : 0), 0);
}
