import cron from 'node-cron';
import { parseArgs } from 'node:util';
import { alertOnMissedRuns } from '../../alerts/missed-schedule';
import { createLogger } from '../../pipeline/logger';
import { ENV, resolveLogLevel, UsageError } from '../settings';
import { executeRun, resolveRunSettings, RUN_OPTIONS } from './run';

export const SCHEDULE_HELP = `Usage: ppoc-prep schedule --cron "EXPR" --source DIR [run options]

Keeps running and starts a refresh on the cron schedule, in Europe/London time (e.g. "30 6 * * *"
for 06:30 every day). Each refresh uses that day's date as its as-at date unless PPOC_AS_AT is set.
A refresh still running when the next one is due is not overlapped. Stop with Ctrl+C.
A failed refresh, and a tick missed or skipped, is alerted as for "ppoc-prep run" (docs/operations.md).
  --cron EXPR   node-cron expression (env PPOC_SCHEDULE)
Run options as for "ppoc-prep run" (except --as-at).`;

const { 'as-at': _asAt, ...scheduleRunOptions } = RUN_OPTIONS;

export async function scheduleCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { ...scheduleRunOptions, cron: { type: 'string' } }, strict: true });
  if (values.help) return (out(SCHEDULE_HELP), 0);
  const expression = values.cron ?? process.env[ENV.schedule];
  if (!expression || !cron.validate(expression)) {
    throw new UsageError(`--cron (or ${ENV.schedule}) must be a valid cron expression, got "${expression ?? ''}"`);
  }
  const { alerts } = resolveRunSettings(values, process.env); // validate every setting now, not at the first tick
  const logger = createLogger(resolveLogLevel(process.env));
  const task = cron.schedule(
    expression,
    async () => {
      // The as-at date is the day of the tick, so settings are resolved again each time.
      const code = await executeRun(resolveRunSettings(values, process.env), out).catch((error: unknown) => {
        logger.error('scheduled refresh could not run', { reason: error instanceof Error ? error.message : String(error) });
        return 1;
      });
      logger.info('scheduled refresh finished', { exit_code: code });
    },
    { name: 'ppoc-refresh', timezone: 'Europe/London', noOverlap: true },
  );
  alertOnMissedRuns(task, expression, alerts, logger);
  logger.info('scheduler started', { cron: expression, timezone: 'Europe/London' });
  await new Promise<void>((resolve) => {
    const stop = () => {
      void task.stop();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  logger.info('scheduler stopped');
  return 0;
}
