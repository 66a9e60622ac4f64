// The visual's behaviour behind the lifecycle: convert once per data update, sort with cached
// keys, lay the page out for the tile, render the chrome and the visible rows, and wire
// selection, tooltips, sorting and column resizing.
import powerbi from 'powerbi-visuals-api';
import { FormattingSettingsService } from 'powerbi-visuals-utils-formattingmodel';
import { calendarDateFromLocalDate, type IsoDate } from '../../core/src/index';
import { convert } from './converter/convert';
import type { ColumnModel, RowModel, ViewModel } from './converter/view-model';
import { KeyWarmer } from './interaction/key-warmer';
import { safe, SelectionController } from './interaction/selection';
import { tooltipItems, TooltipController } from './interaction/tooltips';
import { localeFormat, type LocaleFormat } from './locale';
import { ChromeView, renderLanding } from './render/chrome';
import { el, setHidden } from './render/dom';
import { PageLayout, type ColumnInput } from './render/page-layout';
import { TableView } from './render/table';
import type { ColumnRole } from './roles';
import { persistWidth, readPersistedWidths, type WidthOverrides } from './settings/persisted-widths';
import { resolveSettings, type HighContrastColors, type ResolvedSettings } from './settings/resolved';
import { VisualSettings } from './settings/settings';
import { persistSort, sortKey } from './sorting/persisted-sort';
import { SortState } from './sorting/sort-state';
import { nextSort, RowSorter } from './sorting/sorter';
import { createStrings, type Strings } from './strings';
import { requestMoreData, showWarnings } from './warnings';
import { chooseLabelMode, type StatusLabelMode } from './wording/status-labels';
import { Wording } from './wording/wording';

type IVisualHost = powerbi.extensibility.visual.IVisualHost;
type UpdateOptions = powerbi.extensibility.visual.VisualUpdateOptions;

const DATA_CHANGE = 2;
const RESIZE_ONLY_MASK = 4 | 32;

export class PlannedAssessmentsApp {
  private readonly root = el('div', 'ppoc-root');
  private readonly landing = el('div', 'ppoc-landing');
  private readonly main = el('div', 'ppoc-main');
  private readonly strings: Strings;
  private readonly formatting: FormattingSettingsService;
  private readonly selection: SelectionController;
  private readonly tooltips: TooltipController;
  private readonly chrome: ChromeView;
  private readonly table: TableView;
  private readonly page: PageLayout;
  private readonly warmer = new KeyWarmer();
  private readonly locale: LocaleFormat;
  private readonly wording: Wording;
  /** The cells' status texts: full or short (format pane `statusLabel`, `auto` by the tile's width). */
  private labelMode: StatusLabelMode = 'full';
  /** The as-at date the data last gave: an empty page after filtering still shows it. */
  private dataAsAt: IsoDate | null = null;
  private settingsModel = new VisualSettings();
  private settings: ResolvedSettings | null = null;
  private model: ViewModel | null = null;
  private sorter: RowSorter | null = null;
  private sorted: RowModel[] = [];
  private readonly sort = new SortState();
  private sortedFor: string | null = null;
  private widths: WidthOverrides = {};
  /** Auto-size column width off: the widths columns had, kept as the data changes. */
  private frozen: WidthOverrides = {};
  private lastPersistedWidths = '{}';
  private dataView: powerbi.DataView | undefined;
  private lastConverted: powerbi.DataView | undefined;
  private convertKey = '';
  private viewport = { width: 800, height: 600 };
  private sentenceReady = true;
  private readonly fetched = { for: undefined as powerbi.DataView | undefined, ready: true };
  /** The row under the pointer and its tooltip (rows are new objects after each conversion). */
  private hovered: { row: RowModel; items: ReturnType<typeof tooltipItems> } | null = null;
  /** Counts conversions: tests check a resize does not convert again. */
  conversions = 0;

