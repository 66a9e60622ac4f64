/**
 * `doctor` against the recording connection: a local TCP listener stands in for the server's
 * port (so the real TCP step runs), and the recording connection answers the doctor's
 * metadata queries like a healthy database, which each test then spoils in one way.
 */
import { createServer, type Server } from 'node:net';
import type { CheckResult } from '../../../src/warehouse/checks';
import type { SqlRow } from '../../../src/warehouse/sqlserver/connector';
import * as q from '../../../src/warehouse/sqlserver/doctor/queries';
import { sqlServerDoctor } from '../../../src/warehouse/sqlserver/doctor/index';
import { loadMigrations } from '../../../src/warehouse/sqlserver/migrations';
import { CURATED_TABLES, TABLES } from '../../../src/model/tables';
import * as statements from '../../../src/warehouse/sqlserver/statements';
import { RecordingConnector } from './recording-connector';

export const DOCTOR_SECRET = 'Doc-5e71-DistinctiveSecret';

export function healthyFacts(overrides: Partial<SqlRow> = {}): SqlRow {
  return {
    product_version: '16.0.4135.4', edition: 'Standard Edition (64-bit)', engine_edition: 2,
    login_name: 'ppoc_job', user_name: 'ppoc_job', is_db_owner: 0, ...overrides,
  };
}

/** sys.columns / sys.indexes rows for every curated table, identical in the live schema and both twins. */
export function twinRows(): { columns: SqlRow[]; indexes: SqlRow[]; checks: SqlRow[] } {
  const columns: SqlRow[] = [];
  const indexes: SqlRow[] = [];
  for (const schema_name of ['ppoc', 'ppoc_staging', 'ppoc_retired']) {
    for (const table_name of CURATED_TABLES) {
      TABLES[table_name].columns.forEach((c, i) => columns.push({
        schema_name, table_name, column_id: i + 1, column_name: c.name,
        type_name: c.type === 'text' ? 'nvarchar' : ({ date: 'date', int: 'int', yesno: 'bit', timestamp: 'datetime2', decimal: 'decimal' } as const)[c.type],
        max_length: c.type === 'text' ? (c.maxLength ?? 0) * 2 : 4, precision: c.precision ?? 0,
        scale: c.type === 'timestamp' ? 3 : (c.scale ?? 0),
        is_nullable: c.nullable, collation_name: c.type === 'text' ? 'Latin1_General_100_CI_AS' : null, is_identity: false, is_computed: false,
      }));
      const pk = TABLES[table_name].primaryKey;
      const base = { schema_name, table_name, data_space: 'PRIMARY', partition_number: 1, data_compression_desc: 'NONE', is_included_column: false, is_descending_key: false };
      if (pk.length) pk.forEach((column_name, k) => indexes.push({ ...base, index_id: 1, index_name: `PK_${table_name}`, type_desc: 'CLUSTERED', is_unique: true, is_primary_key: true, has_filter: false, column_name, key_ordinal: k + 1 }));
      TABLES[table_name].indexes.forEach((cols, n) => cols.forEach((column_name, k) => indexes.push({
        ...base, index_id: n + 2, index_name: `IX_${table_name}_${cols.join('_')}`, type_desc: !pk.length && n === 0 ? 'CLUSTERED' : 'NONCLUSTERED',
        is_unique: false, is_primary_key: false, has_filter: false, column_name, key_ordinal: k + 1,
      })));
    }
  }
  return { columns, indexes, checks: [] };
}

export interface DoctorWorld {
  facts: SqlRow;
  /** OWNER_LOGIN's row: the owner's login as sys.server_principals shows it to this login. */
  owner: SqlRow;
  roles: SqlRow[];
  missingPermissions: SqlRow[];
  twins: { columns: SqlRow[]; indexes: SqlRow[]; checks: SqlRow[] };
  lockIsFree: number;
  lastRun: SqlRow[];
}

export function healthyWorld(): DoctorWorld {
  return {
    facts: healthyFacts(),
    owner: { owner_login: 'sa', sees_all_logins: 0 },
    roles: [{ name: 'ppoc_writer', is_member: 1 }],
    missingPermissions: [],
    twins: twinRows(),
    lockIsFree: 1,
    lastRun: [{
      run_id: 'r1', started_at_utc: new Date('2026-11-30T06:30:00Z'), finished_at_utc: new Date('2026-11-30T06:31:00Z'), status: 'succeeded',
      as_at_date: '2026-11-30', source: 'x', rows_read: 10, rows_rejected: 0, rows_written: 8, message: 'ok', window_months: 3,
    }],
  };
}

/** doctor's metadata queries → the rows a database like `world` gives. */
export function doctorAnswers(world: DoctorWorld): Map<string, () => SqlRow[]> {
  return new Map<string, () => SqlRow[]>([
    [q.SERVER_FACTS, () => [world.facts]],
    [q.OWNER_LOGIN, () => [world.owner]],
    [q.ROLES, () => world.roles],
    [q.MISSING_PERMISSIONS, () => world.missingPermissions],
    [q.TWIN_COLUMNS, () => world.twins.columns],
    [q.TWIN_INDEXES, () => world.twins.indexes],
    [q.TWIN_CHECKS, () => world.twins.checks],
    [q.LOCK_IS_FREE, () => [{ lock_is_free: world.lockIsFree }]],
    [statements.SELECT_RECENT_RUNS, () => world.lastRun],
  ]);
}

export function recordingFor(world: DoctorWorld): RecordingConnector {
  const rec = new RecordingConnector();
  loadMigrations().forEach((m) => rec.applied.add(m.version));
  const answers = doctorAnswers(world);
  rec.respond = (sql) => answers.get(sql)?.() ?? [];
  return rec;
}

/** A port on 127.0.0.1 that accepts TCP connections (and does nothing else). */
export async function listeningPort(): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

/** Runs doctor over the recording connection for `world`; returns its lines and the connection. */
export async function runDoctor(world: DoctorWorld, tweak: (rec: RecordingConnector) => void = () => undefined): Promise<{ results: CheckResult[]; rec: RecordingConnector }> {
  const { port, server } = await listeningPort();
  const rec = recordingFor(world);
  tweak(rec);
  const results: CheckResult[] = [];
  try {
    await sqlServerDoctor(`Server=127.0.0.1,${port};Database=PPOC;User Id=ppoc_job;Password=${DOCTOR_SECRET}`, {
      env: {}, report: (r) => results.push(r), connect: () => rec, now: new Date('2026-11-30T12:00:00Z'),
    });
  } finally {
    server.close();
  }
  return { results, rec };
}
