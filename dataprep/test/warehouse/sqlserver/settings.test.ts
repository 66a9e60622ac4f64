import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceptedKeys } from '../../../src/warehouse/sqlserver/connection-keys';
import { toMssqlConfig } from '../../../src/warehouse/sqlserver/mssql-connector';
import {
  describeSettings, parseSqlServerSettings, SqlServerConfigError,
} from '../../../src/warehouse/sqlserver/settings';
import { REPO } from '../../helpers/cli';

const SECRET = 'Zq7!pa55;word=Sekr1t';
const NO_ENV = {};

function configError(text: string, env: NodeJS.ProcessEnv = NO_ENV): string {
  try {
    parseSqlServerSettings(text, env);
  } catch (error) {
    assert.ok(error instanceof SqlServerConfigError, `expected SqlServerConfigError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected the settings to be rejected');
}

describe('SQL Server settings', () => {
  it('reads an ADO connection string with encryption on and the certificate verified by default', () => {
    const s = parseSqlServerSettings('Server=tcp:db01.council.local,1533;Database=PPOC;User Id=ppoc_job;Password=abc', NO_ENV);
    assert.equal(s.server, 'db01.council.local');
    assert.equal(s.port, 1533);
    assert.equal(s.database, 'PPOC');
    assert.deepEqual(s.authentication, { kind: 'sql', user: 'ppoc_job', password: 'abc' });
    assert.equal(s.encrypt, true);
    assert.equal(s.trustServerCertificate, false);
    assert.equal(s.connectTimeoutMs, 15_000);
    assert.equal(s.requestTimeoutMs, 300_000);
  });

  it('turns trustServerCertificate on only when the string says so, and honours Encrypt and timeouts', () => {
    const s = parseSqlServerSettings(
      'Data Source=db01;Initial Catalog=PPOC;UID=u;PWD=p;Encrypt=no;TrustServerCertificate=True;Connect Timeout=5;Request Timeout=600',
      NO_ENV,
    );
    assert.equal(s.encrypt, false);
    assert.equal(s.trustServerCertificate, true);
    assert.equal(s.connectTimeoutMs, 5000);
    assert.equal(s.requestTimeoutMs, 600_000);
    assert.equal(parseSqlServerSettings('Server=a;Database=b;User Id=u;Password=p;Encrypt=strict', NO_ENV).encrypt, 'strict');
  });

  it('keeps a braced or quoted password with ; and = intact', () => {
    const s = parseSqlServerSettings(`Server=db01;Database=PPOC;User Id=u;Password={${SECRET}}`, NO_ENV);
    assert.deepEqual(s.authentication, { kind: 'sql', user: 'u', password: SECRET });
    const q = parseSqlServerSettings(`Server=db01;Database=PPOC;User Id=u;Password="a;b"`, NO_ENV);
    assert.deepEqual(q.authentication, { kind: 'sql', user: 'u', password: 'a;b' });
  });

  it('reads an mssql:// URL with an encoded password', () => {
    const s = parseSqlServerSettings(`mssql://ppoc_job:${encodeURIComponent(SECRET)}@db01:1444/PPOC?encrypt=true&trustServerCertificate=false`, NO_ENV);
    assert.equal(s.server, 'db01');
    assert.equal(s.port, 1444);
    assert.equal(s.database, 'PPOC');
    assert.deepEqual(s.authentication, { kind: 'sql', user: 'ppoc_job', password: SECRET });
  });

  it('takes the password from PPOC_SQLSERVER_PASSWORD so it stays off the command line', () => {
    const s = parseSqlServerSettings('Server=db01;Database=PPOC;User Id=ppoc_job', { PPOC_SQLSERVER_PASSWORD: SECRET });
    assert.deepEqual(s.authentication, { kind: 'sql', user: 'ppoc_job', password: SECRET });
  });

  it('reads a named instance and the Windows (NTLM) and Entra variants', () => {
    const named = parseSqlServerSettings('Server=db01\\MI;Database=PPOC;User Id=COUNCIL\\svc_ppoc;Password=p', NO_ENV);
    assert.equal(named.instanceName, 'MI');
    assert.equal(named.port, undefined);
    assert.deepEqual(named.authentication, { kind: 'windows', domain: 'COUNCIL', user: 'svc_ppoc', password: 'p' });
    const msi = parseSqlServerSettings('Server=x;Database=y;Authentication=Active Directory Managed Identity;Client Id=abc', NO_ENV);
    assert.deepEqual(msi.authentication, { kind: 'entra-managed-identity', clientId: 'abc' });
    const sp = parseSqlServerSettings('Server=x;Database=y;Authentication=ActiveDirectoryServicePrincipal;Client Id=a;Tenant Id=t', {
      PPOC_SQLSERVER_CLIENT_SECRET: SECRET,
    });
    assert.deepEqual(sp.authentication, { kind: 'entra-service-principal', clientId: 'a', clientSecret: SECRET, tenantId: 't' });
    const def = parseSqlServerSettings('Server=x;Database=y;Authentication=ActiveDirectoryDefault', NO_ENV);
    assert.deepEqual(toMssqlConfig(def).authentication, { type: 'azure-active-directory-default', options: { clientId: undefined } });
    assert.deepEqual(toMssqlConfig(named).authentication, {
      type: 'ntlm', options: { domain: 'COUNCIL', userName: 'svc_ppoc', password: 'p' },
    });
  });

  it('gives the driver encrypt/trust exactly as settled, with load-sized request timeouts', () => {
    const config = toMssqlConfig(parseSqlServerSettings('Server=db01;Database=PPOC;User Id=u;Password=p', NO_ENV));
    assert.equal(config.options?.encrypt, true);
    assert.equal(config.options?.trustServerCertificate, false);
    assert.equal(config.requestTimeout, 300_000);
    assert.equal(config.connectionTimeout, 15_000);
    assert.equal(config.port, 1433);
  });

  it('rejects incomplete or malformed settings with a clear message that never contains the password', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      [`Database=PPOC;User Id=u;Password={${SECRET}}`, /needs Server=/],
      [`Server=db01;User Id=u;Password={${SECRET}}`, /needs Database=/],
      ['Server=db01;Database=PPOC;User Id=u', /needs Password/],
      [`Server=db01;Database=PPOC;User Id=u;Password={${SECRET}};Colour=blue`, /^connection string part 5 has an unknown key "Colour"; docs\/sqlserver\.md lists the keys$/],
      [`Server=db01;Database=PPOC;User Id=u;Password=${SECRET}`, /^connection string part 5, after the password, has an unknown key: if it is part of the password, wrap the password in \{braces\}$/],
      [`Server=db01;Database=PPOC;User Id=u;${SECRET}`, /part 4 is not of the form Key=Value/],
      [`Server=db01;Database=PPOC;User Id=u;Password={${SECRET}`, /unclosed quote or brace/],
      [`Server=db01,99999;Database=PPOC;User Id=u;Password={${SECRET}}`, /port must be 1-65535/],
      [`Server=db01;Database=PPOC;Integrated Security=SSPI;Password={${SECRET}}`, /Integrated Security .* not available/],
      [`Server=db01;Database=PPOC;User Id=u;Password={${SECRET}};Encrypt=perhaps`, /Encrypt must be true or false/],
      [`Server=db01;Database=PPOC;Authentication=Kerberos;Password={${SECRET}}`, /Authentication must be/],
      [`mssql://u:${encodeURIComponent(SECRET)}@db01/PPOC?colour=blue`, /part 1 has an unknown key "colour"/],
      [`Server=db01;Database=PPOC;ApplicationIntent=ReadMostly;User Id=u;Password={${SECRET}}`, /ApplicationIntent must be ReadWrite or ReadOnly/],
      [`Server=db01;Database=PPOC;Packet Size=100;User Id=u;Password={${SECRET}}`, /Packet Size must be a whole number of bytes from 512 to 32768/],
      // Numbers are decimal, as SqlClient reads them: Number() would take hex (0x1F90 is 8080) and exponents.
      [`Server=db01,0x1F90;Database=PPOC;User Id=u;Password={${SECRET}}`, /port must be 1-65535/],
      [`Server=db01;Database=PPOC;Packet Size=0x2000;User Id=u;Password={${SECRET}}`, /Packet Size must be a whole number/],
      [`Server=db01;Database=PPOC;Connect Timeout=3e1;User Id=u;Password={${SECRET}}`, /Connect Timeout must be a positive number of seconds/],
      [`Server=db01;Database=PPOC;Connect Timeout=Infinity;User Id=u;Password={${SECRET}}`, /Connect Timeout must be a positive number of seconds/],
    ];
    for (const [text, expected] of cases) {
      const message = configError(text);
      assert.match(message, expected, text);
      assert.ok(!message.includes(SECRET) && !message.includes('Zq7') && !message.includes('Sekr1t'), `leaked: ${message}`);
    }
  });

  it('takes the Azure portal\'s ADO.NET string as it is copied', () => {
    // Azure portal → SQL database → Connection strings → ADO.NET (SQL authentication), password filled in.
    const portal = 'Server=tcp:ppoc-council.database.windows.net,1433;Initial Catalog=PPOC;Persist Security Info=False;' +
      `User ID=ppoc_job;Password={${SECRET}};MultipleActiveResultSets=False;Encrypt=True;TrustServerCertificate=False;Connection Timeout=30;`;
    const s = parseSqlServerSettings(portal, NO_ENV);
    assert.deepEqual([s.server, s.port, s.database, s.encrypt, s.trustServerCertificate, s.connectTimeoutMs],
      ['ppoc-council.database.windows.net', 1433, 'PPOC', true, false, 30_000]);
    assert.deepEqual(s.authentication, { kind: 'sql', user: 'ppoc_job', password: SECRET });
    assert.deepEqual(s.ignoredKeys.map((k) => k.name), ['Persist Security Info', 'MultipleActiveResultSets']);
    // … and its Entra variant, with the quoted, spaced authentication name the portal writes.
    const entra = parseSqlServerSettings('Server=tcp:ppoc-council.database.windows.net,1433;Initial Catalog=PPOC;Persist Security Info=False;' +
      'User ID=jo.bloggs@council.gov.uk;MultipleActiveResultSets=False;Encrypt=True;TrustServerCertificate=False;' +
      'Authentication="Active Directory Default";', NO_ENV);
    assert.deepEqual(entra.authentication, { kind: 'entra-default', clientId: undefined });
  });

  it('takes a typical Availability Group listener string: MultiSubnetFailover honoured, ApplicationIntent=ReadOnly for read commands only', () => {
    const listener = 'Data Source=tcp:ppoc-ag-listener.council.local,1433;Initial Catalog=PPOC;User ID=ppoc_job;' +
      `Password={${SECRET}};MultiSubnetFailover=True;ApplicationIntent=ReadOnly;Encrypt=True;Connect Timeout=30;` +
      'Connect Retry Count=3;Connect Retry Interval=10;Pooling=true;Max Pool Size=100;Min Pool Size=0;Packet Size=8000;' +
      'Workstation ID=MI-SERVER-01;Current Language=British;Application Name=ppoc-prep nightly;HostNameInCertificate=ppoc-ag-listener.council.local';
    const s = parseSqlServerSettings(listener, NO_ENV);
    assert.deepEqual([s.server, s.port, s.multiSubnetFailover, s.applicationIntent], ['ppoc-ag-listener.council.local', 1433, true, 'ReadOnly']);
    assert.deepEqual(s.ignoredKeys.map((k) => k.name), ['Connect Retry Count', 'Connect Retry Interval', 'Pooling', 'Max Pool Size', 'Min Pool Size']);
    const write = toMssqlConfig(s).options as Record<string, unknown>;
    const read = toMssqlConfig(s, true).options as Record<string, unknown>;
    assert.deepEqual([write.multiSubnetFailover, write.readOnlyIntent, read.readOnlyIntent], [true, false, true]);
    assert.deepEqual([write.packetSize, write.workstationId, write.language, write.serverName, write.appName],
      [8000, 'MI-SERVER-01', 'British', 'ppoc-ag-listener.council.local', 'ppoc-prep nightly']);
    assert.ok(!JSON.stringify(s.ignoredKeys).includes(SECRET));
  });

  it('reads keys in any case and spacing, SqlClient\'s synonyms too, and offers the key meant for a near miss', () => {
    const s = parseSqlServerSettings(`SERVER=db01;initial catalog=PPOC;uid=u;pwd={${SECRET}};multi subnet failover=yes;application intent=readonly;WSID=mi01`, NO_ENV);
    assert.deepEqual([s.server, s.database, s.multiSubnetFailover, s.applicationIntent, s.workstationId], ['db01', 'PPOC', true, 'ReadOnly', 'mi01']);
    for (const [typo, meant] of [['Encryp', 'Encrypt'], ['MultiSubnetFailovr', 'MultiSubnetFailover'], ['Initial Catalogue', 'Initial Catalog'], ['Trust Server Certficate', 'TrustServerCertificate']]) {
      assert.equal(configError(`Server=db01;Database=PPOC;${typo}=x;User Id=u;Password={${SECRET}}`),
        `connection string part 3 has an unknown key "${typo}" (did you mean "${meant}"?); docs/sqlserver.md lists the keys`);
    }
  });

  it('docs/sqlserver.md names every key it accepts, honoured and ignored', () => {
    const page = readFileSync(join(REPO, 'docs', 'sqlserver.md'), 'utf8');
    const { honoured, ignored } = acceptedKeys();
    assert.ok(honoured.length > 30 && ignored.length >= 10, `${honoured.length} honoured, ${ignored.length} ignored`);
    assert.deepEqual([...honoured, ...ignored.map((k) => k.name)].filter((name) => !page.includes(`\`${name}\``)), []);
  });

  it('describes the target for logs without any secret', () => {
    const s = parseSqlServerSettings(`Server=db01;Database=PPOC;User Id=ppoc_job;Password={${SECRET}};TrustServerCertificate=true`, NO_ENV);
    const text = describeSettings(s);
    assert.equal(text, 'SQL Server db01:1433, database PPOC, sql authentication as ppoc_job (encrypted, server certificate not verified)');
    assert.ok(!text.includes(SECRET));
  });
});
