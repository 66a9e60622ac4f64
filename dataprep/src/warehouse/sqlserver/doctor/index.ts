/**
 * `ppoc-prep doctor --sqlserver CONN`: the checks a DBA would make before the first nightly
 * run, in the order a connection needs them, stopping where later checks cannot run:
 * settings, [SQL Browser], TCP, TLS and certificate trust, login, database, then the database
 * checks (database-checks.ts). Every line names the step; no password or stack ever appears.
 */
import { failed, ok, type CheckResult } from '../../checks';
import { SqlServerConnectionError, socketReason, type ConnectionStep } from '../connection-errors';
import type { SqlConnector } from '../connector';
import { openConnector } from '../connector-factory';
import type { MssqlConnectorOptions } from '../mssql-connector';
import type { JobSettingFlags } from '../job-settings';
import { describeAddress, describeSettings, parseServerAddress, parseSqlServerSettings, type ServerAddress, type SqlServerSettings } from '../settings';
import { databaseChecks, serverFacts } from './database-checks';
import { lookupInstancePort, NetworkError, tcpConnect } from './network';

export interface SqlServerDoctorOptions {
  env: NodeJS.ProcessEnv;
  flags?: JobSettingFlags;
  report: (result: CheckResult) => void;
  /** For tests: where SQL Browser answers and how patiently to ask, and a connector instead of the real driver. */
  browser?: { port?: number; tries?: number; waitMs?: number };
  connect?: (settings: SqlServerSettings) => SqlConnector;
  connectorOptions?: MssqlConnectorOptions;
  now?: Date;
}

const DEFAULT_NETWORK_TIMEOUT_MS = 15_000;

/** What the settings say, with the connection-string keys that change how the driver connects. */
function settingsDetail(s: SqlServerSettings): string {
  const notes = [
    s.ca ? `trusts the CA certificates in ${s.ca.file}` : '',
    s.multiSubnetFailover ? 'MultiSubnetFailover (every address of the listener at once)' : '',
    s.applicationIntent === 'ReadOnly' ? 'ApplicationIntent=ReadOnly for the read commands (status, summary, explain, issues, export); run and doctor use the primary' : '',
    s.ignoredKeys.length ? `accepted and ignored: ${s.ignoredKeys.map((k) => k.name).join(', ')}` : '',
  ].filter(Boolean);
  return `${describeSettings(s)}${notes.length ? `; ${notes.join('; ')}` : ''}`;
}

function readSettings(connection: string, o: SqlServerDoctorOptions): { settings?: SqlServerSettings; address?: ServerAddress } {
  try {
    const settings = parseSqlServerSettings(connection, o.env, o.flags);
    o.report(ok('settings', settingsDetail(settings)));
    return { settings, address: settings };
  } catch (error) {
    o.report(failed('settings', (error as Error).message, 'correct the connection string or setting (docs/sqlserver.md, "Connection settings")'));
    try {
      return { address: parseServerAddress(connection) };
    } catch {
      return {};
    }
  }
}

/** SQL Browser (named instance without a port), then TCP; the port, or null when a step failed. */
async function networkChecks(a: ServerAddress, timeoutMs: number, o: SqlServerDoctorOptions): Promise<number | null> {
  let port = a.port;
  if (port === undefined) {
    try {
      port = await lookupInstancePort(a.server, a.instanceName ?? '', { browserPort: o.browser?.port, tries: o.browser?.tries, waitMs: o.browser?.waitMs });
      o.report(ok('instance lookup', `SQL Browser on ${a.server} (UDP 1434) says instance ${a.instanceName} listens on TCP ${port}`));
    } catch (error) {
      o.report(failed('instance lookup', `no answer from SQL Browser on ${a.server} UDP 1434 for instance ${a.instanceName} (${(error as Error).message})`,
        `give the port instead, Server=${a.server}\\${a.instanceName},PORT (SQL Browser is then not asked), or have UDP 1434 opened`));
      return null;
    }
  }
  try {
    await tcpConnect(a.server, port, timeoutMs);
    o.report(ok('tcp connection', `${a.server} port ${port} accepts connections`));
    return port;
  } catch (error) {
    const code = error instanceof NetworkError ? error.code : 'ESOCKET';
    o.report(failed('tcp connection', `cannot reach ${a.server} port ${port} (${socketReason(code)})`,
      'check the server name and port in Server=host,port, that SQL Server listens on TCP there (TCP/IP enabled) and that no firewall blocks it'));
    return null;
  }
}

const CONNECT_STEPS: { step: ConnectionStep; check: string; fix: string }[] = [
  { step: 'tls', check: 'tls', fix: 'docs/sqlserver.md, "TLS trust": PPOC_SQLSERVER_CA_FILE and the FQDN rule' },
  { step: 'login', check: 'login', fix: 'check User Id and the password (PPOC_SQLSERVER_PASSWORD), and that the login exists and is enabled' },
  { step: 'database', check: 'database', fix: 'check Database= and that the DBA created a user for this login in it (CREATE USER … FOR LOGIN …)' },
];

function tlsDetail(s: SqlServerSettings): string {
  if (s.encrypt === false) return 'not encrypted (Encrypt=false)';
  if (s.trustServerCertificate) return 'encrypted; the certificate was NOT verified (TrustServerCertificate=true)';
  return `encrypted${s.encrypt === 'strict' ? ' (TDS 8)' : ''}; certificate trusted${s.ca ? ` through ${s.ca.file}` : ''} and issued for ${s.hostNameInCertificate ?? s.server}`;
}

/** Where the driver stopped, as ok lines for the steps it passed and one FAIL line. */
function reportConnectFailure(error: SqlServerConnectionError, s: SqlServerSettings, o: SqlServerDoctorOptions): void {
  const at = CONNECT_STEPS.findIndex((c) => c.step === error.step);
  const failing = at === -1 ? 0 : at; // a timeout or hang-up after TCP: the pre-login/TLS step did not complete
  CONNECT_STEPS.slice(0, failing).forEach((c) => o.report(ok(c.check, c.step === 'tls' ? tlsDetail(s) : 'accepted')));
  const message = error.message.replace(/^SQL Server: /, '');
  o.report(failed(CONNECT_STEPS[failing].check, at === -1 ? `pre-login or TLS handshake did not complete: ${message}` : message, CONNECT_STEPS[failing].fix));
}

export async function sqlServerDoctor(connection: string, o: SqlServerDoctorOptions): Promise<void> {
  const { settings, address } = readSettings(connection, o);
  if (!address) return;
  const port = await networkChecks(address, settings?.connectTimeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS, o);
  if (port === null || !settings) return;
  const target = settings.port === undefined ? { ...settings, port, instanceName: undefined } : settings;
  const connector = o.connect?.(target) ?? openConnector(target, o.connectorOptions);
  try {
    const facts = await serverFacts(connector).catch((error: unknown) => {
      if (error instanceof SqlServerConnectionError) reportConnectFailure(error, target, o);
      throw error;
    });
    o.report(ok('tls', tlsDetail(target)));
    o.report(ok('login', `as ${facts.login_name}`));
    o.report(ok('database', `${target.database} at ${describeAddress(target)}, user ${facts.user_name}`));
    await databaseChecks(connector, facts, target.database, o.report, o.now);
  } catch (error) {
    if (!(error instanceof SqlServerConnectionError)) o.report(failed('query', (error as Error).message, 'send this line to the DBA'));
  } finally {
    await connector.close();
  }
}
