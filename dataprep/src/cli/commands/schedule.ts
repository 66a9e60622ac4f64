import cron, { type Logger as CronLogger } from 'node-cron';
import { parseArgs } from 'node:util';
import { alertOnMissedRuns } from '../../alerts/missed-schedule';
import { createLogger, type Logger } from '../../pipeline/logger';
import { ENV, resolveLogLevel, UsageError } from '../settings';
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

export async function scheduleCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { ...scheduleRunOptions, cron: { type: 'string' } }, strict: true });
  if (values.help) return (out(SCHEDULE_HELP), 0);
  const expression = values.cron ?? process.env[ENV.schedule];
  if (!expression || !cron.validate(expression)) {
    throw new UsageError(`--cron (or ${ENV.schedule}) must be a valid cron expression, got "${expression ?? ''}"`);
  }
  const { alerts } = resolveRunSettings(values, process.env); // validate every setting now, not at the first tick
  const logger = createLogger(resolveLogLevel(process.env));
  let stopping = false;
  let running: Promise<unknown> | null = null;
  const refresh = async (): Promise<void> => {
    // A refresh keeps the event loop busy, so a signal sent during it is handled only now: let
    // it be handled (setImmediate runs after pending I/O), then a tick after the stop starts nothing.
    await new Promise((resolve) => setImmediate(resolve));
    if (stopping) return;
    // The as-at date is the day of the tick, so settings are resolved again each time.
    const current = executeRun(resolveRunSettings(values, process.env), out).catch((error: unknown) => {
      logger.error('scheduled refresh could not run', { reason: error instanceof Error ? error.message.split('\n')[0] : String(error) });
      return 1;
    });
    running = current;
    const code = await current;
    running = null;
    logger.info('scheduled refresh finished', { exit_code: code });
  };
  const task = cron.schedule(expression, refresh, {
    name: 'ppoc-refresh', timezone: 'Europe/London', noOverlap: true, logger: cronLogger(logger),
  });
  alertOnMissedRuns(task, expression, alerts, logger);
  logger.info('scheduler started', { cron: expression, timezone: 'Europe/London' });
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
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
