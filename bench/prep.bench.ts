/**
 * The prep figures of `npm run bench` (issue 9): whole processes, as an MI analyst starts them.
 * Per size, `ppoc-prep run` into a fresh SQLite file and the floor (bench/floor.mjs) on the same
 * extract, alternately, `repeat` times each; the medians, the ratio, the run's own stage split
 * and peak memory (its `PPOC_LOG_LEVEL=debug` timings line), then `--help` start-up and how long
 * a second run takes to be refused while one is running. Figures only, never a test.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { IsoDate } from '../core/src/index';
import { writeDemoExtract } from '../dataprep/src/demo/index';

export const AS_AT = '2024-06-30' as IsoDate;

export interface SizeFigures {
  children: number;
  sourceRows: number;
  runMs: number;
  floorMs: number;
  /** Medians of the run's stage timings (ms) and peak resident memory (MiB). */
  stages: Record<'read' | 'history' | 'transform' | 'data_tests' | 'shrink_guard' | 'publish' | 'max_rss_mb', number>;
}

export interface PrepFigures {
  sizes: SizeFigures[];
  helpMs: number;
  nodeMs: number;
  /** Wall time of a `run` refused because another holds the lock (exit 3), or why not measured. */
  refusedMs: number | string;
  repeat: number;
}

interface Finished {
  code: number | null;
  ms: number;
  stderr: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A process from start to exit, with its log. `onLog` sees stderr as it arrives. */
function timed(root: string, args: string[], env: NodeJS.ProcessEnv = {}, onLog?: (text: string) => void): { done: Promise<Finished>; kill: () => void } {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...cleanEnv(), ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    onLog?.(stderr);
  });
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, ms: performance.now() - started, stderr }));
  });
  return { done, kill: () => child.kill('SIGKILL') };
}

/** This shell's PPOC_ settings would change what is measured. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PPOC_')));
}

function freshDb(file: string): string {
  for (const suffix of ['', '-wal', '-shm', '-journal', '.run-lock']) rmSync(`${file}${suffix}`, { force: true });
  return file;
}

const STAGES = ['read', 'history', 'transform', 'data_tests', 'shrink_guard', 'publish'] as const;

function stagesOf(log: string): Record<string, number> {
  const line = /DEBUG refresh timings .*$/m.exec(log)?.[0] ?? '';
  const number = (key: string) => Number(new RegExp(`\\b${key}=(\\d+)`).exec(line)?.[1] ?? Number.NaN);
  return Object.fromEntries([...STAGES.map((stage) => [stage, number(`${stage}_ms`)]), ['max_rss_mb', number('max_rss_mb')]]);
}

export class PrepBench {
  private readonly cli: string;
  private readonly floor: string;

  constructor(private readonly root: string, private readonly scratch: string, private readonly repeat: number) {
    this.cli = join(root, 'dataprep', 'bin', 'ppoc-prep.mjs');
    this.floor = join(root, 'bench', 'floor.mjs');
  }

  async extract(children: number): Promise<{ dir: string; sourceRows: number }> {
    const dir = join(this.scratch, `extract-${children}`);
    rmSync(dir, { recursive: true, force: true });
    const summary = await writeDemoExtract(dir, { children, seed: 1, asAt: AS_AT });
    return { dir, sourceRows: summary.files.reduce((n, f) => n + f.rows, 0) };
  }

  /** The run and the floor on one extract, alternately, so a slower spell of the machine hits both. */
  async size(children: number): Promise<SizeFigures> {
    const { dir, sourceRows } = await this.extract(children);
    const db = join(this.scratch, `ppoc-${children}.sqlite`);
    const runs: Finished[] = [];
    const floors: Finished[] = [];
    for (let i = 0; i < this.repeat; i++) {
      runs.push(await this.ok(timed(this.root, [this.cli, 'run', '--source', dir, '--sqlite', freshDb(db), '--as-at', AS_AT], { PPOC_LOG_LEVEL: 'debug' }).done));
      floors.push(await this.ok(timed(this.root, ['--disable-warning=ExperimentalWarning', this.floor, dir, freshDb(join(this.scratch, `floor-${children}.sqlite`))]).done));
    }
    const stages = runs.map((r) => stagesOf(r.stderr));
    const medianOf = (key: string) => median(stages.map((s) => s[key]));
    return {
      children, sourceRows, runMs: median(runs.map((r) => r.ms)), floorMs: median(floors.map((r) => r.ms)),
      stages: Object.fromEntries([...STAGES, 'max_rss_mb'].map((key) => [key, medianOf(key)])) as SizeFigures['stages'],
    };
  }

  async startUp(): Promise<{ helpMs: number; nodeMs: number }> {
    const help: number[] = [];
    const node: number[] = [];
    for (let i = 0; i < this.repeat; i++) {
      help.push((await this.ok(timed(this.root, [this.cli, '--help']).done)).ms);
      node.push((await this.ok(timed(this.root, ['-e', '0']).done)).ms);
    }
    return { helpMs: median(help), nodeMs: median(node) };
  }

  /** A run holds the lock (reading `dir`); a second `run` on the same file is timed to its exit 3. */
  async refused(dir: string): Promise<number | string> {
    const times: number[] = [];
    const db = join(this.scratch, 'ppoc-locked.sqlite');
    for (let i = 0; i < this.repeat; i++) {
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const first = timed(this.root, [this.cli, 'run', '--source', dir, '--sqlite', freshDb(db), '--as-at', AS_AT], {}, (log) => {
        if (log.includes('refresh started')) started();
      });
      let firstEnded = false;
      void first.done.then(() => (firstEnded = true));
      await Promise.race([running, first.done]);
      const second = await timed(this.root, [this.cli, 'run', '--source', dir, '--sqlite', db, '--as-at', AS_AT]).done;
      const firstStillRunning = !firstEnded;
      first.kill();
      await first.done;
      if (second.code !== 3 || !firstStillRunning) return `not measured (second run exit ${second.code}; the first had ${firstStillRunning ? 'not ' : ''}finished)`;
      times.push(second.ms);
    }
    return median(times);
  }

  async measure(sizes: readonly number[]): Promise<PrepFigures> {
    const figures: SizeFigures[] = [];
    for (const children of sizes) {
      figures.push(await this.size(children));
      console.log(`  … ${children.toLocaleString('en-GB')} children done`);
    }
    const { helpMs, nodeMs } = await this.startUp();
    const refusedMs = await this.refused(join(this.scratch, `extract-${Math.max(...sizes)}`));
    return { sizes: figures, helpMs, nodeMs, refusedMs, repeat: this.repeat };
  }

  private async ok(running: Promise<Finished>): Promise<Finished> {
    const finished = await running;
    if (finished.code !== 0) throw new Error(`a benchmark process failed (exit ${finished.code}): ${finished.stderr.split('\n').slice(-3).join(' ')}`);
    return finished;
  }
}
