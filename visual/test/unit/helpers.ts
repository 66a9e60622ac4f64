// Test fixtures: table DataViews over the visual's roles, and a recording fake host built on
// powerbi-visuals-utils-testutils' mocks.
import powerbi from 'powerbi-visuals-api';
import { createVisualHost, createSelectionManager, createTooltipService, testDataViewBuilder } from 'powerbi-visuals-utils-testutils';
import type { ViewModel } from '../../src/converter/view-model';
import { localeFormat } from '../../src/locale';
import { ROLE_TITLES, type RoleName } from '../../src/roles';
import { createStrings } from '../../src/strings';
import { Visual } from '../../src/visual';
import { FormattingSettingsService } from 'powerbi-visuals-utils-formattingmodel';
import { resolveSettings, type HighContrastColors, type ResolvedSettings } from '../../src/settings/resolved';
import { VisualSettings } from '../../src/settings/settings';
import { Wording } from '../../src/wording/wording';

// The DataViews carry the roles' own display names, as Power BI gives them by default.
export const TITLES: Readonly<Record<RoleName, string>> = ROLE_TITLES;

const DATE_ROLES = new Set<RoleName>(['predictedStartDate', 'actualStartDate', 'asAtDate']);

export interface TableOptions {
  objects?: powerbi.DataViewObjects;
  segment?: boolean;
  titles?: Partial<Record<RoleName, string>>;
  /** The host's sort, as Power BI marks it on the columns: roles in order, 1 ascending or 2 descending. */
  hostSort?: [RoleName, 1 | 2][];
  /** A row's objects (the format pane's rules evaluated for it, as Power BI delivers them). */
  rowObjects?: (row: unknown[], index: number) => powerbi.DataViewObjects[] | undefined;
}

export function tableDataView(roles: RoleName[], rows: unknown[][], options: TableOptions = {}): powerbi.DataView {
  const columns = roles.map((role, index) => ({
    displayName: options.titles?.[role] ?? TITLES[role],
    queryName: `vw_planned_assessment.${role}`,
    index,
    roles: { [role]: true },
    type: DATE_ROLES.has(role) ? { dateTime: true } : { text: true },
  })) as powerbi.DataViewMetadataColumn[];
  options.hostSort?.forEach(([role, direction], order) => {
    const column = columns[roles.indexOf(role)];
    if (column) Object.assign(column, { sort: direction, sortOrder: order });
  });
  const metadata: powerbi.DataViewMetadata = { columns };
  if (options.objects) metadata.objects = options.objects;
  if (options.segment) (metadata as { segment?: object }).segment = {};
  const tableRows = rows.map((row, index) => {
    const objects = options.rowObjects?.(row, index);
    return objects ? Object.assign(row.slice(), { objects }) : row;
  });
  return { metadata, table: { columns, rows: tableRows as powerbi.DataViewTableRow[] } };
}

/**
 * The same DataView built with powerbi-visuals-utils-testutils' TestDataViewBuilder. Its
 * builder makes categorical DataViews only, so the table view (what this visual's mapping
 * receives) is assembled from its categories. Keep the first role unique: it groups by value.
 */
export function builderDataView(roles: RoleName[], rows: unknown[][]): powerbi.DataView {
  class Builder extends testDataViewBuilder.TestDataViewBuilder {
    getDataView(): powerbi.DataView {
      const categories = roles.map((role, c) => ({
        source: { displayName: TITLES[role], queryName: role, roles: { [role]: true }, type: DATE_ROLES.has(role) ? { dateTime: true } : { text: true } },
        values: rows.map((row) => row[c]),
      }));
      return this.createCategoricalDataViewBuilder(categories as never, [], roles.map((role) => TITLES[role])).build();
    }
  }
  const dataView = new Builder().getDataView();
  const categories = dataView.categorical?.categories ?? [];
  const columns = categories.map((category) => category.source);
  const count = categories[0]?.values.length ?? 0;
  const tableRows = Array.from({ length: count }, (_, i) => categories.map((category) => category.values[i]));
  return { ...dataView, table: { columns, rows: tableRows as powerbi.DataViewTableRow[] } };
}

