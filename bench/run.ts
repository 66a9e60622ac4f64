/**
 * `npm run bench`: times the prep pipeline on synthetic demo extracts of 1,000 / 10,000 /
 * 100,000 children (demo generate + write, readExtract, buildRefreshSet, and the whole
 * `ppoc-prep run` CLI into a fresh SQLite file), then the visual's render benchmark when it
 * is present. Prints figures only; it is not a test. Scratch files go to .tmp/bench/.
 *
 * Then the trend figures (bench/trends.bench.ts: a run over a year of history, export, backfill).
 *
 *   npm run bench -- --sizes 1000,10000 --skip-visual --skip-trends
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { IsoDate } from '../core/src/index';
import { writeDemoExtract } from '../dataprep/src/demo/index';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRATCH = join(ROOT, '.tmp', 'bench');
const AS_AT = '2024-06-30' as IsoDate;
const CLI = join(ROOT, 'dataprep', 'bin', 'ppoc-prep.mjs');
const VISUAL_BENCH = join(ROOT, 'visual', 'bench', 'render.bench.ts');

/** Wall milliseconds, with CPU milliseconds of this process when measured in-process; or why not measured. */
type Figure = { wall: number; cpu?: number } | string;

interface Row {
  children: number;
  sourceRows: number;
  demo: Figure;
  read: Figure;
  transform: Figure;
  cli: Figure;
}

/** Wall time, and this process's CPU time (user + system), which other load on the machine disturbs less. */
async function timed<T>(work: () => Promise<T> | T): Promise<[T, { wall: number; cpu: number }]> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = await work();
  const cpu = process.cpuUsage(c0);
  return [result, { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 }];
}

/** The module's exports, or the reason it could not be loaded (another part may not exist yet). */
async function optional<T>(load: () => Promise<T>): Promise<T | string> {
  try {
    return await load();
  } catch {
    return 'n/a (module missing)';
  }
}

function runCli(args: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', fail);
    child.on('exit', (code) => done(code ?? 1));
  });
}

/** Loads and JIT-warms the modules once, so the first size does not pay for compiling them. */
async function warmUp(): Promise<void> {
  const dir = join(SCRATCH, 'extract-warm-up');
  await writeDemoExtract(dir, { children: 300, seed: 2, asAt: AS_AT });
  const sources = await optional(() => import('../dataprep/src/sources/index'));
  const transform = await optional(() => import('../dataprep/src/transform/index'));
  if (typeof sources === 'string') return;
  const { data } = await sources.readExtract(dir);
  if (typeof transform !== 'string') transform.buildRefreshSet(data, { asAt: AS_AT, windowMonths: 3, lookbackDays: 90, runId: 'bench', historyDays: null });
}

async function benchSize(children: number): Promise<Row> {
  const dir = join(SCRATCH, `extract-${children}`);
  rmSync(dir, { recursive: true, force: true });
  const [summary, demo] = await timed(() => writeDemoExtract(dir, { children, seed: 1, asAt: AS_AT }));
  const row: Row = {
    children, sourceRows: summary.files.reduce((n, f) => n + f.rows, 0), demo, read: '', transform: '', cli: '',
  };

  const sources = await optional(() => import('../dataprep/src/sources/index'));
  const transform = await optional(() => import('../dataprep/src/transform/index'));
  if (typeof sources === 'string') {
    row.read = sources;
    row.transform = typeof transform === 'string' ? transform : 'n/a (needs readExtract)';
  } else {
    const [extract, read] = await timed(() => sources.readExtract(dir));
    row.read = read;
    if (typeof transform === 'string') row.transform = transform;
    else row.transform = (await timed(() => transform.buildRefreshSet(extract.data, { asAt: AS_AT, windowMonths: 3, lookbackDays: 90, runId: 'bench', historyDays: null })))[1];
  }

  if (!existsSync(CLI)) row.cli = 'n/a (no CLI)';
  else {
    const db = join(SCRATCH, `ppoc-${children}.sqlite`);
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(db + suffix, { force: true });
    const [code, wall] = await timed(() => runCli(['run', '--source', dir, '--sqlite', db, '--as-at', AS_AT]));
    row.cli = code === 0 ? { wall: wall.wall } : `failed (exit ${code})`;
  }
  return row;
}

function ms(value: number): string {
  return value >= 10000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

function cell(value: Figure): string {
  if (typeof value === 'string') return value;
  return value.cpu === undefined ? ms(value.wall) : `${ms(value.wall)} (cpu ${ms(value.cpu)})`;
}

function printTable(rows: Row[]): void {
  const header = ['children', 'source rows', 'demo generate+write', 'readExtract', 'buildRefreshSet', 'CLI run (wall)'];
  const body = rows.map((r) => [
    r.children.toLocaleString('en-GB'), r.sourceRows.toLocaleString('en-GB'),
    cell(r.demo), cell(r.read), cell(r.transform), cell(r.cli),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(`\nPrep pipeline benchmark (as at ${AS_AT}, seed 1, Node ${process.versions.node}; wall time, cpu = this process)`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const b of body) console.log(line(b));
}

async function visualBench(): Promise<void> {
  if (!existsSync(VISUAL_BENCH)) {
    console.log('\nVisual render benchmark: n/a (visual/bench/render.bench.ts missing)');
    return;
  }
  try {
    const bench = (await import(pathToFileURL(VISUAL_BENCH).href)) as { default?: () => Promise<unknown> };
    if (typeof bench.default !== 'function') throw new Error('no default export');
    await bench.default(); // prints its own table
  } catch (error) {
    console.log(`\nVisual render benchmark: not run (${(error as Error).message})`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string' }, 'skip-visual': { type: 'boolean' }, 'skip-trends': { type: 'boolean' } },
  });
  const sizes = (values.sizes ?? '1000,10000,100000').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  mkdirSync(SCRATCH, { recursive: true });
  await warmUp();
  const rows: Row[] = [];
  for (const size of sizes) {
    rows.push(await benchSize(size));
    console.log(`  … ${size} children done`);
  }
  printTable(rows);
  if (!values['skip-trends']) await (await import('./trends.bench')).default(ROOT, SCRATCH);
  if (!values['skip-visual']) await visualBench();
}

await main();
