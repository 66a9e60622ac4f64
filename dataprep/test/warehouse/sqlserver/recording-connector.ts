/**
 * The "recording connection": a SqlConnector that records every statement, parameter and
 * bulk copy in order, and simulates just enough of the server (staging vs live rows, the app
 * lock, the swap applied only on commit, the migration ledger) to assert what stays visible.
 */
import type {
  BulkColumn, BulkTable, SqlConnector, SqlParam, SqlRow, SqlTransaction, SqlValue,
} from '../../../src/warehouse/sqlserver/connector';
import * as statements from '../../../src/warehouse/sqlserver/statements';
import * as operationsStatements from '../../../src/warehouse/sqlserver/operations-statements';
import { CURATED_TABLES } from '../../../src/model/tables';

export type RecordedEvent =
  | { op: 'query'; on: string; sql: string; params: SqlParam[] }
  | { op: 'bulk'; on: string; target: string; columns: readonly BulkColumn[]; rows: SqlValue[][] }
  | { op: 'begin' | 'commit' | 'rollback'; on: string }
  | { op: 'close'; on: 'pool' };

interface TxState {
  swapped: boolean;
  recorded: number[];
}

const NAMED = new Map<string, string>(
  [...Object.entries(statements), ...Object.entries(operationsStatements)]
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && /\s/.test(entry[1]))
    .map(([name, text]) => [text, name]),
);

export class RecordingConnector implements SqlConnector {
  readonly events: RecordedEvent[] = [];
  readonly staging = new Map<string, SqlValue[][]>();
  readonly live = new Map<string, SqlValue[][]>();
  readonly applied = new Set<number>();
  /** Another process holds the refresh lock: sp_getapplock answers -1 (timeout). */
  lockHeldElsewhere = false;
  /** Overrides sp_getapplock's answer (e.g. -999, or undefined for no row). */
  lockResult: number | null | undefined = null;
  /** Return an error to make that call fail (after it is recorded). */
  failWhen: (event: RecordedEvent) => Error | undefined = () => undefined;
  /** Rows for SELECTs the simulation does not answer itself. */
  respond: (sql: string, params: readonly SqlParam[]) => SqlRow[] = () => [];
  private txCount = 0;

  query(sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> {
    return this.run('pool', sql, params, null);
  }

  bulk(table: BulkTable): Promise<number> {
    return this.bulkOn('pool', table);
  }

  async begin(): Promise<SqlTransaction> {
    this.txCount += 1;
    const on = `tx${this.txCount}`;
    const state: TxState = { swapped: false, recorded: [] };
    this.record({ op: 'begin', on });
    return {
      query: (sql, params = []) => this.run(on, sql, params, state),
      bulk: (table) => this.bulkOn(on, table),
      commit: async () => {
        this.record({ op: 'commit', on });
        if (state.swapped) this.swap();
        state.recorded.forEach((v) => this.applied.add(v));
      },
      rollback: async () => {
        this.events.push({ op: 'rollback', on });
      },
    };
  }

  async close(): Promise<void> {
    this.events.push({ op: 'close', on: 'pool' });
  }

  /** Compact, ordered labels: `tx1 query GET_LOCK`, `pool bulk ppoc_staging.cic_cohort 2`. */
  labels(): string[] {
    return this.events.map((e) => {
      if (e.op === 'query') return `${e.on} query ${NAMED.get(e.sql) ?? e.sql.split('\n')[0]}`;
      if (e.op === 'bulk') return `${e.on} bulk ${e.target} ${e.rows.length}`;
      return `${e.on} ${e.op}`;
    });
  }

  queries(): Extract<RecordedEvent, { op: 'query' }>[] {
    return this.events.filter((e): e is Extract<RecordedEvent, { op: 'query' }> => e.op === 'query');
  }

  bulks(): Extract<RecordedEvent, { op: 'bulk' }>[] {
    return this.events.filter((e): e is Extract<RecordedEvent, { op: 'bulk' }> => e.op === 'bulk');
  }

  private record(event: RecordedEvent): void {
    this.events.push(event);
    const error = this.failWhen(event);
    if (error) throw error;
  }

  private async run(on: string, sql: string, params: readonly SqlParam[], tx: TxState | null): Promise<SqlRow[]> {
    this.record({ op: 'query', on, sql, params: [...params] });
    if (sql === statements.GET_LOCK) {
      if (this.lockResult === undefined) return [];
      return [{ result: this.lockResult ?? (this.lockHeldElsewhere ? -1 : 0) }];
    }
    if (sql === statements.CLEAR_STAGING) this.staging.clear();
    if (sql === statements.SWAP_INTO_LIVE && tx) tx.swapped = true;
    if (sql === statements.APPLIED_MIGRATIONS) return [...this.applied].sort((a, b) => a - b).map((version) => ({ version }));
    const registers = /INSERT INTO ppoc\.schema_version \(version, name, applied_at_utc\) VALUES \((\d+),/.exec(sql);
    if (registers && tx) tx.recorded.push(Number(registers[1]));
    if (sql === statements.MIGRATION_RECORDED && tx) {
      const version = Number(params[0]?.value);
      return [{ n: tx.recorded.includes(version) || this.applied.has(version) ? 1 : 0 }];
    }
    return this.respond(sql, params);
  }

  private async bulkOn(on: string, table: BulkTable): Promise<number> {
    const target = `${table.schema}.${table.table}`;
    this.record({ op: 'bulk', on, target, columns: table.columns, rows: table.rows });
    this.staging.set(table.table, [...(this.staging.get(table.table) ?? []), ...table.rows]);
    return table.rows.length;
  }

  private swap(): void {
    for (const name of CURATED_TABLES) {
      this.live.set(name, this.staging.get(name) ?? []);
      this.staging.delete(name);
    }
  }
}
