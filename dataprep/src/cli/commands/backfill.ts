import { parseFlags } from '../flags';
import { listArchive, type ArchivedExtract } from '../../pipeline/archive';
import type { RefreshProgress } from '../../pipeline/progress';
import type { RefreshOptions, RefreshSummary } from '../../pipeline/run-refresh';
import { describeTarget, openWarehouse, type FullWarehouse } from '../open-warehouse';
import { RUN_OPTIONS } from './run';
import type { IsoDate } from '../../../../core/src/index';
import { printable } from '../../files/printable';
import { resolveRefreshAsAt, resolveRefreshLog, resolveRefreshSettings } from '../settings';
import { UsageError } from '../../settings/env';

export const BACKFILL_HELP = `Usage: ppoc-prep backfill --source-archive DIR [--sqlite FILE | --sqlserver CONNECTION] [--as-at DATE]
                          [--window-months N] [--lookback-days N] [--history-days N] [--force]

Builds the trend from archived extracts. DIR holds one extract folder per day, named YYYY-MM-DD;
each is refreshed as at its name's date, oldest first, exactly as "ppoc-prep run" would (one run
each in refresh_log), adding that date to plan_status_history. The newest folder's run leaves the
current tables. Other names in DIR are skipped with a warning.

Idempotent: a folder whose date already has a successful run is skipped, so a rerun changes
nothing and a stopped backfill resumes where it stopped (--force runs every folder again, e.g.
after changing --window-months). At the first folder that fails the backfill stops (exit 1):
the history of the folders before it is kept, and the current tables are those of the last
folder that succeeded. Exit 3 when another refresh is running. A folder dated after today (or
after --as-at) is refused before anything runs (exit 2): it would become the current tables.
When the newest folder is older than the tables published before the backfill, the backfill
leaves the current tables as at that older date: "ppoc-prep status" then says so (exit 1) until a
"ppoc-prep run" brings them up to date.

  --source-archive DIR  folder of dated extract folders
  --as-at DATE          no folder may be dated after DATE (env PPOC_AS_AT; default and latest: today in Europe/London)
  --force               also refresh folders already refreshed successfully
Other options as for "ppoc-prep run" (each folder's date is its as-at date, so no staleness check);
the shrink guards compare each folder with the runs as at its date or before (--allow-shrink to accept).`;

// The run options but --source, which each folder is, and --allow-stale (each folder's date is its as-at date).
const { source: _source, 'allow-stale': _stale, ...runOptions } = RUN_OPTIONS;
const OPTIONS = { ...runOptions, 'source-archive': { type: 'string' }, force: { type: 'boolean' } } as const;

function readArchive(dir: string | undefined, latest: IsoDate, out: (text: string) => void): ArchivedExtract[] {
  if (!dir) throw new UsageError('backfill needs --source-archive DIR');
  let listing: ReturnType<typeof listArchive>;
  try {
    listing = listArchive(dir);
  } catch {
    throw new UsageError(`cannot read the archive folder ${printable(dir)}`);
  }
  for (const entry of listing.skipped) out(`Warning: skipping "${printable(entry.name)}" in the archive: ${entry.reason}`);
  if (listing.extracts.length === 0) throw new UsageError(`no dated extract folders (YYYY-MM-DD) in ${printable(dir)}`);
  const future = listing.extracts.filter((extract) => extract.asAt > latest);
  if (future.length > 0) {
    const names = future.map((extract) => `"${extract.asAt}"`).join(', ');
    throw new UsageError(
      `the archive holds ${future.length === 1 ? 'a folder' : 'folders'} dated after ${latest}: ${names}; ` +
        'a future-dated extract would become the current tables. Rename or remove it, then run backfill again ' +
        '(nothing was refreshed)',
    );
  }
  return listing.extracts;
}

function refreshedLine(n: string, extract: ArchivedExtract, summary: RefreshSummary): string {
  if (summary.status === 'failed') return `${n}: ${extract.asAt} FAILED: ${summary.message}`;
  const rows = (table: string) => summary.tables.find((t) => t.table === table)?.rows ?? 0;
  const issues = summary.issueCounts.reduce((total, c) => total + c.count, 0);
  return `${n}: ${extract.asAt} succeeded, run ${summary.runId}, ${rows('planned_assessment')} listed plans, ` +
    `${rows('plan_status_history')} history rows, ${issues} data-quality issues (${summary.durationMs} ms)`;
}

export async function backfillCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({ args, options: OPTIONS, strict: true });
  if (values.help) return (out(BACKFILL_HELP), 0);
  const { target, ...settings } = resolveRefreshSettings(values, process.env);
  const extracts = readArchive(values['source-archive'], resolveRefreshAsAt(values['as-at'], process.env), out);
  const { logger, progress } = resolveRefreshLog(process.env);
  const warehouse = await openWarehouse(target);
  try {
    await warehouse.migrate();
    out(`Backfill of ${extracts.length} dated folders into ${describeTarget(target)}, oldest first.`);
    return await backfill(warehouse, extracts, { ...settings, force: values.force ?? false, logger, progress, out });
  } finally {
    await warehouse.close();
  }
}

async function backfill(
  warehouse: FullWarehouse,
  extracts: readonly ArchivedExtract[],
  options: Omit<RefreshOptions, 'sourceDir' | 'asAt' | 'warehouse' | 'progress'> & { force: boolean; progress: () => RefreshProgress; out: (text: string) => void },
): Promise<number> {
  const { out } = options;
  const done = new Set(options.force ? [] : await warehouse.succeededAsAtDates());
  const current = (await warehouse.latestSuccessfulRun())?.as_at_date ?? null;
  const newest = extracts[extracts.length - 1].asAt;
  const { runRefresh } = await import('../../pipeline/run-refresh'); // after the lock, as for `run`
  let refreshed = 0;
  for (const [index, extract] of extracts.entries()) {
    const n = `folder ${index + 1} of ${extracts.length}`;
    // The newest folder runs again when the current tables are older than it, so they end as its.
    const leaveCurrent = extract.asAt === newest && (current === null || current < newest);
    if (done.has(extract.asAt) && !leaveCurrent) {
      out(`${n}: ${extract.asAt} skipped: already refreshed successfully as at that date`);
      continue;
    }
    const summary = await runRefresh({ ...options, sourceDir: extract.path, asAt: extract.asAt, warehouse, progress: options.progress() });
    out(refreshedLine(n, extract, summary));
    if (summary.status === 'failed') {
      out(`Backfill stopped at ${n} (${extract.asAt}). The history of the folders before it is kept; the current tables ` +
        'are those of the last folder that succeeded. Fix the folder and run backfill again: folders already done are skipped.');
      return 1;
    }
    refreshed += 1;
  }
  out(`Backfill finished: ${extracts.length} dated folders, ${refreshed} refreshed, ${extracts.length - refreshed} skipped.`);
  if (refreshed > 0 && current !== null && current > newest) {
    out(`Warning: the current tables are now as at ${newest}, older than the run as at ${current} before the backfill: ` +
      'run "ppoc-prep run" to bring them up to date ("ppoc-prep status" exits 1 until then).');
  }
  return 0;
}
