import { parseFlags } from '../flags';
import { resolveAlertSettings, type AlertSettings } from '../../alerts/alert-settings';
import { failedRunAlert, runErrorAlert } from '../../alerts/alert-text';
import { sendAlert } from '../../alerts/send-alert';
import type { Logger } from '../../pipeline/logger';
import type { RefreshProgress } from '../../pipeline/progress';
import type { RefreshSummary } from '../../pipeline/run-summary';
import { RefreshLockedError } from '../../warehouse/warehouse';
import { describeTarget, openWarehouse } from '../open-warehouse';
import type { ShrinkGuardOptions } from '../../pipeline/shrink-guard';
import type { ReadLimits } from '../../sources/source-file';
import {
  asAtGiven, resolveMaxExtractAgeHours, resolveRefreshAsAt, resolveRefreshLog, resolveRefreshSettings, resolveSource, TARGET_FLAGS, TARGET_FLAGS_HELP,
  type RefreshFlags, type TargetSettings,
} from '../settings';
import { textTable } from '../text-table';
import { frequentRules } from './issues';

export const RUN_HELP = `Usage: ppoc-prep run --source DIR [--as-at DATE] [--sqlite FILE | --sqlserver CONNECTION]
                     [--window-months N] [--lookback-days N] [--history-days N] [--allow-shrink] [--allow-stale]

Reads the extract folder, validates every row, applies the PPOC rules and replaces the curated
tables in one atomic refresh. Exit 0 when the run succeeded (row-level issues allowed), 1 when it
failed (the previous tables are kept), 2 for a usage error, 3 when another refresh is running.

  --source DIR          extract folder (env PPOC_SOURCE)
  --as-at DATE          as-at date, YYYY-MM-DD or DD/MM/YYYY (env PPOC_AS_AT; default today in Europe/London; never after today)
${TARGET_FLAGS_HELP}
  --window-months N     window length W, 1-24 (env PPOC_WINDOW_MONTHS; default 3)
  --lookback-days N     lookback L for assessment starts (env PPOC_LOOKBACK_DAYS; default 90)
  --history-days N      keep plan_status_history for N days before the as-at date (env PPOC_HISTORY_DAYS;
                        default: keep all)
  --allow-shrink        accept every figure the shrink guards find fallen by more than
                        PPOC_MAX_SHRINK_PERCENT (default 50) below the largest of the last 7 accepted
                        runs (table and file rows, plans with a worker or team, actual starts)
  --allow-stale         publish even when the newest required file is older than PPOC_MAX_EXTRACT_AGE_HOURS
                        (default 36; checked only when no as-at date is given)

Input limits (environment): PPOC_MAX_FILE_MB (default 500), PPOC_MAX_XLSX_ROWS (default 1000000),
PPOC_MAX_COLUMNS (columns in a CSV header, default 200).
Alerts on a failed run: e-mail (PPOC_SMTP_URL, PPOC_ALERT_TO, PPOC_ALERT_FROM) and/or a JSON POST
to PPOC_ALERT_WEBHOOK (a Teams or Slack incoming webhook). See docs/operations.md.`;

export const RUN_OPTIONS = {
  source: { type: 'string' },
  'as-at': { type: 'string' },
  ...TARGET_FLAGS,
  'window-months': { type: 'string' },
  'lookback-days': { type: 'string' },
  'history-days': { type: 'string' },
  'allow-shrink': { type: 'boolean' },
  'allow-stale': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface RunSettings {
  source: string;
  asAt: ReturnType<typeof resolveRefreshAsAt>;
  windowMonths: number;
  lookbackDays: number;
  historyDays: number | null;
  target: TargetSettings;
  readLimits: ReadLimits;
  shrinkGuard: ShrinkGuardOptions;
  /** The stale-extract limit, or null: an as-at date was given, or --allow-stale. */
  maxExtractAgeHours: number | null;
  alerts: AlertSettings;
}

/** The flags of `run` (and of `schedule` and `quickstart`, which pass some of them). */
type RunFlags = RefreshFlags & { source?: string; 'as-at'?: string; 'allow-stale'?: boolean };

export function resolveRunSettings(flags: RunFlags, env: NodeJS.ProcessEnv): RunSettings {
  const maxAge = resolveMaxExtractAgeHours(env); // validated even when not used
  const source = resolveSource(flags.source, env);
  const asAt = resolveRefreshAsAt(flags['as-at'], env);
  return {
    source,
    asAt,
    ...resolveRefreshSettings(flags, env),
    maxExtractAgeHours: asAtGiven(flags['as-at'], env) || flags['allow-stale'] === true ? null : maxAge,
    alerts: resolveAlertSettings(env),
  };
}

export async function runCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({ args, options: RUN_OPTIONS, strict: true });
  if (values.help) return (out(RUN_HELP), 0);
  const settings = resolveRunSettings(values, process.env);
  return executeRun(settings, out);
}

/**
 * Runs one refresh and prints its summary; shared by `run`, `quickstart` and `schedule`. A failed
 * run, or one that could not reach its database, is announced on the configured alert channels.
 */
export async function executeRun(settings: RunSettings, out: (text: string) => void): Promise<number> {
  const { logger, progress } = resolveRefreshLog(process.env);
  const target = describeTarget(settings.target);
  let summary: RefreshSummary;
  try {
    summary = await refreshOnce(settings, logger, progress());
  } catch (error) {
    if (!(error instanceof RefreshLockedError)) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      await sendAlert(runErrorAlert('run', settings.asAt, target, message), settings.alerts, logger);
    }
    throw error;
  }
  out(formatRunSummary(summary, target));
  if (summary.status === 'succeeded') return 0;
  await sendAlert(failedRunAlert(summary, target), settings.alerts, logger);
  return 1;
}

async function refreshOnce(settings: RunSettings, logger: Logger, progress: RefreshProgress): Promise<RefreshSummary> {
  // The lock comes first (SQLite takes it on open): a second run is refused before the
  // readers and the rules are even loaded.
  const warehouse = await openWarehouse(settings.target, { logger });
  try {
    await warehouse.migrate();
    const { runRefresh } = await import('../../pipeline/run-refresh');
    return await runRefresh({ ...settings, sourceDir: settings.source, warehouse, logger, progress });
  } finally {
    await warehouse.close();
  }
}

export function formatRunSummary(summary: RefreshSummary, target: string): string {
  const parts = [
    `PPOC refresh ${summary.runId} ${summary.status.toUpperCase()} (as at ${summary.asAt}, window ${summary.windowMonths} months, ` +
      `${target}) in ${summary.durationMs} ms`,
  ];
  if (summary.status === 'failed') parts.push(`Reason: ${summary.message}`, 'The previous curated tables were kept unchanged.');
  if (summary.files.length) {
    parts.push('', textTable(['Source file', 'Rows read', 'Rejected'], summary.files.map((f) => [f.file, f.rowsRead, f.rowsRejected])));
  }
  if (summary.tables.length) {
    parts.push('', textTable(['Table', 'Rows written'], summary.tables.map((t) => [t.table, t.rows])));
  }
  parts.push('', `Rows read ${summary.rowsRead}, rejected ${summary.rowsRejected}, written ${summary.rowsWritten}.`);
  if (summary.sentence) parts.push('', summary.sentence);
  if (summary.issueCounts.length) {
    parts.push('', textTable(['Severity', 'Data-quality rule', 'Count'], summary.issueCounts.map((c) => [c.severity, c.rule, c.count])));
    if (summary.topIssues?.length) parts.push('', frequentRules(summary.topIssues));
  } else {
    parts.push('', 'No data-quality issues.');
  }
  return parts.join('\n');
}