  constructor(
    element: HTMLElement,
    private readonly host: IVisualHost | undefined,
  ) {
    this.strings = createStrings(host);
    this.formatting = new FormattingSettingsService(safe(() => host?.createLocalizationManager?.()));
    this.locale = localeFormat(host?.locale);
    this.wording = new Wording(this.strings, this.locale);
    this.selection = new SelectionController(host, () => this.table.refreshSelection());
    this.tooltips = new TooltipController(host);
    this.chrome = new ChromeView((url) => safe(() => this.host?.launchUrl?.(url)));
    this.table = new TableView({
      sort: (role, add) => this.onSort(role, add),
      rowClick: (row, event) => this.selection.select(row, event.ctrlKey || event.metaKey || event.shiftKey, this.interactive()),
      rowActivate: (row, multi) => this.selection.select(row, multi, this.interactive()),
      contextMenu: (row, x, y) => this.selection.showContextMenu(row, x, y, this.interactive()),
      rowHover: (row, event) => this.onHover(row, event),
      isSelected: (row) => this.selection.isSelected(row),
      hasSelection: () => this.selection.hasSelection(),
      resize: {
        widthOf: (index) => this.table.widthOf(index),
        preview: (index, width) => this.table.setWidths(this.widthsWith(index, width)),
        commit: (index, width) => this.setColumnWidth(index, width),
        autoFit: (index) => this.setColumnWidth(index, this.model ? this.page.contentWidth(this.layoutInputs(), index) : 0),
      },
    });
    this.page = new PageLayout(this.chrome, this.table);
    this.chrome.onToggled = () => this.layout();
    // Widths measured before a web font arrived would be too narrow for it: measure again.
    safe(() => document.fonts?.addEventListener?.('loadingdone', this.onFontsLoaded));
    this.root.setAttribute('role', 'region');
    this.root.setAttribute('aria-label', this.strings('Visual_Label'));
    this.main.append(this.chrome.header, this.chrome.summary, this.chrome.loading, this.chrome.legend, this.chrome.notes, this.table.scroller);
    this.root.append(this.landing, this.main);
    this.root.addEventListener('click', (event) => this.onBackgroundClick(event));
    this.root.addEventListener('contextmenu', (event) => this.onBackgroundMenu(event));
    element.appendChild(this.root);
    setTimeout(() => safe(() => this.warmUp()), 0);
  }

  update(options: UpdateOptions): void {
    const width = Number(options?.viewport?.width);
    const height = Number(options?.viewport?.height);
    if (width > 0 && height > 0) {
      this.viewport = { width, height };
      // The tile's size from the host, not from the element's CSS: a host that does not size
      // the element still gets a page that fits the viewport it reported.
      this.root.style.width = `${width}px`;
      this.root.style.height = `${height}px`;
    }
    const dataView = Array.isArray(options?.dataViews) ? options.dataViews[0] : undefined;
    const type = Number(options?.type) || 0;
    if (this.model && dataView === this.dataView && type !== 0 && (type & ~RESIZE_ONLY_MASK) === 0) {
      this.layout();
      return;
    }
    this.dataView = dataView;
    this.settingsModel = safe(() => this.formatting.populateFormattingSettingsModel(VisualSettings, dataView as powerbi.DataView)) ?? new VisualSettings();
    this.settings = resolveSettings(this.settingsModel, this.highContrast());
    this.convertIfNeeded(dataView, this.settings, type);
    this.restoreSort(dataView, (this.model as ViewModel).columns);
    this.restoreWidths(dataView);
    const more = requestMoreData(this.host, dataView, this.fetched);
    this.sentenceReady = more.ready;
    showWarnings(this.host, this.strings, { truncated: more.truncated, dateProblems: (this.model as ViewModel).dateProblems });
    this.render();
  }

  formattingModel(): powerbi.visuals.FormattingModel {
    // "Specific column" offers the columns bound now, under their fields' names.
    this.settingsModel.columnFormatting.showColumns(this.model?.columns ?? []);
    return this.formatting.buildFormattingModel(this.settingsModel);
  }

  destroy(): void {
    safe(() => document.fonts?.removeEventListener?.('loadingdone', this.onFontsLoaded));
    this.warmer.stop();
    this.tooltips.hide();
    this.root.remove();
  }

  /**
   * While the host queries the data: the default fonts' first canvas measurement and the
   * locale's first number and plural (each costs milliseconds the first time only).
   */
  private warmUp(): void {
    this.page.warmFonts(resolveSettings(new VisualSettings(), null));
    this.locale.formatCount(1000);
    this.locale.plural(1);
  }

  /** For tests and the benchmark: how many <tr> the table has in the DOM. */
  get renderedRowCount(): number {
    return this.table.renderedRowCount;
  }

