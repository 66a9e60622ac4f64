/**
 * The production SqlConnector: one mssql ConnectionPool per process, connected on first use
 * (retrying transient failures, retry.ts) and closed by `close()`. Every driver error leaves
 * here as a one-line error built from the settings and the error code (connection-errors.ts),
 * never from the connection string, so no secret can leak.
 */
import { rootCertificates } from 'node:tls';
import sql from 'mssql';
import { classifyConnectionError, requestError, SqlServerConnectionError } from './connection-errors';
import { BULK_OPTIONS, type BulkTable, type SqlConnector, type SqlExecutor, type SqlParam, type SqlRow, type SqlTransaction, type SqlType } from './connector';
import { withRetry, type RetryClock, type RetryNotice } from './retry';
import type { SqlServerAuthentication, SqlServerSettings } from './settings';

export { classifyConnectionError, scrub, SqlServerConnectionError, SqlServerRequestError } from './connection-errors';

export interface MssqlConnectorOptions {
  /** Told about each retry of a transient connect failure (the CLI logs it). */
  onRetry?: (notice: RetryNotice) => void;
  clock?: RetryClock;
  /** A read command: with ApplicationIntent=ReadOnly it may be routed to a readable secondary. */
  readOnly?: boolean;
}

/**
 * The driver's configuration. A port wins over an instance name (mssql drops the port when
 * both are given, so the instance name is left out). The CA file is added to Node's public
 * roots for this connection. XACT_ABORT is on for every connection, so any error inside a
 * transaction the job opens rolls the whole transaction back on the server. ApplicationIntent=
 * ReadOnly applies to read commands only (`readOnly`): a refresh always writes to the primary.
 */
export function toMssqlConfig(s: SqlServerSettings, readOnly = false): sql.config {
  return {
    server: s.server,
    port: s.port,
    database: s.database,
    connectionTimeout: s.connectTimeoutMs,
    requestTimeout: s.requestTimeoutMs,
    pool: { min: 0, max: 4, idleTimeoutMillis: 30_000 },
    options: {
      encrypt: s.encrypt as boolean, // tedious also accepts 'strict' (TDS 8)
      trustServerCertificate: s.trustServerCertificate,
      useUTC: true,
      appName: s.appName,
      instanceName: s.port === undefined ? s.instanceName : undefined,
      enableArithAbort: true,
      abortTransactionOnError: true,
      maxRetriesOnTransientErrors: 0, // retry.ts decides, with backoff, PPOC_SQLSERVER_RETRIES times
      multiSubnetFailover: s.multiSubnetFailover,
      readOnlyIntent: readOnly && s.applicationIntent === 'ReadOnly',
      ...(s.packetSize === undefined ? {} : { packetSize: s.packetSize }),
      ...(s.workstationId === undefined ? {} : { workstationId: s.workstationId }),
      ...(s.language === undefined ? {} : { language: s.language }),
      ...(s.hostNameInCertificate === undefined ? {} : { serverName: s.hostNameInCertificate }),
      ...(s.ca ? { cryptoCredentialsDetails: { ca: [...rootCertificates, s.ca.pem] } } : {}),
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
        // BULK_OPTIONS: CHECK_CONSTRAINTS (trusted constraints, no ALTER needed), KEEP_NULLS, TABLOCK.
        const result = await (await newRequest()).bulk(target, { ...BULK_OPTIONS } as sql.IBulkOptions);
        return result.rowsAffected;
      } catch (error) {
        throw error instanceof SqlServerConnectionError ? error : requestError(error, s);
      }
    },
  };
}

/** The server error numbers (login errors, e.g. 18456, 4060, 40613) each new connection reports. */
type ErrorNumbers = { current: number[] };

/** The parts of a tedious Connection the hooks below use (tedious 19, pinned in package.json). */
interface TediousConnection {
  on(event: 'errorMessage', listener: (token: { number: number }) => void): void;
  sendLogin7Packet?: () => void;
  messageIo?: { tlsNegotiationComplete?: boolean };
}

/**
 * With Encrypt=true, tedious sends the login unencrypted when the server's pre-login answer
 * says it does not support encryption, which an attacker on the network can forge. SqlClient
 * refuses that; so does this: the login (with the password) is never sent without TLS.
 */
function refuseLoginWithoutTls(connection: TediousConnection): void {
  const send = connection.sendLogin7Packet;
  if (typeof send !== 'function') throw new Error('tedious changed: cannot guard the login against an encryption downgrade');
  connection.sendLogin7Packet = function (this: TediousConnection) {
    if (!this.messageIo?.tlsNegotiationComplete) throw Object.assign(new Error('the server did not agree to encrypt'), { code: 'ENOTENCRYPTED' });
    send.call(this);
  };
}

function withConnectionHooks(config: sql.config, seen: ErrorNumbers, s: SqlServerSettings): sql.config {
  const beforeConnect = (connection: TediousConnection) => {
    connection.on('errorMessage', (token) => seen.current.push(token.number));
    if (s.encrypt === true) refuseLoginWithoutTls(connection); // 'strict' does TLS first; false asked for none
  };
  return { ...config, beforeConnect } as unknown as sql.config;
}

/** A begun transaction as the job uses it: its own requests, commit, and a rollback that never throws. */
function transactionOn(transaction: sql.Transaction, settings: SqlServerSettings): SqlTransaction {
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
}

export function createMssqlConnector(settings: SqlServerSettings, options: MssqlConnectorOptions = {}): SqlConnector {
  const seen: ErrorNumbers = { current: [] };
  const pool = new sql.ConnectionPool(withConnectionHooks(toMssqlConfig(settings, options.readOnly), seen, settings));
  pool.on('error', () => undefined); // surfaced through the failing request instead
  let connecting: Promise<sql.ConnectionPool> | undefined;
  const attempt = async (): Promise<sql.ConnectionPool> => {
    seen.current = [];
    try {
      return await pool.connect();
    } catch (error) {
      throw classifyConnectionError(error, settings, seen.current);
    }
  };
  const connected = (): Promise<sql.ConnectionPool> => {
    connecting ??= withRetry(attempt, { retries: settings.retries, what: 'connect', onRetry: options.onRetry, clock: options.clock }).catch(
      (error: unknown) => {
        connecting = undefined;
        throw error;
      },
    );
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
      return transactionOn(transaction, settings);
    },
    async close(): Promise<void> {
      connecting = undefined;
      await pool.close().catch(() => undefined);
    },
  };
}
