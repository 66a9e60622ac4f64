import { SqlServerConfigError } from '../warehouse/sqlserver/config-error';
import { RefreshLockedError } from '../warehouse/warehouse';
import { terminalSafe } from '../files/printable';
import { UsageError } from './settings';

type Command = (args: string[], out: (text: string) => void) => Promise<number>;

// Commands load on demand: `summary` or `status` need not load the transform, the workbook reader or node-cron.
const COMMANDS: Record<string, { load: () => Promise<Command>; about: string }> = {
  run: { load: async () => (await import('./commands/run')).runCommand, about: 'read an extract folder and refresh the curated tables' },
  summary: { load: async () => (await import('./commands/read-commands')).summaryCommand, about: 'print the summary sentence for the latest run (with filters)' },
  explain: { load: async () => (await import('./commands/read-commands')).explainCommand, about: 'why a child is (not) on the dashboard' },
  status: { load: async () => (await import('./commands/read-commands')).statusCommand, about: 'the last runs from refresh_log (--max-age-hours N for monitors)' },
  issues: { load: async () => (await import('./commands/issues')).issuesCommand, about: 'the latest run\'s data-quality issues (text or CSV)' },
  'demo-extract': { load: async () => (await import('./commands/admin-commands')).demoExtractCommand, about: 'write a synthetic extract folder' },
  migrate: { load: async () => (await import('./commands/admin-commands')).migrateCommand, about: 'create or upgrade the schema' },
  doctor: { load: async () => (await import('./commands/doctor')).doctorCommand, about: 'check the target end to end: ok, or FAIL with the fix' },
  schedule: { load: async () => (await import('./commands/schedule')).scheduleCommand, about: 'run the refresh on a cron schedule (Europe/London)' },
  backfill: { load: async () => (await import('./commands/backfill')).backfillCommand, about: 'refresh dated archive folders oldest first to build the trend' },
  export: { load: async () => (await import('./commands/export')).exportCommand, about: 'write every curated table and the history as CSV files' },
  quickstart: { load: async () => (await import('./commands/admin-commands')).quickstartCommand, about: 'demo extract (if absent) + run into data/ppoc.sqlite (npm start)' },
};

export const EXIT = { ok: 0, runFailed: 1, usage: 2, locked: 3, error: 4 } as const;

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Usage: ppoc-prep <command> [options]   (ppoc-prep <command> --help for its options)',
    '',
    'PPOC data prep: SSDA903/Mosaic extracts -> validated, curated tables (SQLite default, or SQL Server).',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.about}`),
    '',
    'Exit codes: 0 ok, 1 run failed (previous tables kept), 2 usage or settings error,',
    '3 another refresh is running, 4 other error (e.g. database unreachable).',
  ].join('\n');
}

export async function main(argv: string[], write: (text: string) => void = (t) => process.stdout.write(`${t}\n`),
  writeError: (text: string) => void = (t) => process.stderr.write(`${t}\n`)): Promise<number> {
  // Names from the extract share can hold escape codes: none reaches the terminal raw.
  const out = (text: string) => write(terminalSafe(text));
  const err = (text: string) => writeError(terminalSafe(text));
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(mainHelp());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    err(`ppoc-prep: unknown command "${name}" (ppoc-prep --help lists the commands)`);
    return EXIT.usage;
  }
  try {
    return await (await command.load())(args, out);
  } catch (error) {
    return reportError(name, error, err);
  }
}

/**
 * node:util's flag errors in one line. Its "argument is ambiguous" is a value that starts with
 * a dash, which for this command's flags is a negative number.
 */
function flagProblem(message: string): string {
  const ambiguous = /^Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
  if (ambiguous) return `${ambiguous[1]} needs a value that does not start with "-" (negative numbers are not allowed)`;
  return message.split('\n')[0];
}

/** Every failure is one clear line: no stack trace, never a connection string or password. */
function reportError(name: string, error: unknown, err: (text: string) => void): number {
  const code = (error as { code?: string } | null)?.code;
  if (error instanceof UsageError || error instanceof SqlServerConfigError) {
    err(`ppoc-prep ${name}: ${error.message}`);
    return EXIT.usage;
  }
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    err(`ppoc-prep ${name}: ${flagProblem((error as Error).message)} (ppoc-prep ${name} --help)`);
    return EXIT.usage;
  }
  if (error instanceof RefreshLockedError) {
    err(`ppoc-prep ${name}: ${error.message}`);
    return EXIT.locked;
  }
  const message = error instanceof Error ? error.message : String(error);
  err(`ppoc-prep ${name}: ${message.split('\n')[0]}`);
  return EXIT.error;
}
