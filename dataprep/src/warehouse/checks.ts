/**
 * `ppoc-prep doctor`'s checks, shared by both targets: each is one line, `ok`, `FAIL` with the
 * exact fix, or `skip` when this login or machine cannot see what the check needs (said why).
 */
import type { RefreshLogEntry } from './warehouse';

export type CheckStatus = 'ok' | 'FAIL' | 'skip';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

export const ok = (check: string, detail: string): CheckResult => ({ check, status: 'ok', detail });
export const failed = (check: string, detail: string, fix: string): CheckResult => ({ check, status: 'FAIL', detail, fix });
export const skipped = (check: string, detail: string, fix?: string): CheckResult => ({ check, status: 'skip', detail, fix });

/** `ok   tcp: …`, `FAIL tls: … Fix: …` */
export function formatCheck(result: CheckResult): string {
  return `${result.status.padEnd(4)} ${result.check}: ${result.detail}${result.fix ? `. Fix: ${result.fix}` : ''}`;
}

/** "5 min ago", "7 h ago", "3 days ago". */
export function age(fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - new Date(fromIso).getTime()) / 60_000));
  if (minutes < 120) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} days ago`;
}

/**
 * The latest run's status and age. A run still marked `running` while nobody holds the lock
 * was killed (nothing of it was published).
 */
export function lastRunCheck(latest: RefreshLogEntry | null, lockHeld: boolean, now: Date): CheckResult {
  const check = 'last run';
  if (!latest) return ok(check, 'no run yet');
  const when = age(latest.finished_at_utc ?? latest.started_at_utc, now);
  const what = `${latest.run_id} (as at ${latest.as_at_date ?? '?'})`;
  switch (latest.status) {
    case 'succeeded':
      return ok(check, `${what} succeeded ${when}`);
    case 'running':
      return lockHeld
        ? ok(check, `${what} is running now (started ${when})`)
        : failed(check, `${what} is marked running since ${when} but holds no lock: it was stopped before finishing, and nothing of it was published`,
          'start a new run (ppoc-prep run); if it happens again, read the job\'s log from that time');
    case 'failed':
      return failed(check, `${what} failed ${when}: ${latest.message ?? 'no reason recorded'}`,
        'correct what the reason names and run again (ppoc-prep status shows the history)');
  }
}
