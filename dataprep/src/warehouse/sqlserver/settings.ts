/**
 * SQL Server connection settings: parsed from an ADO-style connection string
 * (`Server=host,1433;Database=ppoc;User Id=…;Password=…`) or an `mssql://` URL, plus the
 * job's PPOC_* settings for this target (job-settings.ts), validated before anything
 * connects. No error message ever quotes a key or value from the string: a malformed segment
 * may be half a password.
 */
import { SqlServerConfigError } from './config-error';
import { classifyKey, type Canonical } from './connection-keys';
import { nonEmpty, readJobSettings, type JobSettingFlags } from './job-settings';

export type SqlServerAuthentication =
  | { kind: 'sql'; user: string; password: string }
  /** Windows account through NTLM (tedious has no Kerberos/SSPI single sign-on). */
  | { kind: 'windows'; domain: string; user: string; password: string }
  | { kind: 'entra-password'; user: string; password: string; clientId: string; tenantId?: string }
  | { kind: 'entra-default'; clientId?: string }
  | { kind: 'entra-managed-identity'; clientId?: string }
  | { kind: 'entra-service-principal'; clientId: string; clientSecret: string; tenantId: string }
  | { kind: 'entra-access-token'; token: string };

export interface SqlServerSettings {
  server: string;
  /** With an instance name too (`host\INSTANCE,1433`), the port wins and SQL Browser is not asked. */
  port?: number;
  instanceName?: string;
  database: string;
  authentication: SqlServerAuthentication;
  /** On unless the connection string says otherwise; `strict` is TDS 8. */
  encrypt: boolean | 'strict';
  /** Only ever true when the connection string sets it. */
  trustServerCertificate: boolean;
  connectTimeoutMs: number;
  /** Sized for bulk loads, not the driver's 15 s default. */
  requestTimeoutMs: number;
  appName: string;
  /** MultiSubnetFailover=True: try every address of an Availability Group listener at once. */
  multiSubnetFailover: boolean;
  /** ApplicationIntent=ReadOnly: the read commands (status, summary, explain, issues, export) ask for a readable secondary. */
  applicationIntent: 'ReadWrite' | 'ReadOnly';
  packetSize?: number;
  workstationId?: string;
  /** Current Language: the session's language (SET LANGUAGE at login). */
  language?: string;
  /** HostNameInCertificate: the name the server's certificate must carry, when not Server='s. */
  hostNameInCertificate?: string;
  /** SqlClient keys accepted and ignored, with why (a debug line each). */
  ignoredKeys: { name: string; why: string }[];
  /** Extra CA certificates (PEM) trusted for this connection: PPOC_SQLSERVER_CA_FILE / --sqlserver-ca-file. */
  ca?: { file: string; pem: string };
  /** How many times connecting and the refresh transaction retry a transient failure (PPOC_SQLSERVER_RETRIES). */
  retries: number;
  /** How long the swap waits for report queries' locks (PPOC_SWAP_WAIT_SECONDS) before giving up. */
  swapWaitMs: number;
}

export { SqlServerConfigError };

export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

type Entries = Partial<Record<Canonical, string>> & { ignored?: { name: string; why: string }[] };

const BRACES_HINT = ' (a value containing ; must be wrapped in {braces})';

/**
 * Parse and validate; `env` may supply secrets so they stay off the command line, and the
 * PPOC_* settings of this target (a flag in `flags` wins over its variable).
 */
export function parseSqlServerSettings(connection: string, env: NodeJS.ProcessEnv = process.env, flags: JobSettingFlags = {}): SqlServerSettings {
  const entries = connectionEntries(connection);
  if (entries.password === undefined && env.PPOC_SQLSERVER_PASSWORD) entries.password = env.PPOC_SQLSERVER_PASSWORD;
  if (entries.clientSecret === undefined && env.PPOC_SQLSERVER_CLIENT_SECRET) {
    entries.clientSecret = env.PPOC_SQLSERVER_CLIENT_SECRET;
  }
  const settings = { ...buildSettings(entries, env), ...readJobSettings(env, flags) };
  // The swap waits whole minutes (MAX_DURATION); the driver must not give up on it first.
  if (Math.ceil(settings.swapWaitMs / 60_000) * 60_000 >= settings.requestTimeoutMs) {
    throw new SqlServerConfigError(
      `PPOC_SWAP_WAIT_SECONDS, rounded up to whole minutes, must be shorter than the Request Timeout (${settings.requestTimeoutMs / 1000} s)`,
    );
  }
  return settings;
}

