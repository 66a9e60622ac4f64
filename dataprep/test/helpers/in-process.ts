/**
 * The `ppoc-prep` command run inside the test process: the same `main` and pipeline code as the
 * real command, without a process start per run (for suites of many runs: the bad-input corpus,
 * the property test). The real-process tests use helpers/cli.ts.
 */
import { QUIET_PROGRESS, type CliResult } from './cli';

type Main = (argv: string[], out?: (text: string) => void, err?: (text: string) => void) => Promise<number>;

/**
 * `main` as the command loads it. Imported dynamically so it and the commands it loads on
 * demand share one module graph (mocha may load this file as CommonJS): error classes must be
 * the same classes for `main` to map them to exit codes.
 */
export async function loadMain(): Promise<Main> {
  return (await import('../../src/cli/main')).main;
}

/**
 * Runs `ppoc-prep argv` in-process with `env` set for the duration, capturing stdout, stderr
 * and the log (which the job writes to process.stderr).
 */
export async function runInProcess(argv: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const main = await loadMain();
  const started = Date.now();
  let stdout = '';
  let stderr = '';
  const saved = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('PPOC_')).map((k) => [k, process.env[k]]));
  for (const key of Object.keys(saved)) delete process.env[key];
  Object.assign(process.env, QUIET_PROGRESS, env);
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(argv, (t) => (stdout += `${t}\n`), (t) => (stderr += `${t}\n`));
    return { code, stdout, stderr, ms: Date.now() - started };
  } finally {
    process.stderr.write = write;
    for (const key of Object.keys(env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
