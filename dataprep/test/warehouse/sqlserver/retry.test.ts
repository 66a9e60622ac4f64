import assert from 'node:assert/strict';
import { SqlServerConnectionError, SqlServerRequestError } from '../../../src/warehouse/sqlserver/connection-errors';
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

describe('SQL Server retry policy (fake clock): connecting, and the whole refresh transaction', () => {
  it('retries Availability Group and Azure SQL failovers, throttling, a reset connection, a deadlock victim and timeouts; never a login failure, a refused port or a bad certificate', () => {
    for (const n of [976, 983, 4060, 10054, 40613, 40197, 40501, 49918, 49919, 49920, 1205]) {
      assert.equal(transientReason(transient(n)), `server error ${n}`);
      assert.equal(transientReason(new SqlServerRequestError(`SQL Server error ${n}: …`, n)), `server error ${n}`);
    }
    assert.equal(transientReason(timeout()), 'connect timeout');
    assert.equal(transientReason(new SqlServerConnectionError('reset', 'ESOCKET', 'tcp', [], 'ECONNRESET')), 'connection reset (10054)');
    assert.equal(transientReason(new SqlServerConnectionError('closed', 'ECONNCLOSED', 'connect')), 'connection closed');
    assert.equal(transientReason(new SqlServerConnectionError('login failed', 'ELOGIN', 'login', [18456])), null);
    assert.equal(transientReason(new SqlServerConnectionError('refused', 'ESOCKET', 'tcp', [], 'ECONNREFUSED')), null);
    assert.equal(transientReason(new SqlServerConnectionError('untrusted', 'ESOCKET', 'tls')), null);
    assert.equal(transientReason(new SqlServerRequestError('SQL Server error 229: denied', 229)), null);
    assert.equal(transientReason(new SqlServerRequestError('SQL Server error 1222: lock timeout', 1222)), null, 'the swap gave up: running again would wait again');
    assert.equal(transientReason(new Error('ETIMEOUT')), null);
  });

  it('backs off 5, 10, 20, 40, 60, 60 … seconds', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 9].map(backoffMs), [5000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  });

  it('tries again at most PPOC_SQLSERVER_RETRIES times, reports each retry, and succeeds when the server comes back', async () => {
    const clock = fakeClock();
    const notices: RetryNotice[] = [];
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls < 4) throw transient(976);
      return 'connected';
    }, { retries: 3, clock, onRetry: (n) => notices.push(n) });
    assert.equal(result, 'connected');
    assert.deepEqual(clock.slept, [5000, 10_000, 20_000]);
    assert.deepEqual(notices.map((n) => [n.what, n.attempt, n.delayMs, n.reason]), [
      ['connect', 1, 5000, 'server error 976'], ['connect', 2, 10_000, 'server error 976'], ['connect', 3, 20_000, 'server error 976'],
    ]);
  });

  it('gives up after the last retry, saying how often and how long it tried', async () => {
    const clock = fakeClock(15_000); // every attempt times out after 15 s
    let calls = 0;
    const error = await withRetry(async () => {
      calls += 1;
      clock.tick();
      throw timeout();
    }, { retries: 2, clock }).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof SqlServerConnectionError);
    assert.equal(calls, 3);
    assert.deepEqual(clock.slept, [5000, 10_000]);
    assert.equal(error.message, 'SQL Server: no answer (3 attempts over 60 s; PPOC_SQLSERVER_RETRIES sets how many times to try again)');
    assert.equal(error.step, 'connect');
    const deadlock = await withRetry(async () => {
      throw new SqlServerRequestError('SQL Server error 1205: chosen as deadlock victim', 1205);
    }, { retries: 1, what: 'refresh transaction', clock: fakeClock() }).then(() => null, (e: unknown) => e);
    assert.ok(deadlock instanceof SqlServerRequestError && deadlock.number === 1205);
    assert.match(deadlock.message, /\(2 attempts over \d+ s; PPOC_SQLSERVER_RETRIES/);
  });

  it('fails at once on a non-transient error, and with PPOC_SQLSERVER_RETRIES=0 never retries', async () => {
    for (const [retries, failure] of [[3, new SqlServerConnectionError('login failed', 'ELOGIN', 'login', [18456])], [0, transient(40501)]] as const) {
      const clock = fakeClock();
      let calls = 0;
      await assert.rejects(withRetry(async () => {
        calls += 1;
        throw failure;
      }, { retries, clock }), (e) => e === failure);
      assert.equal(calls, 1);
      assert.deepEqual(clock.slept, []);
    }
  });
});

describe('SQL Server connect retry through the real driver (a local server refusing logins with 40613)', () => {
  it('retries with backoff, reports each retry, then fails with one line saying how often it tried', async function () {
    this.timeout(30_000);
    const server = await startLoginRefusingServer(40613);
    const notices: RetryNotice[] = [];
    const settings = parseSqlServerSettings(`Server=localhost,${server.port};Database=PPOC;User Id=u;Password=Retry-4a1d-Secret;Encrypt=false`, {
      PPOC_SQLSERVER_RETRIES: '2',
    });
    const connector = createMssqlConnector(settings, { onRetry: (n) => notices.push(n), clock: fakeClock() });
    try {
      const error = await connector.query('SELECT 1;').then(() => null, (e: unknown) => e);
      assert.ok(error instanceof SqlServerConnectionError, String(error));
      assert.deepEqual(error.serverErrors, [40613]);
      assert.match(error.message, /^SQL Server: SQL Server localhost:\d+, database PPOC, .* is not available now \(server error 40613, transient\): try again shortly \(3 attempts over \d+ s; PPOC_SQLSERVER_RETRIES/);
      assert.equal(server.logins, 3);
      assert.deepEqual(notices.map((n) => [n.attempt, n.delayMs, n.reason]), [[1, 5000, 'server error 40613'], [2, 10_000, 'server error 40613']]);
      assert.ok(!error.message.includes('Retry-4a1d-Secret'));
    } finally {
      await connector.close();
      await server.close();
    }
  });
});
