import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../files/repo-root';
import { UsageError } from '../settings/env';
import { SqlServerConfigError } from '../warehouse/sqlserver/config-error';
import { RefreshLockedError } from '../warehouse/warehouse';
import { withJobTempFolder } from '../files/job-temp';
import { printable, terminalSafe } from '../files/printable';
import { FileRefusedError } from '../files/real-names';
import { didYouMean } from './did-you-mean';
import { runtimeProblem } from './runtime-errors';
import type { EnvCheck } from './settings';

type Command = (args: string[], out: (text: string) => void) => Promise<number>;

/** The PPOC_* settings without a flag that every refresh reads (cli/settings.ts ENV_CHECKS). */
const REFRESH_READS: EnvCheck[] = ['log', 'progress', 'limits', 'shrink', 'staleness', 'alerts'];

// Commands load on demand: `summary` or `status` need not load the transform, the workbook reader or node-cron.
// `reads`: the groups of PPOC_* settings without a flag that the command reads, checked before it runs.
const COMMANDS: Record<string, { load: () => Promise<Command>; about: string; reads: EnvCheck[] }> = {
  run: { load: async () => (await import('./commands/run')).runCommand, about: 'read an extract folder and refresh the curated tables', reads: REFRESH_READS },
  summary: { load: async () => (await import('./commands/read-commands')).summaryCommand, about: 'print the summary sentence for the latest run (with filters)', reads: ['log'] },
  explain: { load: async () => (await import('./commands/read-commands')).explainCommand, about: 'why a child is (not) on the dashboard', reads: ['log'] },
  status: { load: async () => (await import('./commands/read-commands')).statusCommand, about: 'the last runs from refresh_log (--max-age-hours N for monitors)', reads: ['log'] },
  issues: { load: async () => (await import('./commands/issues')).issuesCommand, about: 'the latest run\'s data-quality issues (text or CSV)', reads: ['log'] },
  'demo-extract': { load: async () => (await import('./commands/admin-commands')).demoExtractCommand, about: 'write a synthetic extract folder', reads: [] },
  migrate: { load: async () => (await import('./commands/admin-commands')).migrateCommand, about: 'create or upgrade the schema', reads: ['log'] },
  doctor: { load: async () => (await import('./commands/doctor')).doctorCommand, about: 'check the target end to end: ok, or FAIL with the fix', reads: ['log'] },
  schedule: { load: async () => (await import('./commands/schedule')).scheduleCommand, about: 'run the refresh on a cron schedule (Europe/London)', reads: REFRESH_READS },
  backfill: { load: async () => (await import('./commands/backfill')).backfillCommand, about: 'refresh dated archive folders oldest first to build the trend', reads: ['log', 'progress', 'limits', 'shrink'] },
  export: { load: async () => (await import('./commands/export')).exportCommand, about: 'write every curated table and the history as CSV files', reads: ['log'] },
  quickstart: { load: async () => (await import('./commands/admin-commands')).quickstartCommand, about: 'demo extract (if absent) + run into data/ppoc.sqlite (npm start)', reads: REFRESH_READS },
};

/** The commands and which PPOC_* settings each checks before it runs (for the tests and docs). */
export const COMMAND_READS: Readonly<Record<string, readonly EnvCheck[]>> = Object.fromEntries(
  Object.entries(COMMANDS).map(([name, command]) => [name, command.reads]),
);

export const EXIT = { ok: 0, runFailed: 1, usage: 2, locked: 3, error: 4 } as const;

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Usage: ppoc-prep <command> [options]   (ppoc-prep help <command>, or ppoc-prep <command> --help, for its options)',
    '       ppoc-prep --version             (this release and the Node running it)',
    '',
    'PPOC data prep: SSDA903/Mosaic extracts -> validated, curated tables (SQLite default, or SQL Server).',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.about}`),
    '',
    'Exit codes: 0 ok, 1 run failed (previous tables kept), 2 usage or settings error,',
    '3 another refresh is running, 4 other error (e.g. database unreachable).',
  ].join('\n');
}

/** `ppoc-prep --version`: its own version, and the Node that runs it against what it supports. */
function versionText(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string; engines: { node: string } };
  return `ppoc-prep ${pkg.version}\nNode ${process.versions.node} (${process.execPath}); supported: ${pkg.engines.node}`;
}

function unknownCommand(name: string, err: (text: string) => void): number {
  err(`ppoc-prep: unknown command "${printable(name)}"${didYouMean(name, Object.keys(COMMANDS))} (ppoc-prep --help lists the commands)`);
  return EXIT.usage;
}

export async function main(argv: string[], write: (text: string) => void = (t) => process.stdout.write(`${t}\n`),
  writeError: (text: string) => void = (t) => process.stderr.write(`${t}\n`)): Promise<number> {
  // Names from the extract share can hold escape codes: none reaches the terminal raw.
  const out = (text: string) => write(terminalSafe(text));
  const err = (text: string) => writeError(terminalSafe(text));
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v' || first === 'version') return (out(versionText()), EXIT.ok);
  // `ppoc-prep help run` is `ppoc-prep run --help`.
  const [name, args] = first === 'help' && rest.length ? [rest[0], ['--help']] : [first, rest];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(mainHelp());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) return unknownCommand(name, err);
  try {
    if (args.includes('--help') || args.includes('-h')) return await (await command.load())(args, out);
    const { checkEnvSettings } = await import('./settings');
    checkEnvSettings(command.reads, process.env);
    // SQLite's temporary files (and any library's) go in a folder of the job's own, removed after.
    return await withJobTempFolder(async () => (await command.load())(args, out));
  } catch (error) {
    return reportError(name, error, err);
  }
}

/**
 * node:util's flag errors in one line. Its "argument is ambiguous" (three lines) is a value that
 * starts with a dash, which for this command's flags is a negative number. The others are one
 * line, bar what they quote of the command line (shown escaped by the caller).
 */
function flagProblem(message: string): string {
  const ambiguous = /^Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
  if (ambiguous) return `${ambiguous[1]} needs a value that does not start with "-" (negative numbers are not allowed)`;
  return message;
}

/**
 * Every failure is one clear line: no stack trace, never a connection string or password. A
 * usage message quotes what was typed: its newlines and other control characters are shown
 * escaped (`\n`), so a value never makes a second line.
 */
function reportError(name: string, error: unknown, err: (text: string) => void): number {
  const code = (error as { code?: string } | null)?.code;
  if (error instanceof UsageError || error instanceof SqlServerConfigError || error instanceof FileRefusedError) {
    err(`ppoc-prep ${name}: ${printable(error.message)}`);
    return EXIT.usage;
  }
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    err(`ppoc-prep ${name}: ${printable(flagProblem((error as Error).message))} (ppoc-prep ${name} --help)`);
    return EXIT.usage;
  }
  if (error instanceof RefreshLockedError) {
    err(`ppoc-prep ${name}: ${error.message}`);
    return EXIT.locked;
  }
  const message = runtimeProblem(error) ?? (error instanceof Error ? error.message : String(error)).split('\n')[0];
  err(`ppoc-prep ${name}: ${message}`);
  return EXIT.error;
}
