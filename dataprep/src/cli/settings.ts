import { join } from 'node:path';
import {
  DEFAULT_LOOKBACK_DAYS, DEFAULT_WINDOW_MONTHS, parseCalendarDate, todayInTimeZone, type IsoDate,
} from '../../../core/src/index';
import { repoRoot } from '../files/repo-root';
import type { LogLevel } from '../pipeline/logger';
import { DEFAULT_SHRINK_GUARD, type ShrinkGuardOptions } from '../pipeline/shrink-guard';
import { resolveAlertSettings } from '../alerts/alert-settings';
import { DEFAULT_PROGRESS_AFTER_SECONDS, refreshLog } from '../pipeline/progress';
import { decimalSetting, fromEnv, UsageError, type Env, type GivenSetting, type NumberRange } from '../settings/env';
import { DEFAULT_MAX_EXTRACT_AGE_HOURS } from '../sources/staleness';
import { DEFAULT_MAX_COLUMNS, DEFAULT_MAX_FILE_MB, DEFAULT_MAX_XLSX_ROWS, MEGABYTE, type ReadLimits } from '../sources/source-file';

export const REPO_ROOT = repoRoot();
export const DEFAULT_SQLITE = join(REPO_ROOT, 'data', 'ppoc.sqlite');
export const DEFAULT_DEMO_SOURCE = join(REPO_ROOT, 'data', 'demo-extract');

/** Environment variables every command reads (flags win over them). */
export const ENV = {
  source: 'PPOC_SOURCE',
  sqlite: 'PPOC_SQLITE',
  sqlserver: 'PPOC_SQLSERVER',
  asAt: 'PPOC_AS_AT',
  windowMonths: 'PPOC_WINDOW_MONTHS',
  lookbackDays: 'PPOC_LOOKBACK_DAYS',
  logLevel: 'PPOC_LOG_LEVEL',
  schedule: 'PPOC_SCHEDULE',
  historyDays: 'PPOC_HISTORY_DAYS',
  maxShrinkPercent: 'PPOC_MAX_SHRINK_PERCENT',
  maxFileMb: 'PPOC_MAX_FILE_MB',
  maxXlsxRows: 'PPOC_MAX_XLSX_ROWS',
  maxColumns: 'PPOC_MAX_COLUMNS',
  maxExtractAgeHours: 'PPOC_MAX_EXTRACT_AGE_HOURS',
  progressAfterSeconds: 'PPOC_PROGRESS_AFTER_SECONDS',
} as const;

/** A setting given as `--name` (the flag wins) or as its variable `key`; null when neither is. */
function flagOrEnv(flag: string | undefined, name: string, env: Env, key: string): GivenSetting | null {
  return flag !== undefined ? { value: flag, from: `--${name}` } : fromEnv(env, key);
}

/**
 * An as-at date as analysts type it, `YYYY-MM-DD` or UK `DD/MM/YYYY` like the input files:
 * read by core's calendar-date parser into a calendar date (never a JS Date).
 */
export function asAtDate(given: GivenSetting): IsoDate {
  const date = parseCalendarDate(given.value);
  if (!date) throw new UsageError(`${given.from} must be a calendar date YYYY-MM-DD or DD/MM/YYYY, got "${given.value}"`);
  return date;
}

/**
 * The as-at date of a refresh (`run`, `backfill`), today in London when not given: never after
 * today, because the newest refresh becomes the live tables and a mistyped future date would
 * stay live until a later date overtook it (a dashboard of 2062 would hide every real run until then).
 */
export function resolveRefreshAsAt(flag: string | undefined, env: Env): IsoDate {
  const given = flagOrEnv(flag, 'as-at', env, ENV.asAt);
  const today = todayInTimeZone('Europe/London');
  const asAt = given ? asAtDate(given) : today;
  if (given && asAt > today) {
    throw new UsageError(`${given.from} ${asAt} is after today (${today}, Europe/London): a refresh dated in the future would become the live tables; give today's date or an earlier one`);
  }
  return asAt;
}

/** Whether the as-at date was given (flag or PPOC_AS_AT) rather than defaulting to today. */
export function asAtGiven(flag: string | undefined, env: Env): boolean {
  return flagOrEnv(flag, 'as-at', env, ENV.asAt) !== null;
}

