import { randomBytes } from 'node:crypto';
import { countSentence, formatSentence, parseStatusText, type IsoDate } from '../../../core/src/index';
import { ExtractError, type DataQualityIssue } from '../model/data-quality';
import type { DataQualityRule } from '../model/data-quality-rules';
import { catalogViolations } from '../model/data-tests';
import type { RefreshSet } from '../model/refresh-set';
import type { FileReadStats } from '../model/source-records';
import { CURATED_TABLES } from '../model/tables';
import { DEFAULT_READ_LIMITS, readExtract, type ReadLimits } from '../sources/index';
import { buildRefreshSet } from '../transform/index';
import { RefreshLockedError, type RunInfo, type RunOutcome, type Warehouse } from '../warehouse/warehouse';
import type { Logger } from './logger';
import { DEFAULT_SHRINK_GUARD, describeShrink, guardShrink, ShrinkGuardError, type ShrinkGuardOptions } from './shrink-guard';

/** sources → transform → RefreshSet → warehouse: the one code path for both targets. */
export interface RefreshOptions {
  sourceDir: string;
  asAt: IsoDate;
  windowMonths: number;
  lookbackDays: number;
  warehouse: Warehouse;
  logger: Logger;
  /** File size and workbook row limits (PPOC_MAX_FILE_MB, PPOC_MAX_XLSX_ROWS). */
  readLimits?: ReadLimits;
  /** PPOC_MAX_SHRINK_PERCENT and --allow-shrink. */
  shrinkGuard?: ShrinkGuardOptions;
  now?: () => Date;
}

export interface IssueCount {
  severity: DataQualityIssue['severity'];
  rule: string;
  count: number;
}

export interface RefreshSummary {
  runId: string;
  status: 'succeeded' | 'failed';
  asAt: IsoDate;
  windowMonths: number;
  files: FileReadStats[];
  tables: { table: string; rows: number }[];
  rowsRead: number;
  rowsRejected: number;
  rowsWritten: number;
  issueCounts: IssueCount[];
  sentence: string | null;
  message: string;
  durationMs: number;
}

/** The built tables broke the catalog (a bug, never bad input): nothing is written. */
export class DataTestError extends Error {
  constructor(readonly violations: string[]) {
    super(`data tests failed: ${violations.join('; ')}`);
    this.name = 'DataTestError';
  }
}

export function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export async function runRefresh(options: RefreshOptions): Promise<RefreshSummary> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const run: RunInfo = {
    runId: newRunId(started),
    startedAtUtc: started.toISOString(),
    asAtDate: options.asAt,
    windowMonths: options.windowMonths,
    source: options.sourceDir,
  };
  const { logger, warehouse } = options;
  await warehouse.startRun(run); // RefreshLockedError propagates: nothing was logged or written
  logger.info('refresh started', { run_id: run.runId, as_at: run.asAtDate, target: warehouse.kind });

  let files: FileReadStats[] = [];
  let issues: DataQualityIssue[] = [];
  try {
    const extract = await readExtract(options.sourceDir, options.readLimits ?? DEFAULT_READ_LIMITS);
    files = extract.files;
    logFiles(logger, files);
    const set = buildRefreshSet(extract.data, {
      asAt: options.asAt, windowMonths: options.windowMonths, lookbackDays: options.lookbackDays,
    });
    issues = [...extract.issues, ...set.issues];
    const violations = catalogViolations(set);
    if (violations.length) throw new DataTestError(violations);
    const allowed = await guardShrink(warehouse, set, options.shrinkGuard ?? DEFAULT_SHRINK_GUARD);
    for (const shrink of allowed) logger.warn(`${describeShrink(shrink)}: allowed by --allow-shrink`, { run_id: run.runId });
    const summary = succeededSummary(run, set, files, issues);
    await warehouse.publish(run, set, outcome(summary, issues, now()));
    logger.info('refresh succeeded', {
      run_id: run.runId, rows_read: summary.rowsRead, rows_rejected: summary.rowsRejected,
      rows_written: summary.rowsWritten, issues: issues.length,
    });
    return { ...summary, durationMs: now().getTime() - started.getTime() };
  } catch (error) {
    if (error instanceof RefreshLockedError) throw error;
    return fail(options, run, error, files, issues, started, now);
  }
}