export interface ServerAddress {
  server: string;
  port?: number;
  instanceName?: string;
}

/**
 * Only where to connect (Server=, Port=), so `doctor` can test the network even when the rest
 * of the string is incomplete. Throws SqlServerConfigError when the address itself is unusable.
 */
export function parseServerAddress(connection: string): ServerAddress {
  const entries = connectionEntries(connection);
  return parseServer(entries.server, entries.port);
}

function connectionEntries(connection: string): Entries {
  const text = connection.trim();
  if (text === '') throw new SqlServerConfigError('SQL Server connection string is empty');
  return /^(mssql|sqlserver):\/\//i.test(text) ? parseUrl(text) : parseKeyValues(text);
}

function parseKeyValues(text: string): Entries {
  const entries: Entries = {};
  let afterBarePassword = false;
  splitSegments(text).forEach((segment, index) => {
    const eq = segment.indexOf('=');
    if (eq <= 0) throw new SqlServerConfigError(`connection string part ${index + 1} is not of the form Key=Value${BRACES_HINT}`);
    // An unknown key after an unbraced password is not echoed: it may be the rest of a password with a `;` in it.
    const verdict = classifyKey(segment.slice(0, eq), index + 1, afterBarePassword);
    const raw = segment.slice(eq + 1).trim();
    if (verdict.kind === 'known' && verdict.key === 'password') afterBarePassword = unquote(raw) === raw;
    setEntry(entries, verdict, unquote(raw));
  });
  return entries;
}

function setEntry(entries: Entries, verdict: ReturnType<typeof classifyKey>, value: string): void {
  if (verdict.kind === 'known') entries[verdict.key] = value;
  else (entries.ignored ??= []).push({ name: verdict.name, why: verdict.why });
}

/** Split on `;` outside quotes/braces (ADO lets a value be `'…'`, `"…"` or `{…}`). */
function splitSegments(text: string): string[] {
  const segments: string[] = [];
  let current = '';
  let closer: string | null = null;
  for (const ch of text) {
    if (closer) {
      if (ch === closer) closer = null;
      current += ch;
    } else if (ch === ';') {
      segments.push(current);
      current = '';
    } else {
      if (ch === '{' || ch === '"' || ch === "'") closer = ch === '{' ? '}' : ch;
      current += ch;
    }
  }
  if (closer) throw new SqlServerConfigError('connection string has an unclosed quote or brace');
  segments.push(current);
  return segments.filter((s) => s.trim() !== '');
}

function unquote(value: string): string {
  const first = value[0];
  const last = value[value.length - 1];
  if (value.length >= 2 && ((first === '{' && last === '}') || (first === last && (first === '"' || first === "'")))) {
    return value.slice(1, -1);
  }
  return value;
}

function parseUrl(text: string): Entries {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SqlServerConfigError('SQL Server URL is not a valid mssql:// URL');
  }
  const entries: Entries = {};
  if (url.hostname) entries.server = decodeURIComponent(url.hostname);
  if (url.port) entries.port = url.port;
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database) entries.database = database;
  if (url.username) entries.user = decodeURIComponent(url.username);
  if (url.password) entries.password = decodeURIComponent(url.password);
  [...url.searchParams].forEach(([name, value], index) => setEntry(entries, classifyKey(name, index + 1, false), value));
  return entries;
}

function buildSettings(e: Entries, env: NodeJS.ProcessEnv): Omit<SqlServerSettings, 'ca' | 'retries' | 'swapWaitMs'> {
  if (e.integratedSecurity !== undefined && parseBool('Integrated Security', e.integratedSecurity)) {
    throw new SqlServerConfigError(
      'Integrated Security (Kerberos/SSPI) is not available in the Node driver: use Authentication=Windows with ' +
        'User Id=DOMAIN\\user and a password (NTLM), or SQL or Entra authentication',
    );
  }
  const { server, port, instanceName } = parseServer(e.server, e.port);
  const database = (e.database ?? '').trim();
  if (!database) throw new SqlServerConfigError('SQL Server connection string needs Database= (the PPOC database)');
  return {
    server,
    port,
    instanceName,
    database,
    authentication: parseAuthentication(e, env),
    encrypt: parseEncrypt(e.encrypt),
    trustServerCertificate: e.trustServerCertificate === undefined ? false : parseBool('TrustServerCertificate', e.trustServerCertificate),
    connectTimeoutMs: seconds('Connect Timeout', e.connectTimeout, DEFAULT_CONNECT_TIMEOUT_MS),
    requestTimeoutMs: seconds('Request Timeout', e.requestTimeout, DEFAULT_REQUEST_TIMEOUT_MS),
    appName: e.appName?.trim() || 'ppoc-prep',
    ...driverOptions(e),
    ignoredKeys: e.ignored ?? [],
  };
}