/** PPOC_MAX_EXTRACT_AGE_HOURS: hours, above 0 and at most a year (default 36). */
export function resolveMaxExtractAgeHours(env: Env): number {
  return envNumber(env, ENV.maxExtractAgeHours, DEFAULT_MAX_EXTRACT_AGE_HOURS, {
    min: 0, aboveMin: true, max: 8784, what: 'a number of hours above 0 and at most 8784',
  });
}

export function resolveWindowMonths(flag: string | undefined, env: Env): number {
  const given = flagOrEnv(flag, 'window-months', env, ENV.windowMonths);
  if (!given) return DEFAULT_WINDOW_MONTHS;
  return decimalSetting(given, { min: 1, max: 24, whole: true, what: 'a whole number of months from 1 to 24' }); // core's isValidWindowMonths range
}

export function resolveLookbackDays(flag: string | undefined, env: Env): number {
  const given = flagOrEnv(flag, 'lookback-days', env, ENV.lookbackDays);
  if (!given) return DEFAULT_LOOKBACK_DAYS;
  return decimalSetting(given, { min: 0, max: 3660, whole: true, what: 'a whole number of days from 0 to 3660' });
}

/** Retention of plan_status_history in days; unset keeps all (so 0 is refused rather than guessed at). */
export function resolveHistoryDays(flag: string | undefined, env: Env): number | null {
  const given = flagOrEnv(flag, 'history-days', env, ENV.historyDays);
  if (!given) return null;
  return decimalSetting(given, { min: 1, max: 36600, whole: true, what: 'a whole number of days from 1 to 36600 (unset keeps all history)' });
}

export function resolveSource(flag: string | undefined, env: Env): string {
  const given = flagOrEnv(flag, 'source', env, ENV.source);
  if (!given) throw new UsageError(`no extract folder: pass --source DIR or set ${ENV.source}`);
  return given.value;
}

export interface TargetSettings {
  sqlite: string;
  /** Connection string when the SQL Server target is chosen (never printed). */
  sqlserver: string | null;
  /** `--sqlserver-ca-file` (wins over PPOC_SQLSERVER_CA_FILE, which the SQL Server settings read). */
  sqlserverCaFile?: string;
}

/** The target flags every command that opens the database takes. */
export const TARGET_FLAGS = {
  sqlite: { type: 'string' },
  sqlserver: { type: 'string' },
  'sqlserver-ca-file': { type: 'string' },
} as const;

export const TARGET_FLAGS_HELP = `  --sqlite FILE             SQLite file (env PPOC_SQLITE; default data/ppoc.sqlite)
  --sqlserver CONN          SQL Server connection string (env PPOC_SQLSERVER)
  --sqlserver-ca-file PEM   CA certificate(s) to trust for SQL Server's TLS (env PPOC_SQLSERVER_CA_FILE)`;

export function resolveTarget(flags: { sqlite?: string; sqlserver?: string; 'sqlserver-ca-file'?: string }, env: Env): TargetSettings {
  if (flags.sqlite !== undefined && flags.sqlserver !== undefined) {
    throw new UsageError('choose one target: --sqlite FILE or --sqlserver CONNECTION, not both');
  }
  const sqlserver = flags.sqlite !== undefined ? null : (flags.sqlserver ?? fromEnv(env, ENV.sqlserver)?.value ?? null);
  const sqlite = flags.sqlite ?? fromEnv(env, ENV.sqlite)?.value ?? DEFAULT_SQLITE;
  if (sqlite.trim() === '') throw new UsageError('--sqlite needs a file path');
  const caFile = flags['sqlserver-ca-file'];
  if (caFile !== undefined && !sqlserver) throw new UsageError('--sqlserver-ca-file applies to SQL Server only: give --sqlserver CONN (or PPOC_SQLSERVER) too');
  return caFile === undefined ? { sqlite, sqlserver } : { sqlite, sqlserver, sqlserverCaFile: caFile };
}

export function resolveLogLevel(env: Env): LogLevel {
  const value = fromEnv(env, ENV.logLevel)?.value.toLowerCase() ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(value)) {
    throw new UsageError(`${ENV.logLevel} must be debug, info, warn or error, got "${value}"`);
  }
  return value as LogLevel;
}

/** A number from the environment within the range, decimal only (settings/env.ts); the fallback when unset. */
function envNumber(env: Env, key: string, fallback: number, range: NumberRange): number {
  const given = fromEnv(env, key);
  return given ? decimalSetting(given, range) : fallback;
}

