// DataView → view model, once per data update. Per row only the dates and status the rules
// need are read; other cells are read, formatted and identified later, for the rows on screen.
import powerbi from 'powerbi-visuals-api';
import {
  countSentence,
  deriveStatus,
  formatSentence,
  type IsoDate,
  type StatusKey,
} from '../../../core/src/index';
import { HIDDEN_ROLES, ROLE_KIND, ROLE_NAMES, ROLE_TITLES, isRoleName, type RoleName } from '../roles';
import { deriveHeaderLines } from './header-lines';
import { cachedDateReader, readDate, readStatus } from './values';
import type { ColumnModel, RowModel, ViewModel } from './view-model';

export interface ConvertOptions {
  windowMonths: number;
  /** Today's calendar date where the report is viewed (used when no as-at date is bound). */
  today: IsoDate;
  /** The author's Full Care Order header text (no role carries it). */
  fullCareOrderText?: string;
}

interface Binding {
  columns: ColumnModel[];
  sourceOfRole: Partial<Record<RoleName, number>>;
}

export function convert(dataView: powerbi.DataView | undefined, options: ConvertOptions): ViewModel {
  const table = dataView?.table;
  const binding = bindColumns(Array.isArray(table?.columns) ? table.columns : []);
  if (binding.columns.length === 0 && binding.sourceOfRole.asAtDate === undefined) {
    return emptyModel('landing', binding, options.today, false, options);
  }
  const sourceRows = Array.isArray(table?.rows) ? table.rows : [];
  const { asAt, fromData } = resolveAsAt(sourceRows, binding.sourceOfRole.asAtDate, options.today);
  const rows = convertRows(sourceRows, binding, asAt, options.windowMonths);
  if (rows.length === 0) return emptyModel('empty', binding, asAt, fromData, options);
  const counts = countSentence(rows, asAt, options.windowMonths);
  return {
    state: 'rows',
    columns: binding.columns,
    rows,
    asAt,
    asAtFromData: fromData,
    windowMonths: options.windowMonths,
    counts,
    sentence: formatSentence(counts, options.windowMonths),
    header: deriveHeaderLines(rows, binding.columns, options.fullCareOrderText, options.windowMonths),
  };
}

/** Columns in bound order; each role maps to the first column carrying it. */
export function bindColumns(metadata: powerbi.DataViewMetadataColumn[]): Binding {
  const columns: ColumnModel[] = [];
  const sourceOfRole: Partial<Record<RoleName, number>> = {};
  metadata.forEach((column, sourceIndex) => {
    const roles = Object.keys(column?.roles ?? {}).filter((r) => column.roles?.[r] && isRoleName(r)) as RoleName[];
    roles.sort((a, b) => ROLE_NAMES.indexOf(a) - ROLE_NAMES.indexOf(b));
    for (const role of roles) {
      if (sourceOfRole[role] !== undefined) continue;
      sourceOfRole[role] = sourceIndex;
      if (HIDDEN_ROLES.has(role)) continue;
      const title = typeof column.displayName === 'string' && column.displayName.trim() !== '' ? column.displayName : ROLE_TITLES[role];
      columns.push({ role, kind: ROLE_KIND[role], title, sourceIndex });
    }
  });
  return { columns, sourceOfRole };
}

/** docs/rules.md: the latest asAtDate among the rows; today when unbound or empty. */
export function resolveAsAt(
  rows: powerbi.DataViewTableRow[],
  source: number | undefined,
  today: IsoDate,
): { asAt: IsoDate; fromData: boolean } {
  if (source === undefined) return { asAt: today, fromData: false };
  // Local-midnight Dates order like their calendar dates: keep the latest instant and read it
  // once; read text values only when they differ from the previous row's (one run, one value).
  let latestTime = -Infinity;
  let latest: IsoDate | null = null;
  let lastText: unknown = undefined;
  for (const row of rows) {
    const value = Array.isArray(row) ? row[source] : null;
    if (value instanceof Date) {
      const time = value.getTime();
      if (time > latestTime) latestTime = time;
    } else if (value != null && value !== lastText) {
      lastText = value;
      const date = readDate(value);
      if (date != null && (latest == null || date > latest)) latest = date;
    }
  }
  const fromDates = latestTime > -Infinity ? readDate(new Date(latestTime)) : null;
  if (fromDates != null && (latest == null || fromDates > latest)) latest = fromDates;
  return latest == null ? { asAt: today, fromData: false } : { asAt: latest, fromData: true };
}

function convertRows(source: powerbi.DataViewTableRow[], binding: Binding, asAt: IsoDate, windowMonths: number): RowModel[] {
  const { sourceOfRole } = binding;
  const date = cachedDateReader();
  const derive = memoisedStatus(asAt, windowMonths);
  const predictedAt = sourceOfRole.predictedStartDate ?? -1;
  const actualAt = sourceOfRole.actualStartDate ?? -1;
  const statusAt = sourceOfRole.status ?? -1;
  const rows: RowModel[] = new Array(source.length);
  let count = 0;
  for (let index = 0; index < source.length; index++) {
    const raw = source[index];
    if (!Array.isArray(raw)) continue;
    const predicted = predictedAt < 0 ? null : date(raw[predictedAt]);
    const actual = actualAt < 0 ? null : date(raw[actualAt]);
    const bound: StatusKey | null = statusAt < 0 ? null : readStatus(raw[statusAt]);
    const status = bound ?? derive(predicted, actual);
    rows[count++] = { index, raw, status, predicted, actual };
  }
  rows.length = count;
  return rows;
}

/** core deriveStatus, remembered per (predicted, actual) pair: the pairs repeat a lot. */
function memoisedStatus(asAt: IsoDate, windowMonths: number): (p: IsoDate | null, a: IsoDate | null) => StatusKey | null {
  const memo = new Map<IsoDate | null, Map<IsoDate | null, StatusKey | null>>();
  return (predicted, actual) => {
    let byActual = memo.get(predicted);
    if (!byActual) memo.set(predicted, (byActual = new Map()));
    let status = byActual.get(actual);
    if (status === undefined) byActual.set(actual, (status = deriveStatus({ predicted, actual }, asAt, windowMonths)));
    return status;
  };
}

function emptyModel(
  state: 'landing' | 'empty',
  binding: Binding,
  asAt: IsoDate,
  fromData: boolean,
  options: ConvertOptions,
): ViewModel {
  const counts = { onTime: 0, late: 0, yetToStart: 0, planned: 0 };
  return {
    state,
    columns: binding.columns,
    rows: [],
    asAt,
    asAtFromData: fromData,
    windowMonths: options.windowMonths,
    counts,
    sentence: formatSentence(counts, options.windowMonths),
    header: deriveHeaderLines([], binding.columns, options.fullCareOrderText, options.windowMonths),
  };
}
