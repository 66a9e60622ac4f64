// One layout pass for the page: show every block, read the heights and the table's width in
// one go (the only forced layout), then decide what collapses, the column widths and pins and
// the rows area's height, and write them. Runs on every render and every resize.
import type { ViewModel } from '../converter/view-model';
import type { DateFormatter } from '../locale';
import type { ColumnRole } from '../roles';
import type { ResolvedSettings } from '../settings/resolved';
import type { StatusLabels } from '../wording/status-labels';
import type { ChromeView } from './chrome';
import { allocateWidths } from './column-layout';
import { MAX_TITLE_LINES, measureColumns, statusCellWidth, type ColumnSizing } from './column-widths';
import { fitPage, PAGE_PADDING_PX } from './page-fit';
import { pinColumns } from './pinned-columns';
import type { TableView } from './table';
import { rowGeometry } from './table-layout';
import { fontWeight, TITLE_BOLD_WEIGHT, VALUE_BOLD_WEIGHT } from './table-style';
import { TextMeasurer, type FontSpec } from './text-measure';

export interface ColumnInput {
  model: ViewModel;
  settings: ResolvedSettings;
  formatDate: DateFormatter;
  /** The status texts the cells show. */
  labels: StatusLabels;
  /** The author's column widths (dragged or auto-fitted), px. */
  overrides: Partial<Record<ColumnRole, number>>;
}

export interface LayoutInput extends ColumnInput {
  viewport: { width: number; height: number };
}

export class PageLayout {
  private readonly measurer = new TextMeasurer();
  private sizings: ColumnSizing[] = [];
  private sizingsFor: unknown[] = [];
  private available = 0;
  /** The scroller's scrollbar gutter, px (known after the first layout). */
  private scrollbar = 0;

  constructor(
    private readonly chrome: ChromeView,
    private readonly table: TableView,
  ) {}

  /** Lays the page out; returns the column widths given. */
  run(input: LayoutInput): number[] {
    const { viewport, settings, model } = input;
    // Widths first, for the space the scroller had last time: the one layout read below then
    // lays the table out at its final widths (the usual case), not at whatever it had before.
    this.available = Math.max(0, viewport.width - 2 * PAGE_PADDING_PX - this.scrollbar);
    let widths = this.widths(input);
    this.table.setWidths(widths);
    this.chrome.expand();
    const heights = this.chrome.measure();
    const box = this.table.measureBox();
    if (box.clientWidth > 0) {
      this.scrollbar = box.scrollbar;
      if (box.clientWidth !== this.available) {
        this.available = box.clientWidth;
        widths = this.widths(input);
      }
    }
    const geometry = rowGeometry(settings);
    const headerRow = box.headerHeight > 0 ? box.headerHeight : geometry.headerHeight;
    const horizontalScrollbar = widths.reduce((sum, w) => sum + w, 0) > this.available + 0.5 ? box.scrollbar : 0;
    const fit = fitPage({ height: viewport.height, chrome: heights, headerRow, row: geometry.rowHeight, horizontalScrollbar, keep: this.chrome.opened });
    this.chrome.apply(fit.chrome);
    const pins = pinColumns(model.columns, widths, this.available);
    this.table.layout(widths, pins, fit.scrollerHeight - headerRow - horizontalScrollbar, headerRow);
    return widths;
  }

  /**
   * A font's first measurement costs milliseconds (the browser resolves the font list); later
   * ones microseconds. Done while the page waits for its first data, it stays out of the update.
   */
  warmFonts(settings: ResolvedSettings): void {
    this.measurer.width('0', valueFont(settings));
    this.measurer.width('0', titleFont(settings));
  }

  /** Text widths are measured again (a web font finished loading after the first layout). */
  forgetMeasures(): void {
    this.measurer.clear();
    this.sizingsFor = [];
  }

  /** Column widths for the last measured space (also while a border is dragged). */
  widths(input: ColumnInput): number[] {
    const overrides = input.model.columns.map((column) => input.overrides[column.role]);
    return allocateWidths(this.columnSizings(input), overrides, this.available);
  }

  /** The width that shows column `index`'s widest sampled value whole (a double-click on its border). */
  contentWidth(input: ColumnInput, index: number): number {
    return this.columnSizings(input)[index]?.content ?? 0;
  }

  /** The width of a status cell showing `labels` (for `auto` status labels). */
  statusWidth(model: ViewModel, settings: ResolvedSettings, labels: StatusLabels): number {
    return statusCellWidth(model, labels, valueFont(settings), rowGeometry(settings).chrome, this.measurer);
  }

  private columnSizings(input: ColumnInput): ColumnSizing[] {
    const { model, settings, formatDate, labels } = input;
    const valueFontSpec = valueFont(settings);
    const titleFontSpec = titleFont(settings);
    const titleLines = settings.titles.wrap ? MAX_TITLE_LINES : 1;
    const { chrome } = rowGeometry(settings);
    const key = [model, formatDate, labels, JSON.stringify([valueFontSpec, titleFontSpec, titleLines, chrome.across, chrome.statusAcross])];
    if (key.some((part, i) => part !== this.sizingsFor[i])) {
      this.sizingsFor = key;
      this.sizings = measureColumns({ model, valueFont: valueFontSpec, titleFont: titleFontSpec, formatDate, labels, titleLines, chrome }, this.measurer);
    }
    return this.sizings;
  }
}

function valueFont(settings: ResolvedSettings): FontSpec {
  const { values } = settings;
  return { family: values.family, sizePt: values.sizePt, weight: fontWeight(values, VALUE_BOLD_WEIGHT), italic: values.italic };
}

function titleFont(settings: ResolvedSettings): FontSpec {
  const { titles } = settings;
  return { family: titles.family, sizePt: titles.sizePt, weight: fontWeight(titles, TITLE_BOLD_WEIGHT), italic: titles.italic };
}
