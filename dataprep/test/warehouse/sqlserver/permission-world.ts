/**
 * The permission test's database: one recording connection that every command of a night
 * (migrate, run, backfill, status, explain, issues, export, doctor) is given in place of the
 * driver. Before it "runs" a statement or a bulk copy it checks it with the permission model of
 * sql/ (tsql-security.ts) as the user of the connection string's login, and refuses as SQL Server
 * would (error 229 …); a statement the model cannot classify fails too. It answers the run log's
 * reads from the runs it has seen, and doctor's metadata queries like a healthy database.
 */
import { BULK_OPTIONS, type SqlConnector, type SqlParam, type SqlRow } from '../../../src/warehouse/sqlserver/connector';
import { SqlServerRequestError } from '../../../src/warehouse/sqlserver/connection-errors';
import { loadMigrations } from '../../../src/warehouse/sqlserver/migrations';
import type { SqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import * as statements from '../../../src/warehouse/sqlserver/statements';
import * as operations from '../../../src/warehouse/sqlserver/operations-statements';
import { doctorAnswers, healthyWorld } from './doctor-fixture';
import { RecordingConnector, type RecordedEvent } from './recording-connector';
import { UnclassifiedStatementError } from './tsql-access';
import { readMigrations } from './tsql-model';
import { describeVerdict, PermissionModel, type AccessVerdict, type DatabaseUser, type StatementVerdict } from './tsql-security';

/** The logins of docs/sqlserver.md's first night, as the database users they map to. */
export const LOGINS: Readonly<Record<string, DatabaseUser>> = {
  ppoc_job: { name: 'ppoc_job', roles: ['ppoc_writer'] },
  ppoc_gateway: { name: 'ppoc_gateway', roles: ['ppoc_reader'] },
  ppoc_dba: { name: 'ppoc_dba', roles: ['db_owner'] },
};

export interface SeenStatement {
  command: string;
  user: string;
  /** The statement's name in statements.ts, or its first line; bulk copies as `bulk schema.table`. */
  label: string;
  /** The statement as sent (empty for a bulk copy). */
  sql: string;
  verdict?: StatementVerdict;
  unclassified?: string;
}

const NAMED = new Map<string, string>(
  [...Object.entries(statements), ...Object.entries(operations)]
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && /\s/.test(entry[1]))
    .map(([name, text]) => [text, name]),
);

function labelOf(event: RecordedEvent): string {
  if (event.op === 'bulk') return `bulk ${event.target}`;
  if (event.op !== 'query') return event.op;
  return NAMED.get(event.sql) ?? event.sql.split('\n').find((l) => l.trim() && !l.trim().startsWith('--'))?.trim().slice(0, 90) ?? '';
}

/** The locality and team the world says occur, for `summary --locality … --team …`. */
export const SUMMARY_PLACE = { locality: 'North', team: 'Team A' } as const;

const isoDay = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

export class PermissionWorld {
  readonly model = new PermissionModel(readMigrations(loadMigrations()));
  readonly rec = new RecordingConnector();
  readonly seen: SeenStatement[] = [];
  command = '';
  private user: DatabaseUser = LOGINS.ppoc_job;
  private readonly runs = new Map<string, SqlRow>();
  /** run_figure rows as the runs inserted them (drop_accepted as the view shows it). */
  private readonly figures: SqlRow[] = [];
  private readonly doctor = doctorAnswers({ ...healthyWorld(), lastRun: [] });

  constructor() {
    this.rec.failWhen = (event) => this.check(event);
    this.rec.respond = (sql, params) => this.answer(sql, params);
  }

  /** What the connector factory gives a command: this world, as the login in the settings. */
  connectorFor(settings: SqlServerSettings): SqlConnector {
    const login = 'user' in settings.authentication ? settings.authentication.user : '';
    const user = LOGINS[login];
    if (!user) throw new Error(`the permission world has no login ${login}`);
    this.user = user;
    return this.rec;
  }

  /** The statements of `command` that were refused or could not be classified, one line each. */
  problems(command: string): string[] {
    return this.seen.filter((s) => s.command === command && (s.unclassified || !s.verdict?.allowed)).map((s) => {
      if (s.unclassified) return `${s.label}: ${s.unclassified}`;
      const refused = s.verdict?.accesses.find((a) => !a.allowed);
      return `${s.label} as ${s.user}: ${refused ? describeVerdict(refused) : ''}`;
    });
  }

