import type { ScheduledTask } from 'node-cron';
import type { Logger } from '../pipeline/logger';
import type { AlertSettings } from './alert-settings';
import { missedScheduleAlert } from './alert-text';
import { sendAlert } from './send-alert';

/**
 * node-cron 4 reports a tick it could not run on time (`execution:missed`: the machine slept or
 * the process was blocked past its tolerance) and one skipped because the previous refresh was
 * still running (`execution:overlap`, with noOverlap). Either means the dashboard was not
 * refreshed when expected: log it and alert.
 */
export function alertOnMissedRuns(task: ScheduledTask, cron: string, alerts: AlertSettings, logger: Logger): void {
  const report = (why: 'missed' | 'overlap') => async (context: { date: Date }) => {
    logger.warn(why === 'missed' ? 'scheduled refresh missed' : 'scheduled refresh skipped: the previous one is still running', {
      scheduled_at: context.date.toISOString(),
    });
    await sendAlert(missedScheduleAlert(cron, context.date, why), alerts, logger);
  };
  task.on('execution:missed', report('missed'));
  task.on('execution:overlap', report('overlap'));
}