/** The keys honoured through the driver's own options (tedious). */
function driverOptions(e: Entries): Pick<SqlServerSettings, 'multiSubnetFailover' | 'applicationIntent' | 'packetSize' | 'workstationId' | 'language' | 'hostNameInCertificate'> {
  const intent = (e.applicationIntent ?? 'ReadWrite').trim().toLowerCase();
  if (intent !== 'readwrite' && intent !== 'readonly') throw new SqlServerConfigError('ApplicationIntent must be ReadWrite or ReadOnly');
  const packet = e.packetSize === undefined ? undefined : decimalNumber(e.packetSize);
  if (packet !== undefined && (!Number.isInteger(packet) || packet < 512 || packet > 32768)) {
    throw new SqlServerConfigError('Packet Size must be a whole number of bytes from 512 to 32768');
  }
  return {
    multiSubnetFailover: e.multiSubnetFailover === undefined ? false : parseBool('MultiSubnetFailover', e.multiSubnetFailover),
    applicationIntent: intent === 'readonly' ? 'ReadOnly' : 'ReadWrite',
    packetSize: packet,
    workstationId: nonEmpty(e.workstationId),
    language: nonEmpty(e.language),
    hostNameInCertificate: nonEmpty(e.hostNameInCertificate),
  };
}

function parseServer(raw: string | undefined, rawPort: string | undefined): ServerAddress {
  let server = (raw ?? '').trim().replace(/^tcp:/i, '');
  if (!server) throw new SqlServerConfigError('SQL Server connection string needs Server= (host name, optionally ,port)');
  if (/^np:/i.test(server)) throw new SqlServerConfigError('named pipes are not supported: use a TCP host name');
  let port: number | undefined = rawPort === undefined ? undefined : portNumber(rawPort);
  const comma = server.lastIndexOf(',');
  if (comma >= 0) {
    port = portNumber(server.slice(comma + 1));
    server = server.slice(0, comma).trim();
  }
  let instanceName: string | undefined;
  const slash = server.indexOf('\\');
  if (slash >= 0) {
    instanceName = server.slice(slash + 1).trim() || undefined;
    server = server.slice(0, slash).trim();
  }
  if (['.', '(local)', '(.)'].includes(server.toLowerCase())) server = 'localhost';
  // As SqlClient: a port given with an instance name is used directly; only an instance
  // without a port is looked up through SQL Browser (UDP 1434, often blocked).
  return { server, port: instanceName ? port : (port ?? 1433), instanceName };
}

/**
 * A number as SqlClient reads one: decimal digits (a point before a fraction), never hex, an
 * exponent or `Infinity`, which Number() would take (`0x10` is 16). NaN otherwise: the caller's
 * range check words the refusal.
 */
