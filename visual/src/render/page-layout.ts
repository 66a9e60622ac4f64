// One layout pass for the page: show every block, read the heights and the table's width in
// one go (the only forced layout), then decide what collapses, the column widths and the rows
// area's height, and write them. Runs on every render and every resize.
import type { ViewModel } from '../converter/view-model';
import type { ColumnRole } from '../roles';
import type { ResolvedSettings } from '../settings/resolved';
import type { ChromeView } from './chrome';
import { allocateWidths } from './column-layout';
import { naturalWidths, type ColumnSizing } from './column-widths';
import type { DateFormatter } from './format';
import { fitPage, PAGE_PADDING_PX } from './page-fit';
import type { TableView } from './table';
import { rowGeometry } from './table-layout';
import { TextMeasurer } from './text-measure';

export interface LayoutInput {
  viewport: { width: number; height: number };
  model: ViewModel;
  settings: ResolvedSettings;
  formatDate: DateFormatter;
  /** The author's column widths (dragged or auto-fitted), px. */
  overrides: Partial<Record<ColumnRole, number>>;
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

  run(input: LayoutInput): void {
    const { viewport, settings } = input;
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
    const geometry = rowGeometry(settings.fontSize, settings.wordWrap);
    const headerRow = box.headerHeight > 0 ? box.headerHeight : geometry.headerHeight;
    const horizontalScrollbar = widths.reduce((sum, w) => sum + w, 0) > this.available + 0.5 ? box.scrollbar : 0;
    const fit = fitPage({
      height: viewport.height,
      chrome: heights,
      summaryLine: settings.summary.fontSize * (4 / 3) * 1.35,
      headerRow,
      row: geometry.rowHeight,
      horizontalScrollbar,
    });
    this.chrome.apply(fit.chrome);
    this.table.layout(widths, fit.scrollerHeight - headerRow - horizontalScrollbar);
  }

  /** Text widths are measured again (a web font finished loading after the first layout). */
  forgetMeasures(): void {
    this.measurer.clear();
    this.sizingsFor = [];
  }

  /** Column widths for the last measured space (also while a border is dragged). */
  widths(input: Pick<LayoutInput, 'model' | 'settings' | 'formatDate' | 'overrides'>): number[] {
    const sizings = this.naturalSizings(input);
    const overrides = input.model.columns.map((column) => input.overrides[column.role]);
    return allocateWidths(sizings, overrides, this.available);
  }

  /** The width that shows column `index` whole (a double-click on its border). */
  naturalWidth(input: Pick<LayoutInput, 'model' | 'settings' | 'formatDate'>, index: number): number {
    return this.naturalSizings(input)[index]?.natural ?? 0;
  }

  private naturalSizings(input: Pick<LayoutInput, 'model' | 'settings' | 'formatDate'>): ColumnSizing[] {
    const { model, settings, formatDate } = input;
    const key = [model, settings.fontFamily, settings.fontSize, settings.wordWrap, formatDate];
    if (key.some((part, i) => part !== this.sizingsFor[i])) {
      this.sizingsFor = key;
      const font = { family: settings.fontFamily, sizePt: settings.fontSize };
      this.sizings = naturalWidths({ model, font, formatDate, wordWrap: settings.wordWrap }, this.measurer);
    }
    return this.sizings;
  }
}
