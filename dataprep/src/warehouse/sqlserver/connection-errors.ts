/**
 * Driver errors → one line fit for the console, `refresh_log` and a log line: what failed,
 * at which step, and the fix. Built from the settings and error codes, never from the
 * connection string; server text is scrubbed of secrets and of the values it quotes (a
 * duplicate key or a truncated value may be a child's ID or name).
 */
import { CA_FILE_FLAG, JOB_ENV } from './job-settings';
import { describeAddress, describeSettings, secretsOf, type SqlServerSettings } from './settings';

/** Where connecting stopped, in the order `doctor` checks them. */
export type ConnectionStep = 'instance lookup' | 'tcp' | 'tls' | 'login' | 'database' | 'connect';

/** Could not connect or log in; the message is one line fit for the console. */
export class SqlServerConnectionError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly step: ConnectionStep = 'connect',
    /** Server error numbers seen while logging in (e.g. 18456, 4060, 40613). */
    readonly serverErrors: readonly number[] = [],
    /** The socket's own error (ECONNRESET: the connection was reset, SqlClient's 10054). */
    readonly socketCode?: string,
  ) {
    super(message);
    this.name = 'SqlServerConnectionError';
  }
}

/** A statement failed on the server; the message is scrubbed of secrets and quoted values. */
export class SqlServerRequestError extends Error {
  constructor(
    message: string,
    readonly number: number | undefined,
  ) {
    super(message);
    this.name = 'SqlServerRequestError';
  }
}

/**
 * Server errors that mean "not your fault, try again": an Availability Group failing over (976
 * and 983: the database is not accessible on this replica now; 4060: it cannot be opened yet;
 * 10054: the connection was reset), Azure SQL failing over or throttling (40613, 40197, 40501,
 * 49918-49920: Microsoft's "Troubleshoot transient connection errors" page), and 1205, this
 * session chosen as a deadlock victim. There is no canonical list; docs/sqlserver.md, "Failover".
 */
export const TRANSIENT_SERVER_ERRORS: readonly number[] = [976, 983, 4060, 10054, 40613, 40197, 40501, 49918, 49919, 49920, 1205];

type Cause = {
  code?: string; message?: string; originalError?: unknown; cause?: unknown; errors?: unknown[];
  /** Node's TLS errors carry the server's certificate. */
  cert?: { subjectaltname?: string };
};

/** The error, the driver error it wraps, and their causes (tedious nests socket errors in an AggregateError). */
function causeChain(error: unknown, depth = 0): Cause[] {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const e = error as Cause;
  const nested = [e.originalError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return [e, ...nested.flatMap((n) => causeChain(n, depth + 1))];
}

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing listens on that port',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the server',
  ETIMEDOUT: 'no answer (a firewall may drop the packets)',
};

export function socketReason(code: string): string {
  return SOCKET_REASONS[code] ?? code;
}

/** OpenSSL's verdict on a chain signed with SHA-1 (or MD5): Node refuses the digest, whatever the CA file says. */
const WEAK_DIGEST = /md too weak|digest algorithm too weak/i;

const UNTRUSTED = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE)$/;

/** The FQDN rule, said the same way wherever a certificate problem is reported. */
export const FQDN_RULE =
  'the name in Server= must be one the certificate was issued for (its FQDN, e.g. sql01.council.local, not a short name or an IP address the certificate does not list)';

/**
 * One line for an untrusted or mismatched server certificate, with the fix. `names` are the
 * certificate's subject alternative names (host names, not personal data).
 */
export function certificateMessage(codes: readonly string[], detail: string, s: SqlServerSettings, names?: string): string | null {
  const where = describeAddress(s);
  if (WEAK_DIGEST.test(detail) || codes.includes('CA_MD_TOO_WEAK')) {
    return `the TLS certificate of ${where}, or a CA certificate in its chain, is signed with SHA-1 (or MD5), a digest too weak ` +
      'for Node, which refuses it whatever is trusted: ask the DBA to reissue the server\'s certificate from a CA that signs with ' +
      'SHA-256 (the council CA\'s own certificate may stay as it is if it is only the trust anchor)';
  }
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return `the TLS certificate of ${where} is not issued for "${s.server}"${names ? ` (it names ${names})` : ''}: ${FQDN_RULE}`;
  }
  if (codes.includes('CERT_HAS_EXPIRED')) return `the TLS certificate of ${where} has expired: ask the DBA to renew it`;
  if (!codes.some((c) => UNTRUSTED.test(c)) && !/certificate|self[- ]signed/i.test(detail)) return null;
  const trusted = s.ca
    ? `it is not signed by a certificate in ${s.ca.file} (${CA_FILE_FLAG} / ${JOB_ENV.caFile}): give the CA that signed it`
    : `give the CA certificate that signed it (PEM) in ${JOB_ENV.caFile} or ${CA_FILE_FLAG}, or add it to NODE_EXTRA_CA_CERTS`;
  return `the TLS certificate of ${where} is not trusted: ${trusted}; ${FQDN_RULE}. ` +
    'TrustServerCertificate=true skips the check and is only for a server your DBA has decided not to verify';
}

