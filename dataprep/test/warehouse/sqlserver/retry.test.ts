import assert from 'node:assert/strict';
import { SqlServerConnectionError } from '../../../src/warehouse/sqlserver/connection-errors';
import { createMssqlConnector } from '../../../src/warehouse/sqlserver/mssql-connector';
import { backoffMs, transientReason, withRetry, type RetryClock, type RetryNotice } from '../../../src/warehouse/sqlserver/retry';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import { startLoginRefusingServer } from './fake-tds-server';

/** A clock that only moves when the policy sleeps (plus what each attempt "takes"). */
function fakeClock(attemptMs = 0): RetryClock & { slept: number[]; tick(): void } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    tick: () => (now += attemptMs),
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

const transient = (n: number) => new SqlServerConnectionError(`SQL Server: not available now (server error ${n})`, 'ELOGIN', 'login', [n]);
const timeout = () => new SqlServerConnectionError('SQL Server: no answer', 'ETIMEOUT', 'connect');

describe('SQL Server connect retry policy (fake clock)', () => {
  it('retries Azure SQL transient errors and timeouts, never a login failure, a refused port or a bad certificate', () => {
    for (const n of [40613, 40197, 40501, 49918, 49919, 49920]) assert.equal(transientReason(transient(n)), `server error ${n}`);
    assert.equal(transientReason(timeout()), 'connect timeout');
    assert.equal(transientReason(new SqlServerConnectionError('login failed', 'ELOGIN', 'login', [18456])), null);
    assert.equal(transientReason(new SqlServerConnectionError('refused', 'ESOCKET', 'tcp')), null);
    assert.equal(transientReason(new SqlServerConnectionError('untrusted', 'ESOCKET', 'tls')), null);
    assert.equal(transientReason(new Error('ETIMEOUT')), null);
  });

  it('backs off 1, 2, 4, 8, 16, 16 … seconds', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 9].map(backoffMs), [1000, 2000, 4000, 8000, 16000, 16000, 16000]);
  });

  it('keeps trying within the budget, reports each retry, and succeeds when the server comes back', async () => {
    const clock = fakeClock();
    const notices: RetryNotice[] = [];
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls < 4) throw transient(40613);
      return 'connected';
    }, { budgetMs: 60_000, clock, onRetry: (n) => notices.push(n) });
    assert.equal(result, 'connected');
    assert.deepEqual(clock.slept, [1000, 2000, 4000]);
    assert.deepEqual(notices, [
      { attempt: 1, delayMs: 1000, reason: 'server error 40613' },
      { attempt: 2, delayMs: 2000, reason: 'server error 40613' },
      { attempt: 3, delayMs: 4000, reason: 'server error 40613' },
    ]);
  });

  it('gives up when the next wait would end after the budget, saying how long it tried', async () => {
    const clock = fakeClock(15_000); // every attempt times out after 15 s
    let calls = 0;
    const error = await withRetry(async () => {
      calls += 1;
      clock.tick();
      throw timeout();
    }, { budgetMs: 60_000, clock }).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof SqlServerConnectionError);
    // 15 s, wait 1, 15 s, wait 2, 15 s (48 s) wait 4, 15 s (67 s): the next wait would pass 60 s.
    assert.equal(calls, 4);
    assert.deepEqual(clock.slept, [1000, 2000, 4000]);
    assert.equal(error.message, 'SQL Server: no answer (4 attempts over 67 s; PPOC_SQLSERVER_RETRY_SECONDS sets how long to keep trying)');
    assert.equal(error.step, 'connect');
  });

  it('fails at once on a non-transient error, and with a budget of 0 never retries', async () => {
    for (const [budgetMs, failure] of [[60_000, new SqlServerConnectionError('login failed', 'ELOGIN', 'login', [18456])], [0, transient(40501)]] as const) {
      const clock = fakeClock();
      let calls = 0;
      await assert.rejects(withRetry(async () => {
        calls += 1;
        throw failure;
      }, { budgetMs, clock }), (e) => e === failure);
      assert.equal(calls, 1);
      assert.deepEqual(clock.slept, []);
    }
  });
});

describe('SQL Server connect retry through the real driver (a local server refusing logins with 40613)', () => {
  it('retries with backoff, reports each retry, then fails with one line saying how long it tried', async function () {
    this.timeout(30_000);
    const server = await startLoginRefusingServer(40613);
    const notices: RetryNotice[] = [];
    const settings = parseSqlServerSettings(`Server=localhost,${server.port};Database=PPOC;User Id=u;Password=Retry-4a1d-Secret;Encrypt=false`, {
      PPOC_SQLSERVER_RETRY_SECONDS: '5',
    });
    const connector = createMssqlConnector(settings, { onRetry: (n) => notices.push(n) });
    try {
      const error = await connector.query('SELECT 1;').then(() => null, (e: unknown) => e);
      assert.ok(error instanceof SqlServerConnectionError, String(error));
      assert.deepEqual(error.serverErrors, [40613]);
      assert.match(error.message, /^SQL Server: SQL Server localhost:\d+, database PPOC, .* is not available now \(server error 40613, transient\): try again shortly \(\d attempts over \d+ s; PPOC_SQLSERVER_RETRY_SECONDS/);
      assert.ok(server.logins >= 2, `${server.logins} login attempts`);
      assert.equal(notices.length, server.logins - 1);
      assert.deepEqual(notices[0], { attempt: 1, delayMs: 1000, reason: 'server error 40613' });
      assert.ok(!error.message.includes('Retry-4a1d-Secret'));
    } finally {
      await connector.close();
      await server.close();
    }
  });
});
