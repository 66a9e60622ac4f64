// Fitting the page into the tile: the rows area keeps at least half of the height (and room for
// three whole rows); when the rest does not fit, these give way in turn: the notes control, the
// full sentence (for its compact form), the legend, then the header lines (into a ⓘ button).
// What the user opened (notes, the legend's definitions) stays. The sentence is never cut and
// never scrolls: when even the compact form leaves less than the minimum, the rows area gets
// what is left. Pure arithmetic on heights measured once, so the page is laid out once more.

/** .ppoc-main's padding and the gap between its blocks (visual.less), px. */
export const PAGE_PADDING_PX = 4;
export const PAGE_GAP_PX = 4;
/** Whole rows the rows area always has room for, when the tile allows. */
export const MIN_WHOLE_ROWS = 3;

export interface ChromeHeights {
  header: number;
  /** The header as one line: the ⓘ button beside the as-at line. */
  headerCollapsed: number;
  /** The full sentence, and its compact form. */
  summary: number;
  summaryCompact: number;
  loading: number;
  legend: number;
  notes: number;
}

export interface ChromeFit {
  notes: boolean;
  legend: boolean;
  headerCollapsed: boolean;
  /** The sentence in its compact form. */
  compact: boolean;
}

export interface FitInput {
  /** The tile's height. */
  height: number;
  chrome: ChromeHeights;
  /** The table's header row and one row, px; and the horizontal scrollbar when it shows. */
  headerRow: number;
  row: number;
  horizontalScrollbar: number;
  /** Blocks the user opened, kept whatever the room. */
  keep?: { notes: boolean; legend: boolean };
}

export interface PageFit {
  chrome: ChromeFit;
  /** The table scroller's height, px. */
  scrollerHeight: number;
}

const STEPS: readonly ChromeFit[] = [
  { notes: true, legend: true, headerCollapsed: false, compact: false },
  { notes: false, legend: true, headerCollapsed: false, compact: false },
  { notes: false, legend: true, headerCollapsed: false, compact: true },
  { notes: false, legend: false, headerCollapsed: false, compact: true },
  { notes: false, legend: false, headerCollapsed: true, compact: true },
];

export function tableMinimum(input: FitInput): number {
  const wholeRows = input.headerRow + MIN_WHOLE_ROWS * input.row + input.horizontalScrollbar;
  return Math.max(Math.ceil(input.height / 2), wholeRows);
}

export function fitPage(input: FitInput): PageFit {
  const available = Math.max(0, input.height - 2 * PAGE_PADDING_PX);
  const minimum = tableMinimum(input);
  const { chrome } = input;
  // A full sentence taller than a third of the tile does not fit, whatever else gives way.
  const compactAlways = chrome.summary > input.height / 3;
  const steps = STEPS.map((step) => ({
    ...step,
    notes: step.notes || input.keep?.notes === true,
    legend: step.legend || input.keep?.legend === true,
    compact: step.compact || compactAlways,
  }));
  for (const step of steps) {
    const used = usedHeight(chrome, step);
    if (available - used >= minimum) return { chrome: step, scrollerHeight: available - used };
  }
  const last = steps[steps.length - 1];
  return { chrome: last, scrollerHeight: Math.max(0, available - usedHeight(chrome, last)) };
}

/** Heights of the visible blocks, each followed by the flex gap. */
function usedHeight(chrome: ChromeHeights, step: ChromeFit): number {
  const blocks = [
    step.headerCollapsed ? chrome.headerCollapsed : chrome.header,
    step.compact ? chrome.summaryCompact : chrome.summary,
    chrome.loading,
    step.legend ? chrome.legend : 0,
    step.notes ? chrome.notes : 0,
  ];
  return blocks.reduce((sum, height) => sum + (height > 0 ? height + PAGE_GAP_PX : 0), 0);
}
