// DataView → view model, once per data update. Per row only the dates and status the rules
// need are read; other cells are read, formatted and identified later, for the rows on screen.
import powerbi from 'powerbi-visuals-api';
import { deriveStatus, sentenceBucket, STATUS_KEYS, windowsFor, type IsoDate, type SentenceCounts, type StatusKey } from '../../../core/src/index';
import { ROLE_TITLES } from '../roles';
import { bindColumns, withDerivedStatus, type Binding } from './binding';
import { DateProblemTracker } from './date-problems';
import { deriveHeaderLines } from './header-lines';
import { cachedDateReader, readDate, readStatus } from './values';
import type { RowModel, ViewModel } from './view-model';

export { bindColumns } from './binding';

export interface ConvertOptions {
  windowMonths: number;
  /** Today's calendar date where the report is viewed (the rules' as-at date when no row gives one). */
  today: IsoDate;
  /** The author's Full Care Order header text, used while the fullCareOrder role is unbound. */
  fullCareOrderText?: string;
  /** Localised words the model carries: "All" and the statuses' names in header lines, the derived Status title. */
  texts?: { all: string; status: string; statusNames?: Readonly<Record<StatusKey, string>> };
}

const DEFAULT_TEXTS = { all: 'All', status: 'Status' };

export function convert(dataView: powerbi.DataView | undefined, options: ConvertOptions): ViewModel {
  const table = dataView?.table;
  const binding = bindColumns(Array.isArray(table?.columns) ? table.columns : []);
  const problems = new DateProblemTracker((role) => binding.fieldOfRole[role] ?? ROLE_TITLES[role]);
  if (binding.columns.length === 0) return emptyModel('landing', binding, problems, options);
  const sourceRows = Array.isArray(table?.rows) ? table.rows : [];
  const asAt = resolveAsAt(sourceRows, binding.sourceOfRole.asAtDate, options.today, problems);
  const { rows, statusCounts, counts } = convertRows(sourceRows, binding, asAt.asAt, options.windowMonths, problems);
  if (rows.length === 0) return emptyModel('empty', binding, problems, options);
  return {
    ...emptyModel('rows', binding, problems, options),
    rows,
    asAt: asAt.asAt,
    asAtFromData: asAt.fromData,
    counts,
    statusCounts,
    header: deriveHeaderLines(rows, binding.sourceOfRole, { ...options, ...(options.texts ?? DEFAULT_TEXTS) }),
  };
}

/**
 * docs/rules.md: the latest asAtDate among the rows; today when unbound or empty (then the
 * as-at date is used for the statuses but never shown as the data's).
 */
export function resolveAsAt(
  rows: powerbi.DataViewTableRow[],
  source: number | undefined,
  today: IsoDate,
  problems?: DateProblemTracker,
): { asAt: IsoDate; fromData: boolean } {
  if (source === undefined) return { asAt: today, fromData: false };
  // Local-midnight Dates order like their calendar dates: keep the latest instant and read it
  // once; read other values only when they differ from the previous row's (one run, one value).
  let latestTime = -Infinity;
  let latest: IsoDate | null = null;
  let lastValue: unknown = undefined;
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    const value = Array.isArray(row) ? row[source] : null;
    if (value instanceof Date) {
      const time = value.getTime();
      if (time > latestTime) latestTime = time;
    } else if (value != null && value !== lastValue) {
      lastValue = value;
      const date = readDate(value);
      if (date === null) problems?.check('asAtDate', value);
      else if (latest == null || date > latest) latest = date;
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
}

function convertRows(source: powerbi.DataViewTableRow[], binding: Binding, asAt: IsoDate, windowMonths: number, problems: DateProblemTracker): ConvertedRows {
  const { sourceOfRole } = binding;
  const date = cachedDateReader();
  const derive = memoisedStatus(asAt, windowMonths);
  const status = memoisedStatusText();
  const predictedAt = sourceOfRole.predictedStartDate ?? -1;
  const actualAt = sourceOfRole.actualStartDate ?? -1;
  const statusAt = sourceOfRole.status ?? -1;
  const statusCounts = zeroStatusCounts();
  const windows = windowsFor(asAt, windowMonths);
  const counts = zeroCounts();
  const rows: RowModel[] = new Array(source.length);
  let count = 0;
  for (let index = 0; index < source.length; index++) {
    const raw = source[index];
    if (!Array.isArray(raw)) continue;
    const predicted = predictedAt < 0 ? null : date(raw[predictedAt]);
    const actual = actualAt < 0 ? null : date(raw[actualAt]);
    if (predicted === null && predictedAt >= 0 && raw[predictedAt] != null) problems.check('predictedStartDate', raw[predictedAt]);
    if (actual === null && actualAt >= 0 && raw[actualAt] != null) problems.check('actualStartDate', raw[actualAt]);
    const key = (statusAt < 0 ? null : status(raw[statusAt])) ?? derive(predicted, actual);
    if (key !== null) {
      statusCounts[key] += 1;
      const bucket = sentenceBucket(key, predicted, actual, windows);
      if (bucket !== null) counts[bucket] += 1;
    }
    rows[count++] = { index, raw, status: key, predicted, actual };
  }
  rows.length = count;
  return { rows, statusCounts, counts };
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

function zeroStatusCounts(): Record<StatusKey, number> {
  return Object.fromEntries(STATUS_KEYS.map((key) => [key, 0])) as Record<StatusKey, number>;
}

function zeroCounts(): SentenceCounts {
  return { onTime: 0, late: 0, yetToStart: 0, planned: 0 };
}

function hasStatus(binding: Binding): boolean {
  return binding.sourceOfRole.status !== undefined || binding.sourceOfRole.predictedStartDate !== undefined;
}

/** A model with no rows: titles, zero counts, no as-at date of the data, header values left out. */
function emptyModel(state: ViewModel['state'], binding: Binding, problems: DateProblemTracker, options: ConvertOptions): ViewModel {
  const texts = options.texts ?? DEFAULT_TEXTS;
  return {
    state,
    columns: withDerivedStatus(binding, texts.status),
    tooltipFields: binding.tooltipFields,
    rows: [],
    asAt: options.today,
    asAtFromData: false,
    asAtBound: binding.sourceOfRole.asAtDate !== undefined,
    windowMonths: options.windowMonths,
    counts: zeroCounts(),
    statusCounts: zeroStatusCounts(),
    hasStatus: hasStatus(binding),
    dateProblems: problems.problems,
    canCount: !problems.any,
    header: deriveHeaderLines([], binding.sourceOfRole, { ...options, ...texts }),
  };
}
