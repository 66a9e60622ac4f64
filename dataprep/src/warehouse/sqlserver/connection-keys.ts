/**
 * The keys of an ADO.NET (SqlClient) connection string that ppoc-prep accepts, as DBAs write
 * them: any case, any spacing ("MultiSubnetFailover" or "Multi Subnet Failover"), SqlClient's
 * synonyms ("Data Source", "Initial Catalog", "UID", "WSID" …). Some are honoured (mapped to
 * the driver, tedious), some are accepted and ignored with a debug line because they change
 * nothing the job relies on; docs/sqlserver.md lists them all. An unknown key is an error that
 * names it, with a "did you mean" for a near miss, unless the part comes after a Password part,
 * where it may be the rest of a password containing `;`.
 */
import { SqlServerConfigError } from './config-error';

export type Canonical =
  | 'server' | 'port' | 'database' | 'user' | 'password' | 'domain' | 'authentication' | 'encrypt'
  | 'trustServerCertificate' | 'connectTimeout' | 'requestTimeout' | 'appName' | 'clientId'
  | 'clientSecret' | 'tenantId' | 'integratedSecurity' | 'multiSubnetFailover' | 'applicationIntent'
  | 'packetSize' | 'workstationId' | 'language' | 'hostNameInCertificate';

/** Each key as SqlClient documents it, then its synonyms; all compared without case or spaces. */
const KEYS: readonly (readonly [Canonical, string, ...string[]])[] = [
  ['server', 'Server', 'Data Source', 'Address', 'Addr', 'Network Address', 'Host'],
  ['port', 'Port'],
  ['database', 'Database', 'Initial Catalog'],
  ['user', 'User ID', 'UID', 'User', 'Username'],
  ['password', 'Password', 'PWD'],
  ['domain', 'Domain'],
  ['authentication', 'Authentication'],
  ['encrypt', 'Encrypt'],
  ['trustServerCertificate', 'TrustServerCertificate'],
  ['connectTimeout', 'Connect Timeout', 'Connection Timeout', 'Timeout'],
  ['requestTimeout', 'Request Timeout', 'Command Timeout'],
  ['appName', 'Application Name', 'App'],
  ['clientId', 'Client Id'],
  ['clientSecret', 'Client Secret'],
  ['tenantId', 'Tenant Id'],
  ['integratedSecurity', 'Integrated Security', 'Trusted_Connection'],
  ['multiSubnetFailover', 'MultiSubnetFailover'],
  ['applicationIntent', 'ApplicationIntent'],
  ['packetSize', 'Packet Size'],
  ['workstationId', 'Workstation ID', 'WSID'],
  ['language', 'Current Language', 'Language'],
  ['hostNameInCertificate', 'HostNameInCertificate'],
];

/** Accepted and ignored, each with why (the debug line). */
const IGNORED: readonly (readonly [string, string])[] = [
  ['Persist Security Info', 'the job never hands its connection string on'],
  ['MultipleActiveResultSets', 'the job runs one request at a time on each connection'],
  ['Pooling', 'the job keeps its own pool of at most 4 connections'],
  ['Max Pool Size', 'the job keeps its own pool of at most 4 connections (it needs 2)'],
  ['Min Pool Size', 'the job opens connections when it needs them'],
  ['Connect Retry Count', 'retries follow PPOC_SQLSERVER_RETRIES'],
  ['Connect Retry Interval', 'retries follow PPOC_SQLSERVER_RETRIES, with backoff'],
  ['Enlist', 'the job uses no distributed transactions'],
  ['Load Balance Timeout', 'the job keeps its own pool'],
  ['Connection Lifetime', 'the job keeps its own pool'],
];

const squash = (key: string): string => key.toLowerCase().replace(/\s+/g, '');

const CANONICAL = new Map<string, Canonical>(KEYS.flatMap(([canonical, ...names]) => names.map((n) => [squash(n), canonical] as const)));
const IGNORED_KEYS = new Map<string, { name: string; why: string }>(IGNORED.map(([name, why]) => [squash(name), { name, why }]));
const DISPLAY = [...KEYS.flatMap(([, ...names]) => names), ...IGNORED.map(([name]) => name)];

export type KeyVerdict = { kind: 'known'; key: Canonical } | { kind: 'ignored'; name: string; why: string };

/** Every key name accepted, as docs/sqlserver.md lists them (honoured, then ignored). */
export function acceptedKeys(): { honoured: string[]; ignored: { name: string; why: string }[] } {
  return { honoured: KEYS.flatMap(([, ...names]) => names), ignored: IGNORED.map(([name, why]) => ({ name, why })) };
}

/**
 * What a key in part `index` (from 1) of the string means. `afterPassword`: a Password part
 * came before, so an unknown "key" may be part of a password and is not echoed.
 */
export function classifyKey(rawKey: string, index: number, afterPassword: boolean): KeyVerdict {
  const squashed = squash(rawKey);
  const known = CANONICAL.get(squashed);
  if (known) return { kind: 'known', key: known };
  const ignored = IGNORED_KEYS.get(squashed);
  if (ignored) return { kind: 'ignored', ...ignored };
  if (afterPassword) {
    throw new SqlServerConfigError(
      `connection string part ${index}, after the password, has an unknown key: if it is part of the password, wrap the password in {braces}`,
    );
  }
  const near = nearestKey(squashed);
  throw new SqlServerConfigError(
    `connection string part ${index} has an unknown key "${rawKey.trim().slice(0, 40)}"${near ? ` (did you mean "${near}"?)` : ''}; docs/sqlserver.md lists the keys`,
  );
}

/** The accepted key within a small edit distance, for "did you mean". */
function nearestKey(squashed: string): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const name of DISPLAY) {
    const distance = editDistance(squashed, squash(name));
    if (distance <= Math.max(1, Math.floor(squash(name).length / 4)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
