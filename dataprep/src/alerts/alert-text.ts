import { hostname } from 'node:os';
import type { RefreshSummary } from '../pipeline/run-refresh';

/**
 * The words of an alert: run ID, as-at date, the failing file or step and the data-quality
 * counts. Built only from IDs, dates, counts, file names and the job's own one-line messages,
 * which never hold a child's or worker's name (README "Logs").
 */
export interface Alert {
  subject: string;
  text: string;
}

const HINT = 'Previous curated tables were kept unchanged. Details: "ppoc-prep status" and "ppoc-prep issues".';

function issueCounts(summary: RefreshSummary): string {
  if (summary.issueCounts.length === 0) return 'Data-quality issues: none.';
  const total = (severity: string) => summary.issueCounts.filter((c) => c.severity === severity).reduce((n, c) => n + c.count, 0);
  const byRule = summary.issueCounts.map((c) => `${c.rule} ${c.count}`).join(', ');
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return `Data-quality issues: ${count(total('error'), 'error')}, ${count(total('warning'), 'warning')} (${byRule}).`;
}

export function failedRunAlert(summary: RefreshSummary, target: string): Alert {
  const where = summary.failedAt?.file ?? summary.failedAt?.step ?? 'the refresh';
  const stale = summary.failedAt?.step === 'the stale-extract check';
  return {
    subject: `PPOC refresh FAILED${stale ? ' (stale extract)' : ''}: ${where}, run ${summary.runId}, as at ${summary.asAt}`,
    text: [
      `PPOC refresh ${summary.runId} FAILED on ${hostname()} (as at ${summary.asAt}, ${target}).`,
      `Failing ${summary.failedAt?.file ? 'file' : 'step'}: ${where}${summary.failedAt?.file ? ` (while ${summary.failedAt.step})` : ''}.`,
      `Reason: ${summary.message}`,
      `Rows read ${summary.rowsRead}, rejected ${summary.rowsRejected}.`,
      issueCounts(summary),
      HINT,
    ].join('\n'),
  };
}

/** A run that could not start or finish its log (e.g. the database is unreachable): no run ID. */
export function runErrorAlert(command: string, asAt: string, target: string, message: string): Alert {
  return {
    subject: `PPOC refresh FAILED: ${command} stopped, as at ${asAt}`,
    text: [
      `PPOC ${command} stopped on ${hostname()} before a run could be logged (as at ${asAt}, ${target}).`,
      `Reason: ${message}`,
      HINT,
    ].join('\n'),
  };
}

export function missedScheduleAlert(cron: string, missedAt: Date, why: 'missed' | 'overlap'): Alert {
  const reason = why === 'missed'
    ? 'the scheduler was not running at that time (machine asleep or the process blocked)'
    : 'the previous refresh was still running, so this one was skipped';
  return {
    subject: `PPOC scheduled refresh MISSED at ${missedAt.toISOString()}`,
    text: [
      `The PPOC refresh scheduled for ${missedAt.toISOString()} (cron "${cron}", Europe/London) on ${hostname()} did not start: ${reason}.`,
      'The dashboard still shows the last successful run: check "ppoc-prep status", and run "ppoc-prep run" by hand if needed.',
    ].join('\n'),
  };
}
