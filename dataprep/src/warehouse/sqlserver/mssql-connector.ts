/**
 * The production SqlConnector: one mssql ConnectionPool per process, connected on first use
 * and closed by `close()`. Every driver error leaves here as a one-line error built from the
 * settings and the error code, never from the connection string, so no secret can leak.
 */
import sql from 'mssql';
import type { BulkTable, SqlConnector, SqlExecutor, SqlParam, SqlRow, SqlTransaction, SqlType } from './connector';
import { describeSettings, secretsOf, type SqlServerAuthentication, type SqlServerSettings } from './settings';

/** Could not connect or log in; the message is one line fit for the console. */
export class SqlServerConnectionError extends Error {
  constructor(
    message: string,
    readonly code: string,
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

export function toMssqlConfig(s: SqlServerSettings): sql.config {
  return {
    server: s.server,
    port: s.instanceName ? undefined : s.port,
    database: s.database,
    connectionTimeout: s.connectTimeoutMs,
    requestTimeout: s.requestTimeoutMs,
    pool: { min: 0, max: 4, idleTimeoutMillis: 30_000 },
    options: {
      encrypt: s.encrypt as boolean, // tedious also accepts 'strict' (TDS 8)
      trustServerCertificate: s.trustServerCertificate,
      useUTC: true,
      appName: s.appName,
      instanceName: s.instanceName,
      enableArithAbort: true,
    },
    authentication: tediousAuthentication(s.authentication),
  } as sql.config;
}

function tediousAuthentication(a: SqlServerAuthentication): { type: string; options: Record<string, string | undefined> } {
  switch (a.kind) {
    case 'sql':
      return { type: 'default', options: { userName: a.user, password: a.password } };
    case 'windows':
      return { type: 'ntlm', options: { domain: a.domain, userName: a.user, password: a.password } };
    case 'entra-password':
      return { type: 'azure-active-directory-password', options: { userName: a.user, password: a.password, clientId: a.clientId, tenantId: a.tenantId } };
    case 'entra-default':
      return { type: 'azure-active-directory-default', options: { clientId: a.clientId } };
    case 'entra-managed-identity':
      return { type: 'azure-active-directory-msi-vm', options: { clientId: a.clientId } };
    case 'entra-service-principal':
      return { type: 'azure-active-directory-service-principal-secret', options: { clientId: a.clientId, clientSecret: a.clientSecret, tenantId: a.tenantId } };
    case 'entra-access-token':
      return { type: 'azure-active-directory-access-token', options: { token: a.token } };
  }
}

function mssqlType(type: SqlType): sql.ISqlType {
  switch (type.kind) {
    case 'nvarchar':
      return sql.NVarChar(type.length === 'max' ? sql.MAX : type.length);
    case 'int':
      return sql.Int();
    case 'bit':
      return sql.Bit();
    case 'date':
      return sql.Date();
    case 'datetime2':
      return sql.DateTime2(type.scale);
    case 'decimal':
      return sql.Decimal(type.precision, type.scale);
  }
}

/** One line for the console: what failed and where, never a password or a driver stack. */
export function classifyConnectionError(error: unknown, s: SqlServerSettings): SqlServerConnectionError {
  const causes = causeChain(error);
  const code = causes.map((c) => c.code).find((c) => typeof c === 'string') ?? 'EUNKNOWN';
  const detail = causes.map((c) => `${c.code ?? ''} ${c.message ?? ''}`).join(' ');
  const target = describeSettings(s);
  const socketCode = /\b(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EAI_AGAIN)\b/.exec(detail)?.[1];
  let message: string;
  if (/certificate|self[- ]signed/i.test(detail)) {
    message = `cannot connect to ${target}: the server's TLS certificate is not trusted (install its CA on this machine, or set TrustServerCertificate=true if your DBA agrees)`;
  } else if (code === 'ELOGIN') {
    message = `login failed for ${target}: check the user, the password and that the login has a user in the database`;
  } else if (code === 'ETIMEOUT') {
    message = `no answer from ${target} within ${s.connectTimeoutMs / 1000} s: check the server name, that TCP ${s.port ?? 1433} is reachable and the firewall`;
  } else if (code === 'EINSTLOOKUP') {
    message = `cannot find instance ${s.instanceName ?? ''} on ${s.server}: give the port instead (Server=host,port) or open UDP 1434 (SQL Browser)`;
  } else if (code === 'ESOCKET') {
    message = `cannot connect to ${target}${socketCode ? ` (${socketReason(socketCode)})` : ''}: check the server name and port`;
  } else {
    message = `cannot connect to ${target} (${code})`;
  }
  return new SqlServerConnectionError(`SQL Server: ${scrub(message, secretsOf(s))}`, code);
}

type Cause = { code?: string; message?: string; originalError?: unknown; cause?: unknown; errors?: unknown[] };

/** The error, the driver error it wraps, and their causes (tedious nests socket errors in an AggregateError). */
function causeChain(error: unknown, depth = 0): Cause[] {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const e = error as Cause;
  const nested = [e.originalError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return [e, ...nested.flatMap((n) => causeChain(n, depth + 1))];
}

function socketReason(code: string): string {
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused: nothing listens on that port',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ECONNRESET: 'connection reset by the server',
  };
  return reasons[code] ?? code;
}

/** Removes secrets and quoted literal values (which may be personal data) from server text. */
export function scrub(text: string, secrets: readonly string[]): string {
  let clean = text.replace(/\r?\n/g, ' ');
  for (const secret of secrets) clean = clean.split(secret).join('***');
  return clean.replace(/(value[s]?[^']{0,20})'[^']*'/gi, "$1'…'");
}

function requestError(error: unknown, s: SqlServerSettings): Error {
  const e = error as { name?: string; code?: string; number?: number; message?: string };
  if (e.name === 'ConnectionError') return classifyConnectionError(error, s);
  const prefix = e.number ? `SQL Server error ${e.number}` : `SQL Server request failed (${e.code ?? 'unknown'})`;
  return new SqlServerRequestError(`${prefix}: ${scrub(e.message ?? '', secretsOf(s))}`, e.number);
}

function executor(newRequest: () => Promise<sql.Request>, s: SqlServerSettings): SqlExecutor {
  return {
    async query(text: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> {
      try {
        const request = await newRequest();
        for (const p of params) request.input(p.name, mssqlType(p.type), p.value);
        const result = await request.query(text);
        return (result.recordset ?? []) as SqlRow[];
      } catch (error) {
        throw error instanceof SqlServerConnectionError ? error : requestError(error, s);
      }
    },
    async bulk(table: BulkTable): Promise<number> {
      try {
        const target = new sql.Table(`[${table.schema}].[${table.table}]`);
        target.create = false;
        for (const c of table.columns) target.columns.add(c.name, mssqlType(c.type), { nullable: c.nullable });
        for (const row of table.rows) target.rows.add(...row);
        // CHECK_CONSTRAINTS keeps constraints trusted (SWITCH needs that) and avoids needing ALTER.
        const result = await (await newRequest()).bulk(target, { checkConstraints: true, keepNulls: true });
        return result.rowsAffected;
      } catch (error) {
        throw error instanceof SqlServerConnectionError ? error : requestError(error, s);
      }
    },
  };
}

export function createMssqlConnector(settings: SqlServerSettings): SqlConnector {
  const pool = new sql.ConnectionPool(toMssqlConfig(settings));
  pool.on('error', () => undefined); // surfaced through the failing request instead
  let connecting: Promise<sql.ConnectionPool> | undefined;
  const connected = (): Promise<sql.ConnectionPool> => {
    connecting ??= pool.connect().catch((error: unknown) => {
      connecting = undefined;
      throw classifyConnectionError(error, settings);
    });
    return connecting;
  };
  return {
    ...executor(async () => new sql.Request(await connected()), settings),
    async each(text, params, onRow): Promise<number> {
      let count = 0;
      try {
        const request = new sql.Request(await connected());
        for (const p of params) request.input(p.name, mssqlType(p.type), p.value);
        const rows = request.toReadableStream({ highWaterMark: 500 }); // back pressure: paused while full
        request.query(text).catch(() => undefined); // stream mode: rows and errors arrive through `rows`
        for await (const row of rows) {
          onRow(row as SqlRow);
          count += 1;
        }
      } catch (error) {
        throw error instanceof SqlServerConnectionError ? error : requestError(error, settings);
      }
      return count;
    },
    async begin(): Promise<SqlTransaction> {
      const transaction = new sql.Transaction(await connected());
      try {
        await transaction.begin();
      } catch (error) {
        throw requestError(error, settings);
      }
      return {
        ...executor(async () => new sql.Request(transaction), settings),
        commit: async () => {
          try {
            await transaction.commit();
          } catch (error) {
            throw requestError(error, settings);
          }
        },
        // After XACT_ABORT the server has already rolled back; the driver then reports EABORT.
        rollback: () => transaction.rollback().catch(() => undefined),
      };
    },
    async close(): Promise<void> {
      connecting = undefined;
      await pool.close().catch(() => undefined);
    },
  };
}
