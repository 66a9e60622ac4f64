/**
 * The "recording connection": a SqlConnector that records every statement, parameter and
 * bulk copy in order, and simulates just enough of the server (staging, live and retired rows,
 * the app lock and which transaction owns it, staging work and the swap applied only on commit,
 * the kept history, the migration ledger) to assert what stays visible. Like the procedures of
 * sql/009, clearing staging or the retired twins and swapping fail unless the calling
 * transaction holds the lock.
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
  /** clear_staging or clear_retired ran: the retired twins are empty on commit. */
  retiredCleared: boolean;
  recorded: number[];
  /** DELETE_REPLACED_HISTORY's parameters, applied to the live history on commit. */
  historyDelete: { asAt: Date; keepFrom: Date | null } | null;
  historyCopied: boolean;
  /** Staging as this transaction sees it (null: untouched, the committed staging applies). */
  staging: Map<string, SqlValue[][]> | null;
}

/** What the server answers when a procedure of sql/007 runs without the lock. */
export class LockNotHeldError extends Error {
  readonly number = 50002;
}

const LOCKED = new Set([statements.CLEAR_STAGING, statements.SWAP_INTO_LIVE, statements.CLEAR_RETIRED]);

const NAMED = new Map<string, string>(
  [...Object.entries(statements), ...Object.entries(operationsStatements)]
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && /\s/.test(entry[1]))
    .map(([name, text]) => [text, name]),
);

/** A statement's name in statements.ts, or its first line. */
function label(sql: string): string {
  return NAMED.get(sql) ?? sql.split('\n')[0];
}

export class RecordingConnector implements SqlConnector {
  readonly events: RecordedEvent[] = [];
  readonly staging = new Map<string, SqlValue[][]>();
  /** Live tables; `plan_status_history` is kept across swaps as on the server. */
  readonly live = new Map<string, SqlValue[][]>();
  /** ppoc_retired: yesterday's rows after a swap, until clear_retired (or the next clear_staging) commits. */
  readonly retired = new Map<string, SqlValue[][]>();
  readonly applied = new Set<number>();
  /** Another process holds the refresh lock: sp_getapplock answers -1 (timeout). */
  lockHeldElsewhere = false;
  /** Overrides sp_getapplock's answer (e.g. -999, or undefined for no row). */
  lockResult: number | null | undefined = null;
  /** Return an error to make that call fail (after it is recorded). */
  failWhen: (event: RecordedEvent) => Error | undefined = () => undefined;
  /** Rows for SELECTs the simulation does not answer itself. */
  respond: (sql: string, params: readonly SqlParam[]) => SqlRow[] = () => [];
  /** The answer to CAN_MIGRATE: is the login db_owner? */
  canMigrate = true;
  /** The transaction holding the refresh lock, if one of ours does. */
  lockOwner: string | null = null;
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
    const state: TxState = { swapped: false, retiredCleared: false, recorded: [], staging: null, historyDelete: null, historyCopied: false };
    this.record({ op: 'begin', on });
    const end = () => {
      if (this.lockOwner === on) this.lockOwner = null;
    };
    return {
      query: (sql, params = []) => this.run(on, sql, params, state),
      bulk: (table) => this.bulkOn(on, table, state),
      commit: async () => {
        this.record({ op: 'commit', on });
        end();
        if (state.staging) this.staging.clear();
        state.staging?.forEach((rows, table) => this.staging.set(table, rows));
        if (state.retiredCleared) this.retired.clear();
        if (state.swapped) this.swap();
        this.applyHistory(state);
        state.recorded.forEach((v) => this.applied.add(v));
      },
      rollback: async () => {
        this.events.push({ op: 'rollback', on });
        end();
      },
    };
  }

  async each(sql: string, params: readonly SqlParam[], onRow: (row: SqlRow) => void): Promise<number> {
    const rows = await this.run('pool', sql, params, null);
    rows.forEach(onRow);
    return rows.length;
  }

  async close(): Promise<void> {
    this.events.push({ op: 'close', on: 'pool' });
  }

  /** Compact, ordered labels: `tx1 query GET_LOCK`, `tx1 bulk ppoc_staging.cic_cohort 2`. */
  labels(): string[] {
    return this.events.map((e) => {
      if (e.op === 'query') return `${e.on} query ${label(e.sql)}`;
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
    if (sql === statements.GET_LOCK) return this.getLock(on);
    if (LOCKED.has(sql)) {
      if (!tx || this.lockOwner !== on) throw new LockNotHeldError(`${on} does not hold the ppoc-refresh lock`);
      if (sql === statements.CLEAR_STAGING) tx.staging = new Map();
      if (sql !== statements.SWAP_INTO_LIVE) tx.retiredCleared = true;
      else tx.swapped = true;
    }
    if (sql === statements.DELETE_REPLACED_HISTORY && tx) {
      tx.historyDelete = { asAt: params[0].value as Date, keepFrom: params[1].value as Date | null };
    }
    if (sql === statements.COPY_STAGED_HISTORY && tx) tx.historyCopied = true;
    if (sql === statements.CAN_MIGRATE) return [{ can_migrate: this.canMigrate ? 1 : 0 }];
    if (sql === statements.APPLIED_MIGRATIONS) return [...this.applied].sort((a, b) => a - b).map((version) => ({ version }));
    const registers = /INSERT INTO ppoc\.schema_version \(version, name, applied_at_utc\) VALUES \((\d+),/.exec(sql);
    if (registers && tx) tx.recorded.push(Number(registers[1]));
    if (sql === statements.MIGRATION_RECORDED && tx) {
      const version = Number(params[0]?.value);
      return [{ n: tx.recorded.includes(version) || this.applied.has(version) ? 1 : 0 }];
    }
    return this.respond(sql, params);
  }

  private getLock(on: string): SqlRow[] {
    if (this.lockResult === undefined) return [];
    const result = this.lockResult ?? (this.lockHeldElsewhere || (this.lockOwner && this.lockOwner !== on) ? -1 : 0);
    if (result === 0 && on !== 'pool') this.lockOwner = on;
    return [{ result }];
  }

  private async bulkOn(on: string, table: BulkTable, tx: TxState | null = null): Promise<number> {
    const target = `${table.schema}.${table.table}`;
    this.record({ op: 'bulk', on, target, columns: table.columns, rows: table.rows });
    const staging = tx ? (tx.staging ??= new Map(this.staging)) : this.staging;
    staging.set(table.table, [...(staging.get(table.table) ?? []), ...table.rows]);
    return table.rows.length;
  }

  /** Live out to the retired twin, staging in (sql/009): SWITCH needs an empty target. */
  private swap(): void {
    for (const name of CURATED_TABLES) {
      if (this.retired.get(name)?.length) throw new Error(`ppoc_retired.${name} is not empty: SWITCH would fail`);
      this.retired.set(name, this.live.get(name) ?? []);
      this.live.set(name, this.staging.get(name) ?? []);
      this.staging.delete(name);
    }
  }

  /** as_at_date is the history's first column: the run's date is replaced, older-than-retention rows go. */
  private applyHistory(state: TxState): void {
    const rows = this.live.get('plan_status_history') ?? [];
    const time = (value: SqlValue) => (value as Date).getTime();
    const remove = state.historyDelete;
    const kept = remove
      ? rows.filter((r) => time(r[0]) !== remove.asAt.getTime() && (remove.keepFrom === null || time(r[0]) >= remove.keepFrom.getTime()))
      : rows;
    const added = state.historyCopied ? (this.staging.get('plan_status_history') ?? []) : [];
    if (remove || added.length) this.live.set('plan_status_history', [...kept, ...added]);
  }
}
