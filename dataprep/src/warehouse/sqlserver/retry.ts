/**
 * Connecting again after a transient failure (an Azure SQL failover or throttling, a connect
 * timeout), with exponential backoff, for a bounded time (PPOC_SQLSERVER_RETRY_SECONDS). A
 * wrong password, an unknown host or an untrusted certificate fails at once: waiting would
 * not change them. The clock is injectable so the policy is tested without waiting.
 */
import { SqlServerConnectionError, TRANSIENT_SERVER_ERRORS } from './connection-errors';

export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface RetryNotice {
  /** The attempt that failed (1 = the first). */
  attempt: number;
  delayMs: number;
  reason: string;
}

/** First wait 1 s, doubling, at most 16 s between attempts. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(16_000, 1000 * 2 ** (failedAttempts - 1));
}

/** Why this failure is worth another attempt, or null when it is not. */
export function transientReason(error: unknown): string | null {
  if (!(error instanceof SqlServerConnectionError)) return null;
  const number = error.serverErrors.find((n) => TRANSIENT_SERVER_ERRORS.includes(n));
  if (number !== undefined) return `server error ${number}`;
  if (error.code === 'ETIMEOUT') return 'connect timeout';
  return null;
}

export interface RetryOptions {
  budgetMs: number;
  clock?: RetryClock;
  onRetry?: (notice: RetryNotice) => void;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-transient error, or the next wait would
 * end after the budget; then the last error is thrown, saying how long it kept trying.
 */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const clock = options.clock ?? realClock;
  const started = clock.now();
  for (let failures = 1; ; failures += 1) {
    try {
      return await attempt();
    } catch (error) {
      const reason = transientReason(error);
      const delayMs = backoffMs(failures);
      const elapsed = clock.now() - started;
      if (reason === null) throw error;
      if (elapsed + delayMs > options.budgetMs) throw gaveUp(error as SqlServerConnectionError, failures, elapsed);
      options.onRetry?.({ attempt: failures, delayMs, reason });
      await clock.sleep(delayMs);
    }
  }
}

function gaveUp(error: SqlServerConnectionError, attempts: number, elapsedMs: number): SqlServerConnectionError {
  if (attempts === 1) return error;
  const note = ` (${attempts} attempts over ${Math.round(elapsedMs / 1000)} s; PPOC_SQLSERVER_RETRY_SECONDS sets how long to keep trying)`;
  return new SqlServerConnectionError(`${error.message}${note}`, error.code, error.step, error.serverErrors);
}
