/**
 * Trying again after a transient failure: an Availability Group or Azure SQL failing over or
 * throttling, a connection reset, a deadlock victim (connection-errors.ts lists the errors).
 * Connecting retries, and so does the whole run's transaction (run-writer.ts), with backoff,
 * at most PPOC_SQLSERVER_RETRIES times. A wrong password, an unknown host, a refused port or an
 * untrusted certificate fails at once: waiting would not change them. The clock is injectable so
 * the policy is tested without waiting.
 */
import { SqlServerConnectionError, SqlServerRequestError, TRANSIENT_SERVER_ERRORS } from './connection-errors';

export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface RetryNotice {
  /** What was being retried: `connect` or `refresh transaction`. */
  what: string;
  /** The attempt that failed (1 = the first). */
  attempt: number;
  delayMs: number;
  reason: string;
}

/**
 * First wait 5 s, doubling, at most 60 s between attempts: an Availability Group fails over in
 * 10 to 30 s, and Microsoft asks clients of Azure SQL to wait at least 5 s before trying again.
 */
export function backoffMs(failedAttempts: number): number {
  return Math.min(60_000, 5000 * 2 ** (failedAttempts - 1));
}

/** Why this failure is worth another attempt, or null when it is not. */
export function transientReason(error: unknown): string | null {
  if (error instanceof SqlServerRequestError) {
    return error.number !== undefined && TRANSIENT_SERVER_ERRORS.includes(error.number) ? `server error ${error.number}` : null;
  }
  if (!(error instanceof SqlServerConnectionError)) return null;
  const number = error.serverErrors.find((n) => TRANSIENT_SERVER_ERRORS.includes(n));
  if (number !== undefined) return `server error ${number}`;
  if (error.code === 'ETIMEOUT') return 'connect timeout';
  if (error.socketCode === 'ECONNRESET') return 'connection reset (10054)';
  if (error.code === 'ECONNCLOSED') return 'connection closed';
  return null;
}

export interface RetryOptions {
  /** Attempts after the first (PPOC_SQLSERVER_RETRIES); 0 = never retry. */
  retries: number;
  /** Named in notices and in the final error: `connect`, `refresh transaction`. */
  what?: string;
  clock?: RetryClock;
  onRetry?: (notice: RetryNotice) => void;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-transient error, or has been retried
 * `retries` times; then the last error is thrown, saying how often and how long it tried.
 */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const clock = options.clock ?? realClock;
  const what = options.what ?? 'connect';
  const started = clock.now();
  for (let failures = 1; ; failures += 1) {
    try {
      return await attempt();
    } catch (error) {
      const reason = transientReason(error);
      if (reason === null) throw error;
      if (failures > options.retries) throw gaveUp(error as Error, failures, clock.now() - started);
      const delayMs = backoffMs(failures);
      options.onRetry?.({ what, attempt: failures, delayMs, reason });
      await clock.sleep(delayMs);
    }
  }
}

function gaveUp(error: Error, attempts: number, elapsedMs: number): Error {
  if (attempts === 1) return error;
  const note = ` (${attempts} attempts over ${Math.round(elapsedMs / 1000)} s; PPOC_SQLSERVER_RETRIES sets how many times to try again)`;
  if (error instanceof SqlServerConnectionError) {
    return new SqlServerConnectionError(`${error.message}${note}`, error.code, error.step, error.serverErrors, error.socketCode);
  }
  if (error instanceof SqlServerRequestError) return new SqlServerRequestError(`${error.message}${note}`, error.number);
  return error;
}
