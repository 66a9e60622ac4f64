// The visual's behaviour behind the lifecycle: convert once per data update, sort with cached
// keys, render the chrome and the visible rows, and wire selection, tooltips and sorting.
import powerbi from 'powerbi-visuals-api';
import { FormattingSettingsService } from 'powerbi-visuals-utils-formattingmodel';
import { calendarDateFromLocalDate, type IsoDate } from '../../core/src/index';
import { convert } from './converter/convert';
import type { RowModel, ViewModel } from './converter/view-model';
import { safe, SelectionController } from './interaction/selection';
import { tooltipItems, TooltipController } from './interaction/tooltips';
import { ChromeView, renderLanding } from './render/chrome';
import { el, setHidden } from './render/dom';
import { dateFormatter, type DateFormatter } from './render/format';
import { TableView } from './render/table';
import type { RoleName } from './roles';
import { resolveSettings, type HighContrastColors, type ResolvedSettings } from './settings/resolved';
import { VisualSettings } from './settings/settings';
import { persistSort, readPersistedSort } from './sorting/persisted-sort';
import { nextSort, RowSorter, type SortSpec } from './sorting/sorter';
import { createStrings, type Strings } from './strings';

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
  private settingsModel = new VisualSettings();
  private settings: ResolvedSettings | null = null;
  private model: ViewModel | null = null;
  private sorter: RowSorter | null = null;
  private sorted: RowModel[] = [];
  private sort: SortSpec | null = null;
  private lastPersisted: string | null = null;
  private dataView: powerbi.DataView | undefined;
  private convertKey = '';
  private formatDate: DateFormatter;
  private viewportHeight = 600;
  private sentenceReady = true;
  private fetchedFor: powerbi.DataView | undefined;
  /** Counts conversions: tests check a resize does not convert again. */
  conversions = 0;

  constructor(
    element: HTMLElement,
    private readonly host: IVisualHost | undefined,
  ) {
    this.strings = createStrings(host);
    this.formatting = new FormattingSettingsService(safe(() => host?.createLocalizationManager?.()));
    this.formatDate = dateFormatter(host?.locale);
    this.selection = new SelectionController(host, () => this.table.refreshSelection());
    this.tooltips = new TooltipController(host);
    this.chrome = new ChromeView((url) => this.launch(url));
    this.table = new TableView({
      sort: (role) => this.onSort(role),
      rowClick: (row, event) => this.selection.select(row, event.ctrlKey || event.metaKey || event.shiftKey, this.interactive()),
      rowActivate: (row, event) => this.selection.select(row, event.ctrlKey || event.metaKey || event.shiftKey, this.interactive()),
      rowContextMenu: (row, event) => this.selection.showContextMenu(row, event.clientX, event.clientY, this.interactive()),
      rowHover: (row, event) => this.onHover(row, event),
      isSelected: (row) => this.selection.isSelected(row),
      hasSelection: () => this.selection.hasSelection(),
    });
    this.root.setAttribute('role', 'region');
    this.root.setAttribute('aria-label', this.strings('Visual_Label'));
    this.main.append(this.chrome.header, this.chrome.summary, this.chrome.loading, this.chrome.legend, this.chrome.notes, this.table.scroller);
    this.root.append(this.landing, this.main);
    this.root.addEventListener('click', (event) => this.onBackgroundClick(event));
    this.root.addEventListener('contextmenu', (event) => this.onBackgroundMenu(event));
    element.appendChild(this.root);
  }

  update(options: UpdateOptions): void {
    this.viewportHeight = Math.max(0, Number(options?.viewport?.height) || this.viewportHeight);
    const dataView = Array.isArray(options?.dataViews) ? options.dataViews[0] : undefined;
    const type = Number(options?.type) || 0;
    if (this.model && dataView === this.dataView && type !== 0 && (type & ~RESIZE_ONLY_MASK) === 0) {
      this.table.layout(this.tableHeight());
      return;
    }
    this.dataView = dataView;
    this.settingsModel = safe(() => this.formatting.populateFormattingSettingsModel(VisualSettings, dataView as powerbi.DataView)) ?? new VisualSettings();
    const settings = resolveSettings(this.settingsModel, this.highContrast());
    this.settings = settings;
    this.convertIfNeeded(dataView, settings, type);
    this.restoreSort(dataView);
    this.sentenceReady = this.requestMoreData(dataView);
    this.render();
  }

  formattingModel(): powerbi.visuals.FormattingModel {
    return this.formatting.buildFormattingModel(this.settingsModel);
  }

  destroy(): void {
    this.tooltips.hide();
    this.root.remove();
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
    this.model = convert(dataView, { windowMonths: settings.windowMonths, today: this.today(), fullCareOrderText: settings.header.fullCareOrderText });
    this.conversions += 1;
    this.sorter = new RowSorter(this.model.rows, this.model.columns);
    this.selection.setTable(dataView?.table ?? null);
    this.sortedFor = null;
  }

  private lastConverted: powerbi.DataView | undefined;
  private sortedFor: string | null = null;

  private restoreSort(dataView: powerbi.DataView | undefined): void {
    const persisted = readPersistedSort(dataView);
    const persistedKey = persisted ? `${persisted.role}:${persisted.direction}` : '';
    if (persistedKey !== this.lastPersisted) {
      this.lastPersisted = persistedKey;
      if (persisted) this.sort = persisted;
    }
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
    this.chrome.render(model, settings, this.strings, this.sentenceReady);
    this.renderTable();
    this.warmSortKeys();
  }

  private renderTable(): void {
    const model = this.model as ViewModel;
    const sorter = this.sorter as RowSorter;
    const effective = sorter.effective(this.sort);
    const sortKey = effective ? `${effective.role}:${effective.direction}` : 'default';
    if (sortKey !== this.sortedFor) {
      this.sorted = sorter.sort(effective);
      this.sortedFor = sortKey;
    }
    this.table.render({
      columns: model.columns,
      rows: this.sorted,
      sort: effective,
      settings: this.settings as ResolvedSettings,
      formatDate: this.formatDate,
      strings: this.strings,
      viewportHeight: this.tableHeight(),
    });
  }

  /** Sort keys for every column are built while the browser is idle, so a click sorts fast. */
  private warmSortKeys(): void {
    const idle = (globalThis as { requestIdleCallback?: (cb: (deadline: { timeRemaining(): number }) => void) => number }).requestIdleCallback;
    const sorter = this.sorter;
    if (typeof idle !== 'function' || !sorter || this.warming === sorter) return;
    this.warming = sorter;
    const step = (deadline: { timeRemaining(): number }) => {
      if (this.sorter !== sorter) return;
      let more = true;
      while (more && deadline.timeRemaining() > 4) more = safe(() => sorter.warmNext()) === true;
      if (more) idle(step);
    };
    idle(step);
  }

  private warming: RowSorter | null = null;

  private onSort(role: RoleName): void {
    if (!this.sorter || !this.model) return;
    this.sort = nextSort(this.sorter.effective(this.sort), role);
    this.renderTable();
    if (this.interactive()) {
      this.lastPersisted = `${this.sort.role}:${this.sort.direction}`;
      safe(() => persistSort(this.host, this.sort));
    }
  }

  private onHover(row: RowModel | null, event: MouseEvent): void {
    if (!row || !this.model) return this.tooltips.hide();
    const items = tooltipItems(row, this.model, this.formatDate, this.strings);
    this.tooltips.show(items, this.selection.idOf(row), event.clientX, event.clientY);
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

  /**
   * Asks for the next segment, once per DataView (a style-only update re-renders the same one);
   * false while more rows are on their way.
   */
  private requestMoreData(dataView: powerbi.DataView | undefined): boolean {
    if (!dataView?.metadata?.segment) return true;
    if (dataView === this.fetchedFor) return this.sentenceReady;
    this.fetchedFor = dataView;
    const fetch = this.host?.fetchMoreData;
    const requested = typeof fetch === 'function' ? safe(() => this.host!.fetchMoreData(true)) : false;
    if (requested === true) return false;
    safe(() => this.host?.displayWarningIcon?.(this.strings('Warning_Truncated_Title'), this.strings('Warning_Truncated_Detail')));
    return true;
  }

  private interactive(): boolean {
    return this.host?.hostCapabilities?.allowInteractions !== false;
  }

  private launch(url: string): void {
    safe(() => this.host?.launchUrl?.(url));
  }

  private today(): IsoDate {
    // The viewer's calendar date, from local date parts (the browser's zone).
    return calendarDateFromLocalDate(new Date()) as IsoDate;
  }

  private tableHeight(): number {
    return this.viewportHeight;
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
    style.fontFamily = settings.fontFamily;
    style.fontSize = `${settings.fontSize}pt`;
    const hc = settings.highContrast;
    this.root.classList.toggle('ppoc-hc', hc != null);
    for (const [name, value] of Object.entries(hc ?? {})) style.setProperty(`--ppoc-hc-${name}`, value);
    if (hc) {
      style.color = hc.foreground;
      style.backgroundColor = hc.background;
    } else {
      style.color = '';
      style.backgroundColor = '';
    }
  }
}
