// DataView → view model, once per data update. Per row only the dates and status the rules
// need are read; other cells are read, formatted and identified later, for the rows on screen.
import powerbi from 'powerbi-visuals-api';
import { deriveStatus, formatSentence, sentenceBucket, STATUS_KEYS, windowsFor, type IsoDate, type SentenceCounts, type StatusKey } from '../../../core/src/index';
import { bindColumns, withDerivedStatus, type Binding } from './binding';
import { deriveHeaderLines } from './header-lines';
import { cachedDateReader, readDate, readStatus } from './values';
import type { RowModel, UnreadableDates, ViewModel } from './view-model';

export { bindColumns } from './binding';

export interface ConvertOptions {
  windowMonths: number;
  /** Today's calendar date where the report is viewed (used when no as-at date is bound). */
  today: IsoDate;
  /** The author's Full Care Order header text, used while the fullCareOrder role is unbound. */
  fullCareOrderText?: string;
  /** Localised words the model carries: "All" in header lines, the derived Status title. */
  texts?: { all: string; status: string };
}

const DEFAULT_TEXTS = { all: 'All', status: 'Status' };

export function convert(dataView: powerbi.DataView | undefined, options: ConvertOptions): ViewModel {
  const table = dataView?.table;
  const texts = options.texts ?? DEFAULT_TEXTS;
  const binding = bindColumns(Array.isArray(table?.columns) ? table.columns : []);
  if (binding.columns.length === 0) return emptyModel('landing', binding, options.today, false, options);
  const sourceRows = Array.isArray(table?.rows) ? table.rows : [];
  const { asAt, fromData } = resolveAsAt(sourceRows, binding.sourceOfRole.asAtDate, options.today);
  const { rows, statusCounts, counts, unreadableDates } = convertRows(sourceRows, binding, asAt, options.windowMonths);
  if (rows.length === 0) return emptyModel('empty', binding, asAt, fromData, options);
  return {
    state: 'rows',
    columns: withDerivedStatus(binding, texts.status),
    tooltipFields: binding.tooltipFields,
    rows,
    asAt,
    asAtFromData: fromData,
    windowMonths: options.windowMonths,
    counts,
    statusCounts,
    hasStatus: hasStatus(binding),
    unreadableDates,
    sentence: formatSentence(counts, options.windowMonths),
    header: deriveHeaderLines(rows, binding.sourceOfRole, { ...options, all: texts.all }),
  };
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
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
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

interface ConvertedRows {
  rows: RowModel[];
  statusCounts: Record<StatusKey, number>;
  /** The summary sentence's counts, tallied in the same pass. */
  counts: SentenceCounts;
  unreadableDates: UnreadableDates;
}

function convertRows(source: powerbi.DataViewTableRow[], binding: Binding, asAt: IsoDate, windowMonths: number): ConvertedRows {
  const { sourceOfRole } = binding;
  const date = cachedDateReader();
  const derive = memoisedStatus(asAt, windowMonths);
  const status = memoisedStatusText();
  const predictedAt = sourceOfRole.predictedStartDate ?? -1;
  const actualAt = sourceOfRole.actualStartDate ?? -1;
  const statusAt = sourceOfRole.status ?? -1;
  const statusCounts = zeroStatusCounts();
  const windows = windowsFor(asAt, windowMonths);
  const counts: SentenceCounts = { onTime: 0, late: 0, yetToStart: 0, planned: 0 };
  const unreadable = unreadableDateTracker();
  const rows: RowModel[] = new Array(source.length);
  let count = 0;
  for (let index = 0; index < source.length; index++) {
    const raw = source[index];
    if (!Array.isArray(raw)) continue;
    const predicted = predictedAt < 0 ? null : date(raw[predictedAt]);
    const actual = actualAt < 0 ? null : date(raw[actualAt]);
    if (predicted === null && predictedAt >= 0) unreadable.check('predictedStartDate', raw[predictedAt]);
    if (actual === null && actualAt >= 0) unreadable.check('actualStartDate', raw[actualAt]);
    const key = (statusAt < 0 ? null : status(raw[statusAt])) ?? derive(predicted, actual);
    if (key !== null) {
      statusCounts[key] += 1;
      const bucket = sentenceBucket(key, predicted, actual, windows);
      if (bucket !== null) counts[bucket] += 1;
    }
    rows[count++] = { index, raw, status: key, predicted, actual };
  }
  rows.length = count;
  return { rows, statusCounts, counts, unreadableDates: unreadable.result };
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

/** A bound status text, parsed once per distinct text (a column holds five or so). */
function memoisedStatusText(): (value: unknown) => StatusKey | null {
  const memo = new Map<unknown, StatusKey | null>();
  return (value) => {
    let status = memo.get(value);
    if (status === undefined) memo.set(value, (status = readStatus(value)));
    return status;
  };
}

function unreadableDateTracker() {
  const result: UnreadableDates = { count: 0, longest: {} };
  return {
    result,
    check(role: keyof UnreadableDates['longest'], value: unknown): void {
      if (typeof value !== 'string' || value.trim() === '') return;
      result.count += 1;
      if (value.length > (result.longest[role]?.length ?? 0)) result.longest[role] = value;
    },
  };
}

function zeroStatusCounts(): Record<StatusKey, number> {
  return Object.fromEntries(STATUS_KEYS.map((key) => [key, 0])) as Record<StatusKey, number>;
}

function hasStatus(binding: Binding): boolean {
  return binding.sourceOfRole.status !== undefined || binding.sourceOfRole.predictedStartDate !== undefined;
}

function emptyModel(state: 'landing' | 'empty', binding: Binding, asAt: IsoDate, fromData: boolean, options: ConvertOptions): ViewModel {
  const counts = { onTime: 0, late: 0, yetToStart: 0, planned: 0 };
  const texts = options.texts ?? DEFAULT_TEXTS;
  return {
    state,
    columns: withDerivedStatus(binding, texts.status),
    tooltipFields: binding.tooltipFields,
    rows: [],
    asAt,
    asAtFromData: fromData,
    windowMonths: options.windowMonths,
    counts,
    statusCounts: zeroStatusCounts(),
    hasStatus: hasStatus(binding),
    unreadableDates: { count: 0, longest: {} },
    sentence: formatSentence(counts, options.windowMonths),
    header: deriveHeaderLines([], binding.sourceOfRole, { ...options, all: texts.all }),
  };
}
