/**
 * The real mssql connector against local sockets where no SQL Server answers: nothing here
 * needs a server, and nothing claims to have talked to one.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { createSqlServerWarehouse, SqlServerConnectionError } from '../../../src/warehouse/sqlserver/index';
import { classifyConnectionError } from '../../../src/warehouse/sqlserver/mssql-connector';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import { EXAMPLE_EXTRACT, runCli } from '../../helpers/cli';

const SECRET = 'Pw-7c1b9e-DistinctiveSecret';

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts TCP connections and never answers the TDS pre-login: a firewall black hole, locally. */
async function silentServer(): Promise<{ port: number; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server, sockets };
}

function assertOneCleanLine(message: string): void {
  assert.ok(!message.includes('\n'), 'one line');
  assert.ok(!message.includes(SECRET), 'no password');
  assert.doesNotMatch(message, /\bat .+:\d+:\d+/, 'no stack frame');
}

describe('SQL Server connection failures (real driver, no server)', () => {
  it('fails at once with one clear line when nothing listens on the port', async () => {
    const port = await closedPort();
    const settings = parseSqlServerSettings(`Server=127.0.0.1,${port};Database=ppoc;User Id=ppoc_job;Password=${SECRET};Connect Timeout=5`, {});
    const w = createSqlServerWarehouse(settings);
    const started = Date.now();
    const error = await w.migrate().then(() => null, (e: unknown) => e);
    await w.close();
    assert.ok(error instanceof SqlServerConnectionError, String(error));
    assert.equal(error.code, 'ESOCKET');
    assert.equal(
      error.message,
      `SQL Server: cannot connect to SQL Server 127.0.0.1:${port}, database ppoc, sql authentication as ppoc_job (encrypted) ` +
        '(connection refused: nothing listens on that port): check the server name and port',
    );
    assertOneCleanLine(error.message);
    assert.ok(Date.now() - started < 5000, 'well within the connect timeout');
  });

  it('gives up after the connect timeout when the address swallows packets', async function () {
    this.timeout(15_000);
    const { port, server, sockets } = await silentServer();
    try {
      const settings = parseSqlServerSettings(`Server=127.0.0.1,${port};Database=ppoc;User Id=u;Password=${SECRET};Connect Timeout=1.5`, {
        PPOC_SQLSERVER_RETRIES: '0',
      });
      const w = createSqlServerWarehouse(settings);
      const started = Date.now();
      const error = await w.startRun({
        runId: 'r1', startedAtUtc: new Date().toISOString(), asAtDate: '2022-05-31' as never, windowMonths: 3, source: 'x',
      }).then(() => null, (e: unknown) => e);
      const elapsed = Date.now() - started;
      await w.close();
      assert.ok(error instanceof SqlServerConnectionError, String(error));
      assert.equal(error.code, 'ETIMEOUT');
      assert.match(error.message, /^SQL Server: no answer from SQL Server 127\.0\.0\.1:\d+, .* within 1\.5 s: check the server name, that TCP \d+ is reachable/);
      assertOneCleanLine(error.message);
      assert.ok(elapsed >= 1400 && elapsed < 6000, `gave up after ${elapsed} ms`);
    } finally {
      sockets.forEach((s) => s.destroy());
      server.close();
    }
  });

  it('classifies login, certificate and lookup failures without echoing the driver text', () => {
    const s = parseSqlServerSettings(`Server=db01;Database=ppoc;User Id=ppoc_job;Password=${SECRET}`, {});
    const login = classifyConnectionError({ code: 'ELOGIN', message: `Login failed for user 'ppoc_job'. ${SECRET}` }, s);
    assert.match(login.message, /^SQL Server: login failed for SQL Server db01:1433, database ppoc, sql authentication as ppoc_job/);
    const tls = classifyConnectionError({ code: 'ESOCKET', message: 'self-signed certificate in certificate chain' }, s);
    assert.match(tls.message, /TLS certificate of db01:1433 is not trusted: give the CA certificate that signed it \(PEM\) in PPOC_SQLSERVER_CA_FILE or --sqlserver-ca-file/);
    assert.equal(tls.step, 'tls');
    const dns = classifyConnectionError({ code: 'ESOCKET', message: 'Failed to connect to db01:1433 - getaddrinfo ENOTFOUND db01' }, s);
    assert.match(dns.message, /\(host name not found\)/);
    for (const e of [login, tls, dns]) assertOneCleanLine(e.message);
  });

  it('`ppoc-prep run --sqlserver` to a closed port exits non-zero with one line, no stack, no password', async function () {
    this.timeout(60_000);
    const port = await closedPort();
    const conn = `Server=127.0.0.1,${port};Database=ppoc;User Id=ppoc_job;Password=${SECRET};Connect Timeout=5`;
    const result = await runCli(['run', '--source', EXAMPLE_EXTRACT, '--sqlserver', conn]);
    assert.notEqual(result.code, 0);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], /cannot connect to SQL Server 127\.0\.0\.1:\d+.*connection refused/);
    assert.ok(!`${result.stdout}${result.stderr}`.includes(SECRET), 'password never printed');
    assert.doesNotMatch(result.stderr, /\bat .+:\d+:\d+/);
  });
});
