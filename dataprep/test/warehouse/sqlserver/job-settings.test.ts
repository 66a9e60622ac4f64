import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toMssqlConfig } from '../../../src/warehouse/sqlserver/mssql-connector';
import { describeSettings, parseServerAddress, parseSqlServerSettings, SqlServerConfigError } from '../../../src/warehouse/sqlserver/settings';
import { TEST_CA_FILE } from './fake-tds-server';

const BASE = 'Server=db01.council.local;Database=PPOC;User Id=ppoc_job;Password=pw-9d1e';

function refusal(env: NodeJS.ProcessEnv, flags = {}, connection = BASE): string {
  try {
    parseSqlServerSettings(connection, env, flags);
  } catch (error) {
    assert.ok(error instanceof SqlServerConfigError, String(error));
    return error.message;
  }
  assert.fail('expected the settings to be refused');
}

describe('SQL Server job settings (CA file, retry, swap wait) and named instances', () => {
  it('trusts PPOC_SQLSERVER_CA_FILE for this connection: its PEM is added to the driver\'s CA list', () => {
    const s = parseSqlServerSettings(BASE, { PPOC_SQLSERVER_CA_FILE: TEST_CA_FILE });
    assert.equal(s.ca?.file, TEST_CA_FILE);
    const ca = (toMssqlConfig(s).options as { cryptoCredentialsDetails?: { ca?: string[] } }).cryptoCredentialsDetails?.ca ?? [];
    assert.equal(ca.at(-1), readFileSync(TEST_CA_FILE, 'utf8').trim());
    assert.ok(ca.length > 1, 'Node\'s public roots stay trusted too (Azure SQL)');
    assert.equal(toMssqlConfig(s).options?.trustServerCertificate, false);
    assert.equal((toMssqlConfig(parseSqlServerSettings(BASE, {})).options as Record<string, unknown>).cryptoCredentialsDetails, undefined);
  });

  it('lets --sqlserver-ca-file win over the variable, and names whichever is wrong', () => {
    const s = parseSqlServerSettings(BASE, { PPOC_SQLSERVER_CA_FILE: '/nowhere/ca.pem' }, { caFile: TEST_CA_FILE });
    assert.equal(s.ca?.file, TEST_CA_FILE);
    assert.match(refusal({}, { caFile: '/nowhere/ca.pem' }), /^--sqlserver-ca-file: cannot read \/nowhere\/ca\.pem \(ENOENT\)$/);
    assert.match(refusal({ PPOC_SQLSERVER_CA_FILE: '/nowhere/ca.pem' }), /^PPOC_SQLSERVER_CA_FILE: cannot read/);
  });

  it('refuses a CA file with no certificate, or a broken one, without echoing its content', () => {
    const notPem = join(tmpdir(), `ppoc-not-pem-${process.pid}.txt`);
    writeFileSync(notPem, 'secret-looking text');
    assert.match(refusal({ PPOC_SQLSERVER_CA_FILE: notPem }), /holds no PEM certificate \(-----BEGIN CERTIFICATE-----\)$/);
    const broken = join(tmpdir(), `ppoc-broken-pem-${process.pid}.pem`);
    writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n');
    const message = refusal({ PPOC_SQLSERVER_CA_FILE: broken });
    assert.match(message, /certificate 1 in .* cannot be read$/);
    assert.ok(!message.includes('bm90'));
  });

  it('reads PPOC_SQLSERVER_RETRIES (default 3) and PPOC_SWAP_WAIT_SECONDS (default 60 s) and refuses bad values by name', () => {
    const defaults = parseSqlServerSettings(BASE, {});
    assert.deepEqual([defaults.retries, defaults.swapWaitMs], [3, 60_000]);
    const set = parseSqlServerSettings(BASE, { PPOC_SQLSERVER_RETRIES: '0', PPOC_SWAP_WAIT_SECONDS: ' 15 ' });
    assert.deepEqual([set.retries, set.swapWaitMs], [0, 15_000]);
    assert.equal(refusal({ PPOC_SWAP_WAIT_SECONDS: '241' }), 'PPOC_SWAP_WAIT_SECONDS, rounded up to whole minutes, must be shorter than the Request Timeout (300 s)');
    assert.equal(parseSqlServerSettings(BASE, { PPOC_SWAP_WAIT_SECONDS: '240' }).swapWaitMs, 240_000);
    assert.equal(parseSqlServerSettings(`${BASE};Request Timeout=900`, { PPOC_SWAP_WAIT_SECONDS: '300' }).swapWaitMs, 300_000);
    for (const [name, value] of [['PPOC_SWAP_WAIT_SECONDS', '1.5'], ['PPOC_SWAP_WAIT_SECONDS', '-1'], ['PPOC_SWAP_WAIT_SECONDS', '7200']]) {
      assert.equal(refusal({ [name]: value }), `${name} must be a whole number of seconds from 0 to 3600, got "${value}"`);
    }
    for (const value of ['soon', '11', '2.5']) {
      assert.equal(refusal({ PPOC_SQLSERVER_RETRIES: value }), `PPOC_SQLSERVER_RETRIES must be a whole number of times from 0 to 10, got "${value}"`);
    }
    assert.equal(refusal({ PPOC_SQLSERVER_RETRY_SECONDS: '60' }),
      'PPOC_SQLSERVER_RETRY_SECONDS was replaced by PPOC_SQLSERVER_RETRIES: how many times to try again (default 3)');
  });

  it('connects host\\INSTANCE,port straight to the port (no SQL Browser), and only host\\INSTANCE through SQL Browser', () => {
    const direct = parseSqlServerSettings('Server=127.0.0.1\\SOMEINSTANCE,1;Database=PPOC;User Id=u;Password=p', {});
    assert.deepEqual([direct.server, direct.port, direct.instanceName], ['127.0.0.1', 1, 'SOMEINSTANCE']);
    const config = toMssqlConfig(direct);
    assert.equal(config.port, 1);
    assert.equal(config.options?.instanceName, undefined, 'mssql drops the port when an instance name is also given');
    assert.match(describeSettings(direct), /^SQL Server 127\.0\.0\.1:1 \(instance SOMEINSTANCE\), database PPOC/);

    const browsed = parseSqlServerSettings('Server=db01\\MI;Database=PPOC;User Id=u;Password=p', {});
    assert.equal(toMssqlConfig(browsed).port, undefined);
    assert.equal(toMssqlConfig(browsed).options?.instanceName, 'MI');
    assert.match(describeSettings(browsed), /^SQL Server db01\\MI, database/);
    assert.deepEqual(parseServerAddress('Server=tcp:db01\\MI,1500'), { server: 'db01', port: 1500, instanceName: 'MI' });
  });

  it('turns XACT_ABORT on for every connection and leaves transient-login retries to the job\'s own policy', () => {
    const options = toMssqlConfig(parseSqlServerSettings(BASE, {})).options as Record<string, unknown>;
    assert.equal(options.abortTransactionOnError, true);
    assert.equal(options.maxRetriesOnTransientErrors, 0);
  });
});
