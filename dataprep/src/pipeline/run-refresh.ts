import { randomBytes } from 'node:crypto';
import type { IsoDate } from '../../../core/src/index';
import { ExtractError, type DataQualityIssue } from '../model/data-quality';
import type { DataQualityRule } from '../model/data-quality-rules';
import { catalogViolations } from '../model/data-tests';
import type { RefreshSet } from '../model/refresh-set';
import { fileFigure, runFigures, type RunFigures } from '../model/run-figures';
import type { FileReadStats } from '../model/source-records';
import { CURATED_TABLES } from '../model/tables';
import { DEFAULT_READ_LIMITS, readExtract, type ReadLimits } from '../sources/index';
import { assertFreshExtract, StaleExtractError } from '../sources/staleness';
import { buildRefreshSet } from '../transform/index';
import { historyKeepFrom } from '../transform/status-history';
import { RefreshLockedError, type RunInfo, type RunOutcome, type Warehouse } from '../warehouse/warehouse';
import type { Logger } from './logger';
import { countIssues, frequentIssueRules, sentenceFor, type RefreshSummary } from './run-summary';
import { NO_PROGRESS, type RefreshProgress } from './progress';
import { StageClock } from './stage-clock';
import {
  DEFAULT_SHRINK_GUARD, findBreaches, GUARD_WINDOW_RUNS, shrinkMessage, ShrinkGuardError, type ShrinkGuardOptions,
} from './shrink-guard';

export { countIssues, frequentIssueRules, sentenceFor, type IssueCount, type RefreshSummary, type RuleExample } from './run-summary';

/** sources → transform → RefreshSet → warehouse: the one code path for both targets. */
export interface RefreshOptions {
  sourceDir: string;
  asAt: IsoDate;
  windowMonths: number;
  lookbackDays: number;
  /** PPOC_HISTORY_DAYS (null or absent: keep all history). */
  historyDays?: number | null;
  warehouse: Warehouse;
  logger: Logger;
  /** File size, workbook row and header column limits (PPOC_MAX_FILE_MB, PPOC_MAX_XLSX_ROWS, PPOC_MAX_COLUMNS). */
  readLimits?: ReadLimits;
  /** PPOC_MAX_SHRINK_PERCENT and --allow-shrink. */
  shrinkGuard?: ShrinkGuardOptions;
  now?: () => Date;
  /** Fail a run whose newest required file is older than this (the daily case); null or absent: no check. */
  maxExtractAgeHours?: number | null;
  /** Stage lines and the terminal's bar for a long refresh (progress.ts); absent: none. */
  progress?: RefreshProgress;
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

  const files: FileReadStats[] = [];
  // Filled as each file is read, so a run failing at a later file keeps the rows already rejected.
  const issues: DataQualityIssue[] = [];
  // Known once the tables are built: stored with the run, failed or not.
  let figures: RunFigures | undefined;
  const progress = { step: 'reading the extract' };
  const clock = new StageClock();
  const stages = options.progress ?? NO_PROGRESS;
  try {
    const { set } = await readAndApplyRules(options, run, { files, issues, progress, clock }, now);
    progress.step = 'data tests';
    stages.stage('data tests');
    const violations = catalogViolations(set);
    if (violations.length) throw new DataTestError(violations);
    clock.lap('data_tests');
    progress.step = 'the shrink guards';
    figures = { values: runFigures(set, files), accepted: new Set() };
    figures = await guardShrink(options, run, figures, files);
    const summary = succeededSummary(run, set, files, issues);
    progress.step = `publishing to ${warehouse.kind === 'sqlite' ? 'SQLite' : 'SQL Server'}`;
    clock.lap('shrink_guard');
    stages.stage('publish');
    await warehouse.publish(run, set, { ...outcome(summary, issues, now()), figures }, (done, total) => stages.tables(done, total));
    clock.lap('publish');
    logger.debug('refresh timings', { run_id: run.runId, ...clock.fields() });
    logger.info('refresh succeeded', {
      run_id: run.runId, rows_read: summary.rowsRead, rows_rejected: summary.rowsRejected,
      rows_written: summary.rowsWritten, issues: issues.length,
    });
    return { ...summary, durationMs: now().getTime() - started.getTime() };
  } catch (error) {
    if (error instanceof RefreshLockedError) throw error;
    return fail(options, run, { error, step: progress.step, figures }, files, issues, started, now);
  } finally {
    stages.end();
  }
}

/**
 * Reads the extract and applies the rules. The source records are not needed after the rules:
 * they stay inside this function, so their memory is free again before the data tests and the
 * publish (where the run's memory peaks).
 */