  private convertIfNeeded(dataView: powerbi.DataView | undefined, settings: ResolvedSettings, type: number): void {
    const key = `${settings.windowMonths}|${settings.header.fullCareOrderText}`;
    const sameData = this.model && dataView === this.lastConverted && (type & DATA_CHANGE) === 0;
    if (sameData && key === this.convertKey) return;
    this.convertKey = key;
    this.lastConverted = dataView;
    this.model = convert(dataView, {
      windowMonths: settings.windowMonths,
      today: calendarDateFromLocalDate(new Date()) as IsoDate,
      fullCareOrderText: settings.header.fullCareOrderText,
      texts: { all: this.strings('Header_All'), status: this.strings('Column_Status'), statusNames: this.wording.statusNames(settings.windowMonths) },
    });
    this.conversions += 1;
    if (this.model.asAtFromData) this.dataAsAt = this.model.asAt;
    else if (!this.model.asAtBound) this.dataAsAt = null;
    this.sorter = new RowSorter(this.model.rows, this.model.columns, this.sorter);
    this.selection.setTable(dataView?.table ?? null);
    this.sortedFor = null;
  }

  /** The saved sort, or a sort Power BI's "Sort by" menu chose (then saved, so both agree). */
  private restoreSort(dataView: powerbi.DataView | undefined, columns: readonly ColumnModel[]): void {
    if (!this.sort.restore(dataView, columns) || !this.interactive()) return;
    this.sort.markSaved();
    safe(() => persistSort(this.host, this.sort.spec));
  }

  /** Saved widths replace the session's when the saved ones change (not on every update). */
  private restoreWidths(dataView: powerbi.DataView | undefined): void {
    const persisted = readPersistedWidths(dataView);
    const key = JSON.stringify(persisted);
    if (key === this.lastPersistedWidths) return;
    this.lastPersistedWidths = key;
    this.widths = persisted;
  }

  private render(): void {
    const model = this.model as ViewModel;
    const settings = this.settings as ResolvedSettings;
    this.applyRootStyle(settings);
    const landing = model.state === 'landing';
    setHidden(this.landing, !landing);
    setHidden(this.main, landing);
    if (landing) {
      renderLanding(this.landing, this.strings);
      return;
    }
    this.labelMode = this.chooseLabelMode();
    this.chrome.render({
      model,
      settings,
      strings: this.strings,
      locale: this.locale,
      sentence: this.sentenceReady ? this.wording.sentence(model) : null,
      legend: this.wording.legend(settings.windowMonths),
      asAt: model.asAtFromData ? model.asAt : model.state === 'empty' && model.asAtBound ? this.dataAsAt : null,
    });
    this.renderTable(true);
    this.layout();
    this.warmer.start(this.sorter);
  }

  private renderTable(rowsLater = false): void {
    const model = this.model as ViewModel;
    const sorter = this.sorter as RowSorter;
    const effective = sorter.effective(this.sort.spec);
    const key = sortKey(effective);
    if (key !== this.sortedFor) {
      this.sorted = sorter.sort(effective);
      this.sortedFor = key;
    }
    const settings = this.settings as ResolvedSettings;
    const labels = this.wording.labels(this.labelMode, settings.windowMonths);
    this.table.render({ columns: model.columns, rows: this.sorted, sort: effective, settings, formatDate: this.locale.formatDate, labels, strings: this.strings }, rowsLater);
  }

  /** `auto`: the short texts when the full ones would take more than a fifth of the tile. */
  private chooseLabelMode(): StatusLabelMode {
    const settings = this.settings as ResolvedSettings;
    const full = this.wording.labels('full', settings.windowMonths);
    const width = settings.statusLabel === 'auto' ? this.page.statusWidth(this.model as ViewModel, settings, full) : 0;
    return chooseLabelMode(settings.statusLabel, width, this.viewport.width);
  }

  /** Fits the page into the tile: what collapses, column widths, the rows area. */
  private layout(): void {
    if (!this.model || this.model.state === 'landing' || !this.settings) return;
    const mode = this.chooseLabelMode();
    if (mode !== this.labelMode) {
      // A resize across the `auto` threshold: the status cells change their text.
      this.labelMode = mode;
      this.renderTable(true);
    }
    const widths = this.page.run({ viewport: this.viewport, ...this.layoutInputs() });
    if (!(this.settings as ResolvedSettings).autoSize) this.freeze(widths);
  }

