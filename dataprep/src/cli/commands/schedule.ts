import cron, { type Logger as CronLogger, type ScheduledTask, type TaskContext } from 'node-cron';
import { parseFlags } from '../flags';
import { alertOnMissedRuns } from '../../alerts/missed-schedule';
import { createLogger, type Logger } from '../../pipeline/logger';
import { ENV, resolveLogLevel } from '../settings';
import { UsageError } from '../../settings/env';
import { executeRun, resolveRunSettings, RUN_OPTIONS } from './run';

export const SCHEDULE_HELP = `Usage: ppoc-prep schedule --cron "EXPR" --source DIR [run options]

Keeps running and starts a refresh on the cron schedule, in Europe/London time (e.g. "30 6 * * *"
for 06:30 every day). Each refresh uses that day's date as its as-at date unless PPOC_AS_AT is set.
A refresh still running when the next one is due is not overlapped. Stop with Ctrl+C or SIGTERM:
no new refresh starts, a running one finishes first, then the command exits 0.
A failed refresh, and a tick missed or skipped, is alerted as for "ppoc-prep run" (docs/operations.md).
  --cron EXPR   node-cron expression (env PPOC_SCHEDULE)
Run options as for "ppoc-prep run" (except --as-at, and --allow-shrink and --allow-stale, which
are for one deliberate run: a schedule uses PPOC_MAX_SHRINK_PERCENT and PPOC_MAX_EXTRACT_AGE_HOURS).`;

const { 'as-at': _asAt, 'allow-shrink': _allowShrink, 'allow-stale': _allowStale, ...scheduleRunOptions } = RUN_OPTIONS;

const LONDON = 'Europe/London';
const LONDON_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
});

/**
 * A moment as the schedule reads it, London's wall clock with the zone named, e.g.
 * "2026-12-08 06:30 Europe/London (GMT)": the log's own timestamps are UTC (`…Z`).
 */
export function londonTime(moment: Date): string {
  const part = Object.fromEntries(LONDON_CLOCK.formatToParts(moment).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute} ${LONDON} (${part.timeZoneName})`;
}

const nextRun = (task: ScheduledTask) => {
  const next = task.getNextRun();
  return next ? londonTime(next) : 'none';
};

export async function scheduleCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({ args, options: { ...scheduleRunOptions, cron: { type: 'string' } }, strict: true });
  if (values.help) return (out(SCHEDULE_HELP), 0);
  const expression = values.cron ?? process.env[ENV.schedule];
  if (!expression || !cron.validate(expression)) {
    throw new UsageError(`--cron (or ${ENV.schedule}) must be a valid cron expression, got "${expression ?? ''}"`);
  }
  const { alerts } = resolveRunSettings(values, process.env); // validate every setting now, not at the first tick
  const logger = createLogger(resolveLogLevel(process.env));
  let stopping = false;
  let running: Promise<unknown> | null = null;
  let task: ScheduledTask | null = null;
  const refresh = async (context?: TaskContext): Promise<void> => {
    // A refresh keeps the event loop busy, so a signal sent during it is handled only now: let
    // it be handled (setImmediate runs after pending I/O), then a tick after the stop starts nothing.
    await new Promise((resolve) => setImmediate(resolve));
    if (stopping) return;
    logger.info('scheduled refresh starting', { tick: londonTime(context?.date ?? new Date()) });
    // The as-at date is the day of the tick, so settings are resolved again each time.
    const current = executeRun(resolveRunSettings(values, process.env), out).catch((error: unknown) => {
      logger.error('scheduled refresh could not run', { reason: error instanceof Error ? error.message.split('\n')[0] : String(error) });
      return 1;
    });
    running = current;
    const code = await current;
    running = null;
    logger.info('scheduled refresh finished', { exit_code: code, next_run: task ? nextRun(task) : undefined });
  };
  task = cron.schedule(expression, refresh, {
    name: 'ppoc-refresh', timezone: LONDON, noOverlap: true, logger: cronLogger(logger),
  });
  alertOnMissedRuns(task, expression, alerts, logger);
  // Listening before "scheduler started" is logged: a service manager may stop it the moment it says so.
  const stopSignal = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  logger.info('scheduler started', { cron: expression, timezone: LONDON, next_run: nextRun(task) });
  const signal = await stopSignal;
  stopping = true;
  await task.stop();
  if (running) {
    // A second signal is not caught: it ends the process, and the refresh's transaction rolls back.
    logger.info('stop requested; waiting for the running refresh to finish', { signal });
    await running;
  }
  logger.info('scheduler stopped', { signal });
  return 0;
}

/** node-cron's own messages (e.g. a missed execution) in the job's log format, one line each. */
export function cronLogger(logger: Logger): CronLogger {
  const line = (message: string | Error): string => (message instanceof Error ? message.message : message).split('\n')[0];
  return {
    info: (message) => logger.info(`node-cron: ${line(message)}`),
    warn: (message) => logger.warn(`node-cron: ${line(message)}`),
    error: (message) => logger.error(`node-cron: ${line(message)}`),
    debug: (message) => logger.debug(`node-cron: ${line(message)}`),
  };
}