async function readAndApplyRules(
  options: RefreshOptions, run: RunInfo,
  at: { files: FileReadStats[]; issues: DataQualityIssue[]; progress: { step: string }; clock: StageClock }, now: () => Date,
): Promise<{ set: RefreshSet }> {
  if (options.maxExtractAgeHours != null) assertFreshExtract(options.sourceDir, options.maxExtractAgeHours, now());
  options.progress?.stage('read');
  const extract = await readExtract(options.sourceDir, options.readLimits ?? DEFAULT_READ_LIMITS, at.files, at.issues);
  logFiles(options.logger, at.files);
  at.clock.lap('read');
  at.progress.step = 'reading the history';
  options.progress?.stage('rules');
  const historyDays = options.historyDays ?? null;
  // The trend builds on the history before A; the transform never reads a database itself.
  const prior = await options.warehouse.priorHistory({ before: options.asAt, from: historyKeepFrom(options.asAt, historyDays) });
  at.clock.lap('history');
  at.progress.step = 'applying the rules';
  const set = buildRefreshSet(extract.data, {
    asAt: options.asAt, windowMonths: options.windowMonths, lookbackDays: options.lookbackDays, runId: run.runId, historyDays,
  }, prior);
  at.clock.lap('transform');
  at.issues.push(...set.issues);
  return { set };
}

/**
 * The shrink guards (shrink-guard.ts) against the figures earlier runs stored: throws
 * ShrinkGuardError naming every fall, or returns the figures with the falls --allow-shrink accepted.
 */
async function guardShrink(options: RefreshOptions, run: RunInfo, figures: RunFigures, files: readonly FileReadStats[]): Promise<RunFigures> {
  const guard = options.shrinkGuard ?? DEFAULT_SHRINK_GUARD;
  const past = await options.warehouse.acceptedRunFigures({ asAt: run.asAtDate, runs: GUARD_WINDOW_RUNS });
  const fileNames = Object.fromEntries(files.map((f) => [fileFigure(f.file), f.file]));
  const breaches = findBreaches(figures.values, past, { maxPercent: guard.maxPercent, asAt: run.asAtDate, fileNames });
  if (breaches.length === 0) return figures;
  if (!guard.allow) throw new ShrinkGuardError(shrinkMessage(breaches, guard.maxPercent));
  for (const breach of breaches) {
    options.logger.warn(`${breach.text}: accepted by --allow-shrink, the base for this figure from now on`, { run_id: run.runId });
  }
  return { values: figures.values, accepted: new Set(breaches.map((b) => b.figure)) };
}

async function fail(
  options: RefreshOptions, run: RunInfo, { error, step, figures }: { error: unknown; step: string; figures?: RunFigures }, files: FileReadStats[],
  found: DataQualityIssue[], started: Date, now: () => Date,
): Promise<RefreshSummary> {
  const message = failureMessage(error);
  const extractError = error instanceof ExtractError ? error : null;
  const issues = [...found, ...runIssue(error)];
  const summary: RefreshSummary = {
    ...emptySummary(run, files, issues),
    status: 'failed',
    message,
    durationMs: now().getTime() - started.getTime(),
    failedAt: {
      step: error instanceof StaleExtractError ? 'the stale-extract check' : step,
      file: extractError?.sourceFile || null,
    },
  };
  await options.warehouse.failRun(run, { ...outcome(summary, issues, now()), figures });
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
      rule: (error as { rule?: DataQualityRule }).rule ?? ('file_rejected' satisfies DataQualityRule), message: error.message,
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
    rowsWritten: 0, issueCounts: countIssues(issues), topIssues: frequentIssueRules(issues), sentence: null,
  };
}

/** Everything but the duration, which is known only once the warehouse has published. */
function succeededSummary(
  run: RunInfo, set: RefreshSet, files: FileReadStats[], issues: DataQualityIssue[],
): Omit<RefreshSummary, 'durationMs'> {
  const tables = [
    ...CURATED_TABLES.map((table) => ({ table: table as string, rows: set.tables[table].length })),
    { table: 'plan_status_history', rows: set.history.rows.length },
  ];
  const base = emptySummary(run, files, issues);
  const sentence = sentenceFor(set.tables.planned_assessment, set.asAtDate, set.windowMonths);
  return {
    ...base, status: 'succeeded', tables, rowsWritten: tables.reduce((n, t) => n + t.rows, 0), sentence,
    message: `${base.rowsRead} rows read, ${base.rowsRejected} rejected, ${issues.length} data-quality issues`,
  };
}

function outcome(summary: Omit<RefreshSummary, 'durationMs'>, issues: DataQualityIssue[], finished: Date): RunOutcome {
  return {
    finishedAtUtc: finished.toISOString(), rowsRead: summary.rowsRead, rowsRejected: summary.rowsRejected,
    rowsWritten: summary.rowsWritten, message: summary.message, issues, files: summary.files,
  };
}

function logFiles(logger: Logger, files: readonly FileReadStats[]): void {
  for (const f of files) logger.info('source read', { file: f.file, rows_read: f.rowsRead, rows_rejected: f.rowsRejected });
}
