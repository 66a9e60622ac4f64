/**
 * TLS trust through the real driver's TLS code (tedious inside mssql) against a local stand-in
 * that speaks just enough TDS to run the handshake (fake-tds-server.ts), with test certificates
 * from tls/. No SQL Server is involved: "accepted" means the driver verified the certificate
 * and went on to its next message, which is as far as the stand-in goes.
 */
import assert from 'node:assert/strict';
import { SqlServerConnectionError } from '../../../src/warehouse/sqlserver/connection-errors';
import { createMssqlConnector } from '../../../src/warehouse/sqlserver/mssql-connector';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import { OTHER_CA_FILE, SHA1_CA_FILE, startFakeTdsServer, startLoginRefusingServer, TEST_CA_FILE, type TestCertificate } from './fake-tds-server';

const SECRET = 'Tls-3f9a-DistinctiveSecret';

async function connectTo(options: { strict: boolean; certificate: TestCertificate; caFile?: string }) {
  const server = await startFakeTdsServer(options);
  const env = { PPOC_SQLSERVER_RETRIES: '0', ...(options.caFile ? { PPOC_SQLSERVER_CA_FILE: options.caFile } : {}) };
  const encrypt = options.strict ? ';Encrypt=strict' : '';
  const settings = parseSqlServerSettings(`Server=localhost,${server.port};Database=ppoc;User Id=u;Password=${SECRET};Connect Timeout=10${encrypt}`, env);
  const connector = createMssqlConnector(settings);
  try {
    const error = await connector.query('SELECT 1;').then(() => null, (e: unknown) => e);
    assert.ok(error instanceof SqlServerConnectionError, String(error));
    assert.ok(!error.message.includes(SECRET) && !error.message.includes('\n'));
    return { error, accepted: server.accepted };
  } finally {
    await connector.close();
    await server.close();
  }
}

for (const strict of [false, true]) {
  const mode = strict ? 'Encrypt=strict (TDS 8: TLS first)' : 'Encrypt=true (TDS 7.4: TLS inside PRELOGIN)';
  describe(`SQL Server TLS trust, ${mode}, real driver against a local TLS stand-in`, () => {
    it('trusts a certificate signed by the CA in PPOC_SQLSERVER_CA_FILE, without TrustServerCertificate', async () => {
      const { error, accepted } = await connectTo({ strict, certificate: 'server-localhost', caFile: TEST_CA_FILE });
      assert.equal(accepted, 1, 'the driver accepted the certificate and sent its next message');
      assert.equal(error.step, 'tcp', 'it failed only later, when the stand-in hung up');
      assert.doesNotMatch(error.message, /certificate/);
    });

    it('refuses the same certificate without the CA file, with the CA-file fix and the FQDN rule', async () => {
      const { error, accepted } = await connectTo({ strict, certificate: 'server-localhost' });
      assert.equal(accepted, 0);
      assert.equal(error.step, 'tls');
      assert.match(error.message, /^SQL Server: cannot connect to SQL Server localhost:\d+, database ppoc, .*: the TLS certificate of localhost:\d+ is not trusted: /);
      assert.match(error.message, /give the CA certificate that signed it \(PEM\) in PPOC_SQLSERVER_CA_FILE or --sqlserver-ca-file, or add it to NODE_EXTRA_CA_CERTS/);
      assert.match(error.message, /the name in Server= must be one the certificate was issued for \(its FQDN/);
    });

    it('says which CA file did not sign it when the file holds another CA', async () => {
      const { error, accepted } = await connectTo({ strict, certificate: 'server-localhost', caFile: OTHER_CA_FILE });
      assert.equal(accepted, 0);
      assert.match(error.message, /is not trusted: it is not signed by a certificate in .*other-ca\.pem \(--sqlserver-ca-file \/ PPOC_SQLSERVER_CA_FILE\)/);
    });

    it('refuses a trusted certificate issued for another name, naming the names it holds', async () => {
      const { error, accepted } = await connectTo({ strict, certificate: 'server-elsewhere', caFile: TEST_CA_FILE });
      assert.equal(accepted, 0);
      assert.equal(error.step, 'tls');
      assert.match(error.message, /the TLS certificate of localhost:\d+ is not issued for "localhost" \(it names DNS:sql01\.ppoc\.test\): the name in Server= must be/);
    });

    it('says a certificate signed with SHA-1 is too weak for Node, even from a trusted CA (not "check the server name and port")', async () => {
      const { error, accepted } = await connectTo({ strict, certificate: 'server-sha1', caFile: SHA1_CA_FILE });
      assert.equal(accepted, 0);
      assert.equal(error.step, 'tls');
      assert.match(error.message, /: the TLS certificate of localhost:\d+, or a CA certificate in its chain, is signed with SHA-1 \(or MD5\), a digest too weak for Node, which refuses it whatever is trusted: ask the DBA to reissue/);
      assert.doesNotMatch(error.message, /check the server name and port/);
    });
  });
}

describe('SQL Server encryption downgrade (real driver, a local server that claims it cannot encrypt)', () => {
  it('never sends the login without TLS when Encrypt is on, and says why', async () => {
    const server = await startLoginRefusingServer(18456);
    const settings = parseSqlServerSettings(`Server=localhost,${server.port};Database=ppoc;User Id=u;Password=${SECRET}`, { PPOC_SQLSERVER_RETRIES: '0' });
    const connector = createMssqlConnector(settings);
    try {
      const error = await connector.query('SELECT 1;').then(() => null, (e: unknown) => e);
      assert.ok(error instanceof SqlServerConnectionError, String(error));
      assert.equal(server.logins, 0, 'the login packet (with the password) was not sent');
      assert.equal(error.step, 'tls');
      assert.match(error.message, /the server did not agree to encrypt the connection, so the login was not sent: ask the DBA to give SQL Server a TLS certificate/);
    } finally {
      await connector.close();
      await server.close();
    }
  });

  it('sends it when Encrypt=false says the DBA accepts that', async () => {
    const server = await startLoginRefusingServer(18456);
    const settings = parseSqlServerSettings(`Server=localhost,${server.port};Database=ppoc;User Id=u;Password=${SECRET};Encrypt=false`, { PPOC_SQLSERVER_RETRIES: '0' });
    const connector = createMssqlConnector(settings);
    try {
      const error = await connector.query('SELECT 1;').then(() => null, (e: unknown) => e);
      assert.equal(server.logins, 1);
      assert.equal((error as SqlServerConnectionError).step, 'login');
    } finally {
      await connector.close();
      await server.close();
    }
  });
});
