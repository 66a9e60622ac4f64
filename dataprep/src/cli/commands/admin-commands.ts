import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { parseFlags } from '../flags';
import { todayInTimeZone, type IsoDate } from '../../../../core/src/index';
import { writeDemoExtract } from '../../demo/index';
import { printable } from '../../files/printable';
import { assertFreshExtract, DEFAULT_MAX_EXTRACT_AGE_HOURS, StaleExtractError } from '../../sources/staleness';
import { describeTarget, openWarehouse } from '../open-warehouse';
import { asAtDate, DEFAULT_DEMO_SOURCE, REPO_ROOT, resolveTarget, TARGET_FLAGS, TARGET_FLAGS_HELP } from '../settings';
import { decimalSetting, UsageError } from '../../settings/env';
import { executeRun, resolveRunSettings } from './run';

export const MIGRATE_HELP = `Usage: ppoc-prep migrate [--sqlite FILE | --sqlserver CONNECTION [--sqlserver-ca-file PEM]]

Creates or upgrades the curated-table schema (SQL Server: applies the missing sql/ migrations,
with a db_owner login).
${TARGET_FLAGS_HELP}`;

export const DEMO_HELP = `Usage: ppoc-prep demo-extract --out DIR [--children N] [--seed S] [--as-at DATE]

Writes a synthetic, contract-conforming extract folder (no real people). Deterministic for a seed.
  --children N   children in the extract (default 400, up to 200000)
  --seed S       random seed, a whole number (default 1)
  --as-at DATE   the date the extract is "taken", YYYY-MM-DD or DD/MM/YYYY (default today in Europe/London)`;

export const QUICKSTART_HELP = `Usage: ppoc-prep quickstart

What "npm start" runs: writes the demo extract to data/demo-extract if it is absent, then runs the
prep into the default SQLite file (data/ppoc.sqlite) and prints the run summary. A demo extract in
data/demo-extract older than 36 hours is written afresh for today.`;

export async function migrateCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({
    args, options: { ...TARGET_FLAGS, help: { type: 'boolean', short: 'h' } }, strict: true,
  });
  if (values.help) return (out(MIGRATE_HELP), 0);
  const target = resolveTarget(values, process.env);
  const warehouse = await openWarehouse(target);
  try {
    const { applied } = await warehouse.migrate();
    for (const migration of applied) out(`Applied ${migration}`);
    out(`Schema is up to date on ${describeTarget(target)}.`);
    return 0;
  } finally {
    await warehouse.close();
  }
}

function wholeNumber(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  return decimalSetting({ value, from: `--${name}` }, { min: 0, max, whole: true, what: `a whole number from 0 to ${max}` });
}

function demoAsAt(value: string | undefined): IsoDate {
  return value === undefined ? todayInTimeZone('Europe/London') : asAtDate({ value, from: '--as-at' });
}

export async function demoExtractCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({
    args,
    options: {
      out: { type: 'string' }, children: { type: 'string' }, seed: { type: 'string' }, 'as-at': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return (out(DEMO_HELP), 0);
  if (!values.out) throw new UsageError('demo-extract needs --out DIR');
  const options = {
    children: wholeNumber(values.children, 'children', 400, 200_000),
    seed: wholeNumber(values.seed, 'seed', 1, 2 ** 32 - 1),
    asAt: demoAsAt(values['as-at']),
  };
  const summary = await writeDemoExtract(values.out, options);
  out(`Demo extract for ${summary.children} children (seed ${options.seed}, as at ${options.asAt}) written to ${printable(values.out)}:`);
  for (const f of summary.files) out(`  ${f.file}: ${f.rows} rows`);
  return 0;
}

/** The default demo folder is synthetic: rewritten rather than failed as stale or future-dated (a real PPOC_SOURCE is never touched). */
function staleDemo(source: string): boolean {
  if (source !== DEFAULT_DEMO_SOURCE) return false;
  try {
    assertFreshExtract(source, DEFAULT_MAX_EXTRACT_AGE_HOURS, new Date()); // the check a run makes
    return false;
  } catch (error) {
    if (error instanceof StaleExtractError) return true;
    throw error;
  }
}

export async function quickstartCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({ args, options: { help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) return (out(QUICKSTART_HELP), 0);
  const source = process.env.PPOC_SOURCE ?? DEFAULT_DEMO_SOURCE;
  if (!existsSync(source) || staleDemo(source)) {
    const asAt = todayInTimeZone('Europe/London');
    await writeDemoExtract(source, { children: 400, seed: 1, asAt });
    out(`Wrote the synthetic demo extract (400 children, as at ${asAt}) to ${printable(relative(REPO_ROOT, source) || source)}.`);
  }
  return executeRun(resolveRunSettings({ source }, process.env), out);
}