export const ALL_ROLES: RoleName[] = [
  'personId', 'child', 'socialWorker', 'team', 'locality', 'placementType', 'provider',
  'assessmentType', 'predictedStartDate', 'actualStartDate', 'status', 'asAtDate',
];

const HPND = ['CS HPND Children In Care Team', 'High Peak & North Dales'];

/** The report's page-3 example rows (fixtures/example-extract, plus three more upcoming), as at 2022-05-31. */
export function exampleRows(): unknown[][] {
  const row = (id: string, place: string, provider: string, type: string, p: string, s: string | null, status: string) =>
    [id, `Child ${id}`, 'Worker A', ...HPND, place, provider, type, p, s, status, '2022-05-31'];
  return [
    row('E1', 'U6: Foster placement - not FFA', 'Private provision', 'Reunification', '2022-05-04', '2022-05-12', 'Started Late'),
    row('E2', 'K2: Childrens Home', 'Own provision', 'Reunification', '2022-03-17', '2022-03-17', 'Started on Time'),
    row('E3', 'U3: Foster placement - relative - not FFA', 'Own provision', 'Reunification', '2022-03-04', '2022-03-04', 'Started on Time'),
    row('E4', 'U6: Foster placement - not FFA', 'Private provision', 'SGO', '2022-05-05', null, 'Not Yet Started'),
    row('E5', 'U4: Foster placement - long term', 'Own provision', 'SGO', '2022-06-06', null, 'Upcoming - Planned Start in Next 3 Months'),
    row('E6', 'P1: Placed with parents', 'Parents/Parental responsibility', 'Reunification', '2022-08-11', null, 'Upcoming - Planned Start in Next 3 Months'),
    row('E7', 'U4: Foster placement - long term', 'Own provision', 'SGO', '2022-07-01', null, 'Upcoming - Planned Start in Next 3 Months'),
    row('E8', 'U4: Foster placement - long term', 'Own provision', 'SGO', '2022-07-02', null, 'Upcoming - Planned Start in Next 3 Months'),
    row('E10', 'U4: Foster placement - long term', 'Own provision', 'SGO', '2022-08-31', null, 'Upcoming - Planned Start in Next 3 Months'),
  ];
}

/** The sentence the visual shows for a model, in the default (en-GB) strings of a locale. */
export function sentenceOf(model: ViewModel, locale = 'en-GB'): string {
  return new Wording(createStrings(undefined), localeFormat(locale)).sentence(model).full;
}

export const EXAMPLE_SENTENCE =
  'In the LAST 3 months 2 assessments started on time, 1 started late and 1 prediction is yet to start. In the NEXT 3 months 5 assessments are planned to start.';

export interface RecordedHost {
  host: powerbi.extensibility.visual.IVisualHost;
  events: string[];
  persisted: powerbi.VisualObjectInstancesToPersist[];
  warnings: string[][];
  launched: string[];
  tooltips: { kind: string; items: powerbi.extensibility.VisualTooltipDataItem[] }[];
  selection: powerbi.extensibility.ISelectionManager;
  contextMenus: { x: number; y: number }[];
  fetchRequests: number;
  /** host.applyCustomSort calls (Power BI sorting the whole dataset). */
  customSorts: powerbi.extensibility.visual.CustomVisualApplyCustomSortArgs[];
}

export interface HostOptions {
  allowInteractions?: boolean;
  highContrast?: boolean;
  fetchMoreData?: boolean;
  locale?: string;
}