function decimalNumber(text: string): number {
  const trimmed = text.trim();
  return /^\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function portNumber(text: string): number {
  const port = decimalNumber(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new SqlServerConfigError('SQL Server port must be 1-65535');
  return port;
}

function seconds(name: string, raw: string | undefined, fallbackMs: number): number {
  if (raw === undefined || raw.trim() === '') return fallbackMs;
  const value = decimalNumber(raw);
  if (!Number.isFinite(value) || value <= 0) throw new SqlServerConfigError(`${name} must be a positive number of seconds`);
  return Math.round(value * 1000);
}

function parseBool(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['true', 'yes', '1', 'sspi', 'mandatory'].includes(value)) return true;
  if (['false', 'no', '0', 'optional'].includes(value)) return false;
  throw new SqlServerConfigError(`${name} must be true or false`);
}

function parseEncrypt(raw: string | undefined): boolean | 'strict' {
  if (raw === undefined) return true;
  if (raw.trim().toLowerCase() === 'strict') return 'strict';
  return parseBool('Encrypt', raw);
}

function parseAuthentication(e: Entries, env: NodeJS.ProcessEnv): SqlServerAuthentication {
  const mode = (e.authentication ?? (e.domain || e.user?.includes('\\') ? 'windows' : 'sql')).trim().toLowerCase().replace(/[\s_-]/g, '');
  const need = (value: string | undefined, what: string): string => {
    if (!value) throw new SqlServerConfigError(`Authentication=${e.authentication ?? mode} needs ${what}`);
    return value;
  };
  switch (mode) {
    case 'sql':
    case 'sqlpassword':
    case 'sqlserver':
      return { kind: 'sql', user: need(e.user, 'User Id'), password: need(e.password, 'Password (or PPOC_SQLSERVER_PASSWORD)') };
    case 'windows':
    case 'ntlm':
      return windowsAuthentication(e, need);
    case 'activedirectorypassword':
    case 'entrapassword':
      return {
        kind: 'entra-password', user: need(e.user, 'User Id'), password: need(e.password, 'Password (or PPOC_SQLSERVER_PASSWORD)'),
        clientId: need(e.clientId, 'Client Id (the app registration)'), tenantId: e.tenantId,
      };
    case 'activedirectorydefault':
    case 'activedirectoryintegrated':
    case 'entradefault':
      return { kind: 'entra-default', clientId: e.clientId };
    case 'activedirectorymsi':
    case 'activedirectorymanagedidentity':
    case 'entramanagedidentity':
      return { kind: 'entra-managed-identity', clientId: e.clientId };
    case 'activedirectoryserviceprincipal':
    case 'entraserviceprincipal':
      return {
        kind: 'entra-service-principal', clientId: need(e.clientId, 'Client Id'),
        clientSecret: need(e.clientSecret, 'Client Secret (or PPOC_SQLSERVER_CLIENT_SECRET)'), tenantId: need(e.tenantId, 'Tenant Id'),
      };
    case 'activedirectoryaccesstoken':
    case 'entraaccesstoken':
      return { kind: 'entra-access-token', token: need(env.PPOC_SQLSERVER_ACCESS_TOKEN, 'PPOC_SQLSERVER_ACCESS_TOKEN in the environment') };
    default:
      throw new SqlServerConfigError(
        'Authentication must be Sql, Windows, ActiveDirectoryPassword, ActiveDirectoryDefault, ' +
          'ActiveDirectoryManagedIdentity, ActiveDirectoryServicePrincipal or ActiveDirectoryAccessToken',
      );
  }
}

function windowsAuthentication(e: Entries, need: (v: string | undefined, what: string) => string): SqlServerAuthentication {
  let user = need(e.user, 'User Id (DOMAIN\\user)');
  let domain = e.domain;
  const slash = user.indexOf('\\');
  if (slash >= 0) {
    domain = domain ?? user.slice(0, slash);
    user = user.slice(slash + 1);
  }
  return { kind: 'windows', domain: need(domain, 'a domain (User Id=DOMAIN\\user or Domain=)'), user, password: need(e.password, 'Password (or PPOC_SQLSERVER_PASSWORD)') };
}

/** For logs and error messages: where and how, never a secret. */
export function describeSettings(s: SqlServerSettings): string {
  const where = describeAddress(s);
  const auth = s.authentication;
  const who = 'user' in auth ? ` as ${auth.kind === 'windows' ? `${auth.domain}\\${auth.user}` : auth.user}` : '';
  const tls = s.encrypt === false ? 'unencrypted' : `encrypted${s.trustServerCertificate ? ', server certificate not verified' : ''}`;
  return `SQL Server ${where}, database ${s.database}, ${auth.kind} authentication${who} (${tls})`;
}

/** `host:port`, `host:port (instance X)` or `host\X` (found through SQL Browser). */
export function describeAddress(a: ServerAddress): string {
  if (a.port === undefined) return `${a.server}\\${a.instanceName ?? ''}`;
  return `${a.server}:${a.port}${a.instanceName ? ` (instance ${a.instanceName})` : ''}`;
}

/** Every secret the settings hold, so error text can be scrubbed as a last line of defence. */
export function secretsOf(s: SqlServerSettings): string[] {
  const auth = s.authentication as Partial<Record<'password' | 'clientSecret' | 'token', string>>;
  return [auth.password, auth.clientSecret, auth.token].filter((v): v is string => typeof v === 'string' && v.length > 0);
}
