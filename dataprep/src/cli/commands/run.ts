import { parseArgs } from 'node:util';
import { createLogger } from '../../pipeline/logger';
import { runRefresh, type RefreshSummary } from '../../pipeline/run-refresh';
import { describeTarget, openWarehouse } from '../open-warehouse';
import type { ShrinkGuardOptions } from '../../pipeline/shrink-guard';
import type { ReadLimits } from '../../sources/source-file';
import {
  resolveAsAt, resolveLogLevel, resolveLookbackDays, resolveReadLimits, resolveShrinkGuard, resolveSource, resolveTarget,
  resolveWindowMonths, TARGET_FLAGS, TARGET_FLAGS_HELP, type TargetSettings,
} from '../settings';
import { textTable } from '../text-table';

export const RUN_HELP = `Usage: ppoc-prep run --source DIR [--as-at YYYY-MM-DD] [--sqlite FILE | --sqlserver CONNECTION]
                     [--window-months N] [--lookback-days N] [--allow-shrink]

Reads the extract folder, validates every row, applies the PPOC rules and replaces the curated
tables in one atomic refresh. Exit 0 when the run succeeded (row-level issues allowed), 1 when it
failed (the previous tables are kept), 2 for a usage error, 3 when another refresh is running.

  --source DIR          extract folder (env PPOC_SOURCE)
  --as-at DATE          as-at date (env PPOC_AS_AT; default today in Europe/London)
${TARGET_FLAGS_HELP}
  --window-months N     window length W, 1-24 (env PPOC_WINDOW_MONTHS; default 3)
  --lookback-days N     lookback L for assessment starts (env PPOC_LOOKBACK_DAYS; default 90)
  --allow-shrink        accept planned_assessment or cic_cohort shrinking by more than
                        PPOC_MAX_SHRINK_PERCENT (default 50) against the last successful run

Input limits (environment): PPOC_MAX_FILE_MB (default 500), PPOC_MAX_XLSX_ROWS (default 1000000).`;

export const RUN_OPTIONS = {
  source: { type: 'string' },
  'as-at': { type: 'string' },
  ...TARGET_FLAGS,
  'window-months': { type: 'string' },
  'lookback-days': { type: 'string' },
  'allow-shrink': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface RunSettings {
  source: string;
  asAt: ReturnType<typeof resolveAsAt>;
  windowMonths: number;
  lookbackDays: number;
  target: TargetSettings;
  readLimits: ReadLimits;
  shrinkGuard: ShrinkGuardOptions;
}

export function resolveRunSettings(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv): RunSettings {
  const str = (k: string) => values[k] as string | undefined;
  return {
    source: resolveSource(str('source'), env),
    asAt: resolveAsAt(str('as-at'), env),
    windowMonths: resolveWindowMonths(str('window-months'), env),
    lookbackDays: resolveLookbackDays(str('lookback-days'), env),
    target: resolveTarget({ sqlite: str('sqlite'), sqlserver: str('sqlserver'), 'sqlserver-ca-file': str('sqlserver-ca-file') }, env),
    readLimits: resolveReadLimits(env),
    shrinkGuard: resolveShrinkGuard(values['allow-shrink'] === true, env),
  };
}

export async function runCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: RUN_OPTIONS, strict: true });
  if (values.help) return (out(RUN_HELP), 0);
  const settings = resolveRunSettings(values, process.env);
  return executeRun(settings, out);
}

/** Runs one refresh and prints its summary; shared by `run`, `quickstart` and `schedule`. */
export async function executeRun(settings: RunSettings, out: (text: string) => void): Promise<number> {
  const logger = createLogger(resolveLogLevel(process.env));
  const warehouse = await openWarehouse(settings.target, { logger });
  try {
    await warehouse.migrate();
    const summary = await runRefresh({ ...settings, sourceDir: settings.source, warehouse, logger });
    out(formatRunSummary(summary, describeTarget(settings.target)));
    return summary.status === 'succeeded' ? 0 : 1;
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
  } else {
    parts.push('', 'No data-quality issues.');
  }
  return parts.join('\n');
}