export function recordingHost(options: HostOptions = {}): RecordedHost {
  const host = createVisualHost({ allowInteractions: options.allowInteractions ?? true }) as unknown as Record<string, unknown>;
  const record: RecordedHost = {
    host: host as unknown as powerbi.extensibility.visual.IVisualHost,
    events: [],
    persisted: [],
    warnings: [],
    launched: [],
    tooltips: [],
    selection: createSelectionManager(),
    contextMenus: [],
    fetchRequests: 0,
    customSorts: [],
  };
  const tooltip = createTooltipService(true);
  tooltip.show = (o) => void record.tooltips.push({ kind: 'show', items: o.dataItems ?? [] });
  tooltip.move = (o) => void record.tooltips.push({ kind: 'move', items: o.dataItems ?? [] });
  tooltip.hide = () => void record.tooltips.push({ kind: 'hide', items: [] });
  record.selection.showContextMenu = ((_id: unknown, position: { x: number; y: number }) => {
    record.contextMenus.push({ x: position.x, y: position.y });
    return Promise.resolve({});
  }) as unknown as powerbi.extensibility.ISelectionManager['showContextMenu'];
  const eventService = {
    renderingStarted: () => void record.events.push('started'),
    renderingFinished: () => void record.events.push('finished'),
    renderingFailed: (_o: unknown, reason?: string) => void record.events.push(`failed:${reason ?? ''}`),
  };
  Object.defineProperties(host, {
    eventService: { value: eventService },
    tooltipService: { value: tooltip },
    locale: { value: options.locale ?? 'en-GB' },
    colorPalette: { value: palette(options.highContrast === true) },
  });
  host.createSelectionManager = () => record.selection;
  host.persistProperties = (changes: powerbi.VisualObjectInstancesToPersist) => void record.persisted.push(changes);
  host.displayWarningIcon = (title: string, detail: string) => void record.warnings.push([title, detail]);
  host.launchUrl = (url: string) => void record.launched.push(url);
  host.applyCustomSort = (args: powerbi.extensibility.visual.CustomVisualApplyCustomSortArgs) => void record.customSorts.push(args);
  host.fetchMoreData = () => {
    record.fetchRequests += 1;
    return options.fetchMoreData ?? true;
  };
  return record;
}

function palette(highContrast: boolean) {
  return {
    isHighContrast: highContrast,
    foreground: { value: '#FFFF00' },
    background: { value: '#000000' },
    foregroundSelected: { value: '#00FFFF' },
    hyperlink: { value: '#00FF00' },
    getColor: () => ({ value: '#123456' }),
    reset() {
      return this;
    },
  };
}

export interface Mounted {
  visual: Visual;
  element: HTMLElement;
  recorded: RecordedHost;
  update(dataView: powerbi.DataView | undefined, type?: number, height?: number, width?: number): void;
}

export function mount(options: HostOptions = {}): Mounted {
  const element = document.createElement('div');
  document.body.appendChild(element);
  const recorded = recordingHost(options);
  const visual = new Visual({ element, host: recorded.host } as powerbi.extensibility.visual.VisualConstructorOptions);
  return {
    visual,
    element,
    recorded,
    update(dataView, type = 62, height = 600, width = 900) {
      visual.update({ dataViews: dataView ? [dataView] : [], viewport: { width, height }, type } as unknown as powerbi.extensibility.visual.VisualUpdateOptions);
    },
  };
}

/** The summary sentence as shown (its full form; the compact one is for small tiles). */
export function sentenceText(element: HTMLElement): string {
  return element.querySelector('.ppoc-summary-full')?.textContent ?? '';
}

/** Format-pane objects that show the statuses' full texts whatever the tile's width. */
export const FULL_LABELS = { statusColumn: { statusLabel: 'full' } } as const;

export function bodyTexts(element: HTMLElement): string[][] {
  return Array.from(element.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? ''));
}

export function headTexts(element: HTMLElement): string[] {
  return Array.from(element.querySelectorAll('thead th .ppoc-th-title')).map((th) => th.textContent ?? '');
}

/** Settings as the visual resolves them from format-pane objects. */
export function settingsFrom(objects: powerbi.DataViewObjects, highContrast: HighContrastColors | null = null): ResolvedSettings {
  const model = new FormattingSettingsService().populateFormattingSettingsModel(VisualSettings, { metadata: { columns: [], objects } } as powerbi.DataView);
  return resolveSettings(model, highContrast);
}