/** PPOC_MAX_SHRINK_PERCENT (default 50) and --allow-shrink. */
export function resolveShrinkGuard(allowFlag: boolean | undefined, env: Env): ShrinkGuardOptions {
  const maxPercent = envNumber(env, ENV.maxShrinkPercent, DEFAULT_SHRINK_GUARD.maxPercent, {
    min: 0, max: 100, what: 'a percentage from 0 to 100',
  });
  return { maxPercent, allow: allowFlag === true };
}

/** PPOC_MAX_FILE_MB (default 500), PPOC_MAX_XLSX_ROWS (default 1,000,000) and PPOC_MAX_COLUMNS (default 200). */
export function resolveReadLimits(env: Env): ReadLimits {
  const mb = envNumber(env, ENV.maxFileMb, DEFAULT_MAX_FILE_MB, { min: 0.000001, max: 1_000_000, what: 'a size in megabytes greater than 0' });
  const rows = envNumber(env, ENV.maxXlsxRows, DEFAULT_MAX_XLSX_ROWS, { min: 1, max: 1e9, whole: true, what: 'a whole number of rows, 1 or more' });
  const columns = envNumber(env, ENV.maxColumns, DEFAULT_MAX_COLUMNS, {
    min: 1, max: 100_000, whole: true, what: 'a whole number of columns from 1 to 100000',
  });
  return { maxFileBytes: Math.floor(mb * MEGABYTE), maxXlsxRows: rows, maxColumns: columns };
}

/** PPOC_PROGRESS_AFTER_SECONDS: a refresh still going after this long prints its progress (default 5; 0: always). */
function resolveProgressAfterSeconds(env: Env): number {
  return envNumber(env, ENV.progressAfterSeconds, DEFAULT_PROGRESS_AFTER_SECONDS, { min: 0, max: 86_400, what: 'a number of seconds from 0 to 86400' });
}

/** The flags a refresh shares between `run` (and `schedule`, `quickstart`) and `backfill`. */
export interface RefreshFlags {
  'window-months'?: string;
  'lookback-days'?: string;
  'history-days'?: string;
  sqlite?: string;
  sqlserver?: string;
  'sqlserver-ca-file'?: string;
  'allow-shrink'?: boolean;
}

/** What every refresh reads from those flags and the environment, resolved one way for each command. */
export function resolveRefreshSettings(flags: RefreshFlags, env: Env): {
  windowMonths: number; lookbackDays: number; historyDays: number | null; target: TargetSettings; readLimits: ReadLimits; shrinkGuard: ShrinkGuardOptions;
} {
  return {
    windowMonths: resolveWindowMonths(flags['window-months'], env),
    lookbackDays: resolveLookbackDays(flags['lookback-days'], env),
    historyDays: resolveHistoryDays(flags['history-days'], env),
    target: resolveTarget(flags, env),
    readLimits: resolveReadLimits(env),
    shrinkGuard: resolveShrinkGuard(flags['allow-shrink'], env),
  };
}

/** A refresh's log and progress lines on stderr, at PPOC_LOG_LEVEL and after PPOC_PROGRESS_AFTER_SECONDS. */
export function resolveRefreshLog(env: Env): ReturnType<typeof refreshLog> {
  return refreshLog(resolveLogLevel(env), resolveProgressAfterSeconds(env));
}

/**
 * The PPOC_* settings that have no flag, in groups, each checked by the function the command
 * itself resolves it with: main checks the groups a command reads before running it, so every
 * command stops on a bad value with the same one-line message (flags and their variables, e.g.
 * --as-at and PPOC_AS_AT, are checked as the command parses its flags: a flag wins).
 */
export const ENV_CHECKS = {
  log: (env: Env) => void resolveLogLevel(env),
  progress: (env: Env) => void resolveProgressAfterSeconds(env),
  limits: (env: Env) => void resolveReadLimits(env),
  shrink: (env: Env) => void resolveShrinkGuard(false, env),
  staleness: (env: Env) => void resolveMaxExtractAgeHours(env),
  alerts: (env: Env) => void resolveAlertSettings(env),
} as const;

export type EnvCheck = keyof typeof ENV_CHECKS;

/** Checks the groups of settings a command reads; the first bad value throws its UsageError. */
export function checkEnvSettings(groups: readonly EnvCheck[], env: Env): void {
  for (const group of groups) ENV_CHECKS[group](env);
}