/** One line for the console: what failed and where, never a password or a driver stack. */
export function classifyConnectionError(error: unknown, s: SqlServerSettings, serverErrors: readonly number[] = []): SqlServerConnectionError {
  const causes = causeChain(error);
  const codes = causes.map((c) => c.code).filter((c): c is string => typeof c === 'string');
  const code = codes[0] ?? 'EUNKNOWN';
  const detail = causes.map((c) => `${c.code ?? ''} ${c.message ?? ''}`).join(' ');
  const target = describeSettings(s);
  const names = causes.map((c) => c.cert?.subjectaltname).find((n) => typeof n === 'string' && n !== '');
  const certificate = certificateMessage(codes, causes.map((c) => c.message ?? '').join(' '), s, names);
  const socketCode = /\b(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EAI_AGAIN|ETIMEDOUT)\b/.exec(detail)?.[1];
  const fail = (step: ConnectionStep, message: string) =>
    new SqlServerConnectionError(`SQL Server: ${scrub(message, secretsOf(s))}`, code, step, serverErrors, socketCode);
  if (certificate) return fail('tls', `cannot connect to ${target}: ${certificate}`);
  if (code === 'EENCRYPT') return fail('tls', `cannot connect to ${target}: the server requires encryption: remove Encrypt=false`);
  if (codes.includes('ENOTENCRYPTED')) {
    return fail('tls', `cannot connect to ${target}: the server did not agree to encrypt the connection, so the login was not sent: ` +
      'ask the DBA to give SQL Server a TLS certificate (Encrypt=false only if the DBA accepts an unencrypted connection and password)');
  }
  if (code === 'ELOGIN' && serverErrors.includes(4060)) {
    return fail('database', `cannot open database ${s.database} on ${describeAddress(s)}: check the name and that the login has a user in it`);
  }
  const transient = serverErrors.find((n) => TRANSIENT_SERVER_ERRORS.includes(n));
  if (transient) return fail('login', `${target} is not available now (server error ${transient}, transient): try again shortly`);
  if (code === 'ELOGIN') return fail('login', `login failed for ${target}: check the user, the password and that the login has a user in the database`);
  if (code === 'ETIMEOUT') {
    const port = s.port === undefined ? 'UDP 1434 (SQL Browser) and the instance port are' : `TCP ${s.port} is`;
    return fail('connect', `no answer from ${target} within ${s.connectTimeoutMs / 1000} s: check the server name, that ${port} reachable and the firewall`);
  }
  if (code === 'EINSTLOOKUP') {
    return fail('instance lookup', `cannot find instance ${s.instanceName ?? ''} on ${s.server}: give the port instead (Server=host\\instance,port) or open UDP 1434 (SQL Browser)`);
  }
  if (code === 'ESOCKET') {
    return fail('tcp', `cannot connect to ${target}${socketCode ? ` (${socketReason(socketCode)})` : ''}: check the server name and port`);
  }
  return fail('connect', `cannot connect to ${target} (${code})`);
}

/**
 * Removes secrets and the values SQL Server quotes in its messages (duplicate keys, truncated
 * or unconvertible values), which may be personal data; names of objects and columns stay.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let clean = text.replace(/\r?\n/g, ' ');
  for (const secret of secrets) clean = clean.split(secret).join('***');
  return clean
    .replace(/(duplicate key value is )\(.*\)/gi, '$1(…)')
    .replace(/(Truncated value: )'.*'/gi, "$1'…'")
    .replace(/(\bvalue )'.*'( to data type)/gi, "$1'…'$2")
    .replace(/(\bvalues?:? ?)'[^']*'/gi, "$1'…'");
}

/** A failed statement (or a connection lost under it) as one scrubbed line. */
export function requestError(error: unknown, s: SqlServerSettings): Error {
  const e = error as { name?: string; code?: string; number?: number; message?: string };
  if (e.name === 'ConnectionError') return classifyConnectionError(error, s);
  const prefix = e.number ? `SQL Server error ${e.number}` : `SQL Server request failed (${e.code ?? 'unknown'})`;
  return new SqlServerRequestError(`${prefix}: ${scrub(e.message ?? '', secretsOf(s))}`, e.number);
}
