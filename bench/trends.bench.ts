/**
 * Trend figures for `npm run bench`: at one size (default 10,000 children), a `ppoc-prep run`
 * into a SQLite file that already holds a year of daily history (365 dates, copied in SQL from
 * the first run's rows), a `backfill` of 3 dated folders, and an `export` of every table.
 * Wall time of the whole CLI process (start-up included). Figures only; not a test.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { IsoDate } from '../core/src/index';
import { writeDemoExtract } from '../dataprep/src/demo/index';
import { closeQuietly, openDatabase } from '../dataprep/src/warehouse/sqlite/database';

const AS_AT = '2024-06-30' as IsoDate;

function cli(root: string, args: string[]): Promise<{ code: number; ms: number }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'dataprep', 'bin', 'ppoc-prep.mjs'), ...args], { cwd: root, stdio: 'ignore' });
    child.on('error', fail);
    child.on('exit', (code) => done({ code: code ?? 1, ms: performance.now() - started }));
  });
}

/** Copies the history of `asAt` to the 364 days before it: a year of daily runs. */
function fillYear(file: string): number {
  const db = openDatabase(file);
  try {
    db.prepare(
      `WITH RECURSIVE d(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM d WHERE n < 364)
       INSERT INTO plan_status_history SELECT date(h.as_at_date, '-' || d.n || ' day'), person_id, assessment_type, status,
         status_order, predicted_start_date, actual_start_date, days_late, locality, team, full_care_order, run_id
       FROM plan_status_history h CROSS JOIN d WHERE h.as_at_date = ?`,
    ).run(AS_AT);
    return (db.prepare('SELECT count(*) AS n FROM plan_status_history').get() as { n: number }).n;
  } finally {
    closeQuietly(db);
  }
}

const seconds = (ms: number) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

/** Prints the trend figures and returns the lines printed (for bench/results.md). */
export default async function trendsBench(root: string, scratch: string, children = 10_000): Promise<string[]> {
  const dir = join(scratch, `trends-${children}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const extract = join(dir, 'extract');
  await writeDemoExtract(extract, { children, seed: 1, asAt: AS_AT });
  const db = join(dir, 'ppoc.sqlite');
  const first = await cli(root, ['run', '--source', extract, '--sqlite', db, '--as-at', AS_AT]);
  const rows = fillYear(db);
  const withYear = await cli(root, ['run', '--source', extract, '--sqlite', db, '--as-at', AS_AT]);
  const out = join(dir, 'export');
  const exported = await cli(root, ['export', '--out', out, '--sqlite', db]);
  const bytes = readdirSync(out).reduce((n, f) => n + statSync(join(out, f)).size, 0);
  const archive = join(dir, 'archive');
  for (const date of ['2024-04-30', '2024-05-31', '2024-06-30']) cpSync(extract, join(archive, date), { recursive: true });
  const backfill = await cli(root, ['backfill', '--source-archive', archive, '--sqlite', join(dir, 'backfill.sqlite')]);
  const failed = [first, withYear, exported, backfill].some((r) => r.code !== 0);
  const lines = [
    `Trend benchmark (${children.toLocaleString('en-GB')} children, as at ${AS_AT}; wall time of the CLI process)${failed ? ' — A COMMAND FAILED' : ''}`,
    `  run, empty history                          ${seconds(first.ms)}`,
    `  run, 365 dates of history (${rows.toLocaleString('en-GB')} rows)   ${seconds(withYear.ms)}`,
    `  export, every table + that history          ${seconds(exported.ms)} (${(bytes / 1e6).toFixed(1)} MB of CSV)`,
    `  backfill of 3 dated folders                 ${seconds(backfill.ms)}`,
  ];
  console.log(`\n${lines.join('\n')}`);
  return lines;
}