  /** Auto-size off: each column keeps the width it was first given (until dragged). */
  private freeze(widths: readonly number[]): void {
    (this.model as ViewModel).columns.forEach((column, i) => {
      if (this.frozen[column.role] === undefined && widths[i] > 0) this.frozen = { ...this.frozen, [column.role]: widths[i] };
    });
  }

  private readonly onFontsLoaded = (): void => {
    this.page.forgetMeasures();
    this.layout();
  };

  private layoutInputs(): ColumnInput {
    const settings = this.settings as ResolvedSettings;
    const labels = this.wording.labels(this.labelMode, settings.windowMonths);
    if (settings.autoSize) this.frozen = {};
    return { model: this.model as ViewModel, settings, formatDate: this.locale.formatDate, labels, overrides: { ...this.frozen, ...this.widths } };
  }

  private widthsWith(index: number, width: number): number[] {
    const role = this.model?.columns[index]?.role;
    return role ? this.page.widths({ ...this.layoutInputs(), overrides: { ...this.widths, [role]: width } }) : [];
  }

  private setColumnWidth(index: number, width: number): void {
    const role: ColumnRole | undefined = this.model?.columns[index]?.role;
    if (!role || !(width > 0)) return;
    this.widths = { ...this.widths, [role]: Math.round(width) };
    this.layout();
    if (this.interactive()) safe(() => persistWidth(this.host, role, width));
  }

  /** A click sorts the rows here at once; the host sorts the whole dataset too, and the sort is saved. */
  private onSort(role: ColumnRole, add: boolean): void {
    if (!this.sorter || !this.model) return;
    const spec = nextSort(this.sorter.effective(this.sort.spec), role, add);
    this.sort.spec = spec;
    this.table.scrollToTop();
    // The rows first: the host's work (a query for applyCustomSort) comes after the frame.
    this.renderTable();
    if (!this.interactive()) return;
    const model = this.model;
    safe(() => this.sort.choose(spec, this.host, this.dataView, model.columns));
    safe(() => persistSort(this.host, spec));
  }

  /** The pointer moves within a row many times a second: its tooltip's texts are built once. */
  private onHover(row: RowModel | null, event: MouseEvent): void {
    if (!row || !this.model) return this.tooltips.hide();
    if (this.hovered?.row !== row) {
      this.hovered = { row, items: tooltipItems(row, this.model, this.locale, this.strings, this.wording.statusNames(this.model.windowMonths)) };
    }
    this.tooltips.show(this.hovered.items, this.selection.idOf(row), event.clientX, event.clientY);
  }

  private onBackgroundClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('tr.ppoc-row, th, button, a')) return;
    this.selection.clear(this.interactive());
  }

  private onBackgroundMenu(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('tr.ppoc-row')) return;
    event.preventDefault();
    this.selection.showContextMenu(null, event.clientX, event.clientY, this.interactive());
  }

  private interactive(): boolean {
    return this.host?.hostCapabilities?.allowInteractions !== false;
  }

  private highContrast(): HighContrastColors | null {
    const palette = this.host?.colorPalette;
    if (!palette?.isHighContrast) return null;
    const pick = (c: { value?: string } | undefined, fallback: string) => (typeof c?.value === 'string' ? c.value : fallback);
    return {
      foreground: pick(palette.foreground, '#FFFFFF'),
      background: pick(palette.background, '#000000'),
      foregroundSelected: pick(palette.foregroundSelected, '#FFFF00'),
      hyperlink: pick(palette.hyperlink, '#FFFF00'),
    };
  }

  private applyRootStyle(settings: ResolvedSettings): void {
    const style = this.root.style;
    style.fontFamily = settings.values.family;
    style.fontSize = `${settings.values.sizePt}pt`;
    // The legend above the table (after the notes) or below it.
    const legendAt = settings.legend.position === 'bottom' ? null : this.chrome.notes;
    if (this.chrome.legend.nextSibling !== legendAt) this.main.insertBefore(this.chrome.legend, legendAt);
    const hc = settings.highContrast;
    this.root.classList.toggle('ppoc-hc', hc != null);
    for (const [name, value] of Object.entries(hc ?? {})) style.setProperty(`--ppoc-hc-${name}`, value);
    style.color = hc ? hc.foreground : '';
    style.backgroundColor = hc ? hc.background : '';
  }
}