async function fail(
  options: RefreshOptions, run: RunInfo, error: unknown, files: FileReadStats[], found: DataQualityIssue[],
  started: Date, now: () => Date,
): Promise<RefreshSummary> {
  const message = failureMessage(error);
  const issues = [...found, ...runIssue(error)];
  const summary: RefreshSummary = {
    ...emptySummary(run, files, issues),
    status: 'failed',
    message,
    durationMs: now().getTime() - started.getTime(),
  };
  await options.warehouse.failRun(run, outcome(summary, issues, now()));
  options.logger.error('refresh failed; previous tables kept', { run_id: run.runId, reason: message });
  return summary;
}

/** One line, no stack: names file, line and column for extract problems. */
export function failureMessage(error: unknown): string {
  if (error instanceof ExtractError) {
    const where = [error.sourceFile, error.line != null ? `line ${error.line}` : null, error.column ? `column ${error.column}` : null]
      .filter(Boolean)
      .join(', ');
    return error.message.startsWith(error.sourceFile) ? error.message : `${where}: ${error.message}`;
  }
  if (error instanceof ShrinkGuardError) return error.message;
  return error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
}

/** The reason a run failed, as a data-quality row MI can find beside the row-level ones. */
function runIssue(error: unknown): DataQualityIssue[] {
  if (error instanceof ExtractError) {
    return [{
      severity: 'error', sourceFile: error.sourceFile || null, line: error.line, column: error.column, personId: null,
      rule: 'file_rejected' satisfies DataQualityRule, message: error.message,
    }];
  }
  if (error instanceof ShrinkGuardError) {
    return [{ severity: 'error', sourceFile: null, line: null, column: null, personId: null, rule: error.rule, message: error.message }];
  }
  return [];
}

function emptySummary(run: RunInfo, files: FileReadStats[], issues: DataQualityIssue[]): Omit<RefreshSummary, 'status' | 'message' | 'durationMs'> {
  return {
    runId: run.runId, asAt: run.asAtDate, windowMonths: run.windowMonths, files, tables: [],
    rowsRead: files.reduce((n, f) => n + f.rowsRead, 0),
    rowsRejected: files.reduce((n, f) => n + f.rowsRejected, 0),
    rowsWritten: 0, issueCounts: countIssues(issues), sentence: null,
  };
}

/** Everything but the duration, which is known only once the warehouse has published. */
function succeededSummary(
  run: RunInfo, set: RefreshSet, files: FileReadStats[], issues: DataQualityIssue[],
): Omit<RefreshSummary, 'durationMs'> {
  const tables = CURATED_TABLES.map((table) => ({ table, rows: set.tables[table].length }));
  const base = emptySummary(run, files, issues);
  const sentence = sentenceFor(set.tables.planned_assessment, set.asAtDate, set.windowMonths);
  return {
    ...base, status: 'succeeded', tables, rowsWritten: tables.reduce((n, t) => n + t.rows, 0), sentence,
    message: `${base.rowsRead} rows read, ${base.rowsRejected} rejected, ${issues.length} data-quality issues`,
  };
}

/** The summary sentence over planned_assessment rows, with the shared rules. */
export function sentenceFor(
  rows: readonly { status: string; predicted_start_date: string | null; actual_start_date: string | null }[],
  asAt: IsoDate, windowMonths: number,
): string {
  const counts = countSentence(
    rows.map((r) => ({
      status: parseStatusText(r.status), predicted: r.predicted_start_date as IsoDate | null,
      actual: r.actual_start_date as IsoDate | null,
    })),
    asAt, windowMonths,
  );
  return formatSentence(counts, windowMonths);
}

function outcome(summary: Omit<RefreshSummary, 'durationMs'>, issues: DataQualityIssue[], finished: Date): RunOutcome {
  return {
    finishedAtUtc: finished.toISOString(), rowsRead: summary.rowsRead, rowsRejected: summary.rowsRejected,
    rowsWritten: summary.rowsWritten, message: summary.message, issues,
  };
}

export function countIssues(issues: readonly DataQualityIssue[]): IssueCount[] {
  const counts = new Map<string, IssueCount>();
  for (const issue of issues) {
    const key = `${issue.severity}\u0000${issue.rule}`;
    const entry = counts.get(key) ?? { severity: issue.severity, rule: issue.rule, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => a.severity.localeCompare(b.severity) || b.count - a.count || a.rule.localeCompare(b.rule));
}

function logFiles(logger: Logger, files: readonly FileReadStats[]): void {
  for (const f of files) logger.info('source read', { file: f.file, rows_read: f.rowsRead, rows_rejected: f.rowsRejected });
}
