import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CURATED_TABLES } from '../../src/model/tables';
import { EXAMPLE_EXTRACT } from '../../../fixtures/paths';

export { EXAMPLE_EXTRACT };

export const REPO = join(import.meta.dirname, '..', '..', '..');
const BIN = join(REPO, 'dataprep', 'bin', 'ppoc-prep.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the real `ppoc-prep` command as MI would, in a child process. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PPOC_')));
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...clean, ...env }, cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

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

export function query<T = Record<string, unknown>>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
