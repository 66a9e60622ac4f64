import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURATED_TABLES } from '../../src/model/tables';
import { closeQuietly, openDatabase, type SqlValue } from '../../src/warehouse/sqlite/database';
import { EXAMPLE_EXTRACT } from '../../../fixtures/paths';

export { EXAMPLE_EXTRACT };

export const REPO = join(import.meta.dirname, '..', '..', '..');
export const BIN = join(REPO, 'dataprep', 'bin', 'ppoc-prep.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the real `ppoc-prep` command as MI would, in a child process. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<CliResult> {
  const running = startCli(args, env);
  const timer = setTimeout(() => running.child.kill('SIGKILL'), timeoutMs);
  return running.done.finally(() => clearTimeout(timer));
}

export interface RunningCli {
  child: ChildProcess;
  /** Resolves with the exit code and output once the process has ended. */
  done: Promise<CliResult>;
  /** Resolves when stderr (the log) has matched `pattern`; rejects if the process ends first. */
  waitForLog(pattern: RegExp): Promise<void>;
}

/**
 * Starts `ppoc-prep` without waiting for it, to signal or kill it mid-run. `wrap` runs it under
 * another program (e.g. `unshare --pid --fork`, or `sh -c 'umask 022; exec "$@"' sh`).
 */
export function startCli(args: string[], env: Record<string, string | undefined> = {}, options: { wrap?: string[]; spawn?: SpawnOptions } = {}): RunningCli {
  const started = Date.now();
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PPOC_')));
  const command = [...(options.wrap ?? []), process.execPath, BIN, ...args];
  const child = spawn(command[0], command.slice(1), { env: { ...clean, ...QUIET_PROGRESS, ...env }, cwd: REPO, ...options.spawn });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => {
    stderr += d;
    for (const w of watchers.splice(0)) {
      if (w.pattern.test(stderr)) w.resolve();
      else watchers.push(w);
    }
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
  const waitForLog = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(stderr)) return resolve();
      watchers.push({ pattern, resolve });
      void done.then((r) => reject(new Error(`ppoc-prep ended (exit ${r.code}) before its log matched ${pattern}:\n${r.stderr}`)));
    });
  return { child, done, waitForLog };
}

/**
 * A refresh on a busy machine may pass the 5 s after which it prints its progress: the tests
 * see progress lines only when they ask for them (PPOC_PROGRESS_AFTER_SECONDS), never by timing.
 */
export const QUIET_PROGRESS = { PPOC_PROGRESS_AFTER_SECONDS: '86400' } as const;

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `ppoc-${prefix}-`));
}

/** A writable copy of the example extract fixture. */
export function copyOfExample(): string {
  const dir = tempDir('extract');
  cpSync(EXAMPLE_EXTRACT, dir, { recursive: true });
  return dir;
}

/** Every curated table's rows, for "nothing changed" comparisons. */
export function snapshotCurated(file: string): Record<string, unknown[]> {
  return Object.fromEntries(CURATED_TABLES.map((t) => [t, query(file, `SELECT * FROM "${t}" ORDER BY 1, 2`)]));
}

export function query<T = Record<string, unknown>>(file: string, sql: string, ...params: SqlValue[]): T[] {
  const db = openDatabase(file, { readOnly: true });
  try {
    return db.prepare(sql).all(...params).map((row) => ({ ...row })) as T[]; // plain objects, for deepEqual
  } finally {
    closeQuietly(db);
  }
}