  /** The statements of these commands that only read (every object access a SELECT), as sent. */
  reads(commands: readonly string[]): string[] {
    const select = (a: AccessVerdict) => a.access.kind === 'object' && a.access.permission === 'SELECT';
    const onlyReads = (s: SeenStatement) => s.sql !== '' && (s.verdict?.accesses ?? []).some(select) &&
      (s.verdict?.accesses ?? []).every((a) => select(a) || a.access.kind === 'metadata' || a.access.kind === 'session');
    return [...new Set(this.seen.filter((s) => commands.includes(s.command) && onlyReads(s)).map((s) => s.sql))];
  }

  private check(event: RecordedEvent): Error | undefined {
    if (event.op !== 'query' && event.op !== 'bulk') return undefined;
    const seen: SeenStatement = { command: this.command, user: this.user.name, label: labelOf(event), sql: event.op === 'query' ? event.sql : '' };
    this.seen.push(seen);
    try {
      seen.verdict = event.op === 'bulk' ? this.model.bulk(event.target, this.user, BULK_OPTIONS) : this.model.statement(event.sql, this.user);
    } catch (error) {
      if (!(error instanceof UnclassifiedStatementError)) throw error;
      seen.unclassified = error.message;
      return error;
    }
    const refusal = seen.verdict.refusal;
    return refusal ? new SqlServerRequestError(`SQL Server error ${refusal.number}: ${refusal.message}`, refusal.number) : undefined;
  }

  /** The run log from INSERT_RUN and FINISH_RUN (and abandoned runs), the figures the runs stored. */
  private answer(sql: string, params: readonly SqlParam[]): SqlRow[] {
    const byName = Object.fromEntries(params.map((p) => [p.name, p.value]));
    if (/^INSERT INTO ppoc\.refresh_log|^UPDATE ppoc\.refresh_log\nSET status = @status/.test(sql)) {
      this.runs.set(String(byName.run_id), { ...this.runs.get(String(byName.run_id)), ...byName, as_at_date: isoDay(byName.as_at_date) });
      return [];
    }
    if (sql.startsWith('INSERT INTO [ppoc].[run_figure]')) {
      for (let r = 0; `r${r}_c0` in byName; r += 1) {
        this.figures.push({ run_id: byName[`r${r}_c0`], figure: byName[`r${r}_c1`], figure_value: byName[`r${r}_c2`], drop_accepted: byName[`r${r}_c3`] ? 'Yes' : 'No' });
      }
      return [];
    }
    const runs = [...this.runs.values()].sort((a, b) => String(b.started_at_utc instanceof Date ? b.started_at_utc.toISOString() : '')
      .localeCompare(String(a.started_at_utc instanceof Date ? a.started_at_utc.toISOString() : '')));
    switch (sql) {
      case statements.SELECT_ACCEPTED_RUN_FIGURES:
        return this.acceptedFigures(runs, String(isoDay(byName.as_at_date)), Number(byName.runs));
      case statements.SELECT_LATEST_SUCCESS:
        return runs.filter((r) => r.status === 'succeeded').slice(0, 1);
      case operations.SELECT_LATEST_FINISHED:
        return runs.filter((r) => r.status !== 'running').slice(0, 1);
      case statements.SELECT_RECENT_RUNS:
        return runs.slice(0, Number(byName.limit ?? 10));
      case statements.SELECT_SUCCEEDED_AS_AT_DATES:
        return [...new Set(runs.filter((r) => r.status === 'succeeded').map((r) => r.as_at_date))].sort().map((as_at_date) => ({ as_at_date }));
      case operations.SELECT_PERSON_KNOWN:
        return [{ known: 1 }];
      case operations.SELECT_LOCALITIES: // summary's typo check of --locality and --team: these occur
        return [{ value: SUMMARY_PLACE.locality }];
      case operations.SELECT_TEAMS:
        return [{ value: SUMMARY_PLACE.team }];
      default:
        return this.doctor.get(sql)?.() ?? [];
    }
  }

  /** SELECT_ACCEPTED_RUN_FIGURES over the runs seen (newest first): succeeded, as at the date or before, with figures. */
  private acceptedFigures(runs: SqlRow[], asAt: string, limit: number): SqlRow[] {
    const withFigures = runs.filter((r) => r.status === 'succeeded' && String(r.as_at_date) <= asAt && this.figures.some((f) => f.run_id === r.run_id));
    const chosen = withFigures.sort((a, b) => String(b.as_at_date).localeCompare(String(a.as_at_date))).slice(0, limit);
    return chosen.flatMap((r) => this.figures.filter((f) => f.run_id === r.run_id).map((f) => ({ ...f, as_at_date: r.as_at_date })));
  }
}
