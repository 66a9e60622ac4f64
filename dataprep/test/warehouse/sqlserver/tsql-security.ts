/**
 * The permission model of the migrations in sql/: which database user may run a statement, as
 * SQL Server decides it (references in docs/sqlserver.md, "What each login may do"):
 *   - dbo, the owner of every schema and so of every object in it, is never checked; a member of
 *     db_owner holds every permission unless a DENY says otherwise;
 *   - anyone else needs the permission on the object, or on its schema, granted to their user, a
 *     role they are in, or public; a DENY on either wins over any GRANT;
 *   - ownership chaining: a view or procedure reaches an object with the same owner without a
 *     check for SELECT, INSERT, UPDATE, DELETE and EXECUTE; a plain statement never does, and
 *     TRUNCATE, ALTER … SWITCH, UPDATE STATISTICS and dynamic SQL are always checked against the
 *     caller (the chain covers DML and EXECUTE only);
 *   - WITH EXECUTE AS OWNER: the body runs as the procedure's owner (dbo), dynamic SQL included;
 *   - sp_getapplock, APPLOCK_MODE, APPLOCK_TEST: the caller must be a member of @DbPrincipal (or
 *     dbo, or db_owner); public is everyone's;
 *   - catalog views and metadata functions are open to public, their rows filtered by metadata
 *     visibility; DDL (the migrations) needs db_owner.
 */
import { accessesOf, UnclassifiedStatementError, type Access, type ObjectPermission } from './tsql-access';
import type { TsqlModel } from './tsql-model';

/** A database user: its name and the roles it is a member of (db_owner among them, or not). */
export interface DatabaseUser {
  name: string;
  roles: readonly string[];
}

export interface AccessVerdict {
  access: Access;
  allowed: boolean;
  /** How SQL Server decides it: "granted to ppoc_writer", "ownership chain from ppoc.vw_x (dbo)" … */
  how: string;
  /** Inside which view or procedure (empty at the statement's own level). */
  via: string[];
}

export interface StatementVerdict {
  allowed: boolean;
  accesses: AccessVerdict[];
  /** The first refused access, worded as SQL Server's error. */
  refusal?: { number: number; message: string };
}

interface Context {
  user: DatabaseUser;
  /** Owner of the view or procedure the access comes from (ownership chaining), or null at top level. */
  chainOwner: string | null;
  /** Inside WITH EXECUTE AS OWNER: the owner everything runs as. */
  runAs: string | null;
  via: string[];
}

type ObjectKind = 'table' | 'view' | 'procedure';

const CHAINED: readonly ObjectPermission[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'EXECUTE'];
const DATABASE = 'PPOC';

export class PermissionModel {
  private readonly kinds = new Map<string, ObjectKind>();

  constructor(private readonly model: TsqlModel) {
    for (const name of model.tables.keys()) this.kinds.set(name, 'table');
    for (const name of model.views.keys()) this.kinds.set(name, 'view');
    for (const name of model.procedures.keys()) this.kinds.set(name, 'procedure');
  }

  /** Every access of `sql` run by `user`, each allowed or refused; throws UnclassifiedStatementError. */
  statement(sql: string, user: DatabaseUser): StatementVerdict {
    return this.verdict(this.evaluate(accessesOf(sql), { user, chainOwner: null, runAs: null, via: [] }, sql));
  }

  /**
   * A bulk copy (TDS bulk load) into `table`: SELECT and INSERT on it, and ALTER when the load
   * does not check constraints (bcp utility, "Permissions"; the job always checks them).
   */
  bulk(table: string, user: DatabaseUser, options: { checkConstraints: boolean }): StatementVerdict {
    const ctx: Context = { user, chainOwner: null, runAs: null, via: [] };
    const needs: ObjectPermission[] = ['SELECT', 'INSERT', ...(options.checkConstraints ? [] : ['ALTER' as const])];
    const accesses = needs.map((permission): Access => ({ kind: 'object', permission, object: table, why: 'bulk copy' }));
    return this.verdict(this.evaluate(accesses, ctx, `bulk copy into ${table}`));
  }

  /** Whether `user` holds `permission` on `object` itself (no chain): GRANT on the object or its schema, no DENY. */
  holds(user: DatabaseUser, permission: ObjectPermission, object: string): { allowed: boolean; how: string } {
    if (user.name === 'dbo') return { allowed: true, how: 'dbo owns every object' };
    const principals = [user.name, ...user.roles, 'public'];
    const schema = object.split('.')[0];
    const states = this.model.permissionStatements;
    const state = (principal: string, cls: 'OBJECT' | 'SCHEMA', name: string, perm: string) => {
      let current: 'GRANT' | 'DENY' | null = null;
      for (const s of states) {
        if (s.principal !== principal || s.securable.class !== cls || s.securable.name !== name || s.permission !== perm) continue;
        current = s.action === 'REVOKE' ? null : s.action;
      }
      return current;
    };
    const found: string[] = [];
    for (const principal of principals) {
      for (const perm of [permission, 'CONTROL']) {
        for (const [cls, name] of [['OBJECT', object], ['SCHEMA', schema]] as const) {
          const s = state(principal, cls, name, perm);
          if (s === 'DENY') return { allowed: false, how: `DENY ${perm} ON ${cls}::${name} TO ${principal}` };
          if (s === 'GRANT') found.push(`${perm} on ${cls === 'SCHEMA' ? `schema ${name}` : name} granted to ${principal}`);
        }
      }
    }
    if (found.length) return { allowed: true, how: found[0] };
    if (user.roles.includes('db_owner')) return { allowed: true, how: 'member of db_owner' };
    return { allowed: false, how: `no GRANT of ${permission} on ${object} or schema ${schema} to ${principals.join(', ')}` };
  }

  private kindOf(object: string, sql: string): ObjectKind {
    const kind = this.kinds.get(object);
    if (!kind) throw new UnclassifiedStatementError(`no migration creates ${object}`, sql);
    return kind;
  }

  private evaluate(accesses: readonly Access[], ctx: Context, sql: string): AccessVerdict[] {
    if (ctx.via.length > 8) throw new UnclassifiedStatementError('views or procedures nested deeper than 8', sql);
    return accesses.flatMap((access) => this.evaluateOne(access, ctx, sql));
  }

  private evaluateOne(access: Access, ctx: Context, sql: string): AccessVerdict[] {
    const at = (allowed: boolean, how: string): AccessVerdict => ({ access, allowed, how, via: ctx.via });
    switch (access.kind) {
      case 'session':
        return [at(true, 'no permission needed')];
      case 'metadata':
        return [at(true, 'open to public; rows filtered by metadata visibility')];
      case 'applock':
        return [this.applock(access.principal, ctx, at)];
      case 'ddl':
        return [ctx.runAs === 'dbo' || this.isOwnerOrDbOwner(ctx.user) ? at(true, ctx.runAs ? 'as owner dbo' : 'db_owner') : at(false, 'DDL needs db_owner')];
      case 'dynamic':
        if (ctx.runAs) return [at(true, `dynamic SQL runs as ${ctx.runAs} (EXECUTE AS OWNER)`)];
        if (this.isOwnerOrDbOwner(ctx.user)) return [at(true, 'db_owner may run any statement')];
        throw new UnclassifiedStatementError('dynamic SQL outside EXECUTE AS OWNER (its permissions depend on text not known here)', sql);
      case 'object':
        return this.objectAccess(access, ctx, sql, at);
    }
  }

  private applock(principal: string, ctx: Context, at: (allowed: boolean, how: string) => AccessVerdict): AccessVerdict {
    if (principal === 'public') return at(true, 'everyone is in public');
    if (ctx.runAs === 'dbo') return at(true, 'as owner dbo');
    if (this.isOwnerOrDbOwner(ctx.user)) return at(true, 'dbo or db_owner');
    if (ctx.user.name === principal || ctx.user.roles.includes(principal)) return at(true, `member of ${principal}`);
    return at(false, `${ctx.user.name} is not a member of ${principal}`);
  }

  private isOwnerOrDbOwner(user: DatabaseUser): boolean {
    return user.name === 'dbo' || user.roles.includes('db_owner');
  }

  private objectAccess(
    access: Extract<Access, { kind: 'object' }>, ctx: Context, sql: string, at: (allowed: boolean, how: string) => AccessVerdict,
  ): AccessVerdict[] {
    const kind = this.kindOf(access.object, sql);
    const owner = 'dbo'; // every schema is created AUTHORIZATION dbo, and no object changes owner (tsql-model checks both)
    let verdict: AccessVerdict;
    if (ctx.runAs) verdict = at(true, `as owner ${ctx.runAs} (EXECUTE AS OWNER)`);
    else if (ctx.chainOwner === owner && CHAINED.includes(access.permission)) verdict = at(true, `ownership chain: ${ctx.via.at(-1)} and ${access.object} are both owned by ${owner}`);
    else {
      const held = this.holds(ctx.user, access.permission, access.object);
      verdict = at(held.allowed, held.how);
    }
    if (!verdict.allowed) return [verdict];
    const inner = { ...ctx, via: [...ctx.via, access.object] };
    if (kind === 'view' && access.permission !== 'ALTER') {
      const body = this.model.views.get(access.object)?.body ?? '';
      return [verdict, ...this.evaluate(accessesOf(body), { ...inner, chainOwner: owner }, sql)];
    }
    if (kind === 'procedure' && access.permission === 'EXECUTE') {
      const procedure = this.model.procedures.get(access.object);
      const body = procedure?.bodyText ?? '';
      const next = procedure?.executeAsOwner ? { ...inner, runAs: owner, chainOwner: owner } : { ...inner, chainOwner: owner };
      return [verdict, ...this.evaluate(accessesOf(body), next, sql)];
    }
    return [verdict];
  }

  private verdict(accesses: AccessVerdict[]): StatementVerdict {
    const refused = accesses.find((a) => !a.allowed);
    return { allowed: !refused, accesses, refusal: refused ? refusalOf(refused) : undefined };
  }
}

/** SQL Server's error for a refused access (229 for a missing object permission). */
function refusalOf(v: AccessVerdict): { number: number; message: string } {
  const a = v.access;
  if (a.kind === 'object') {
    const [schema, name] = a.object.split('.');
    if (a.permission === 'ALTER') {
      return { number: 1088, message: `Cannot find the object "${name}" because it does not exist or you do not have permissions. (${a.why}: ${v.how})` };
    }
    return { number: 229, message: `The ${a.permission} permission was denied on the object '${name}', database '${DATABASE}', schema '${schema}'. (${v.how})` };
  }
  if (a.kind === 'applock') return { number: 15247, message: `${a.what}: ${v.how}` };
  return { number: 15247, message: `User does not have permission to perform this action (${a.kind}: ${'what' in a ? a.what : ''}; ${v.how})` };
}

/**
 * The listing's lines for a statement: accesses decided the same way in the same place are one
 * line (`ALTER ppoc_staging.a, ppoc_staging.b: as owner dbo (EXECUTE AS OWNER)`).
 */
export function summarizeVerdicts(accesses: readonly AccessVerdict[]): string[] {
  const lines: { key: string; what: string[]; line: (what: string) => string }[] = [];
  for (const v of accesses) {
    const a = v.access;
    const what = a.kind === 'object' ? a.object : a.kind === 'applock' ? `${a.what} for ${a.principal}` : a.what;
    const verb = a.kind === 'object' ? a.permission : a.kind === 'applock' ? 'app lock' : a.kind;
    const key = `${v.via.join('>')}|${verb}|${v.allowed}|${v.how}`;
    const last = lines.at(-1);
    if (last?.key === key) {
      if (!last.what.includes(what)) last.what.push(what);
      continue;
    }
    const where = v.via.length ? `(in ${v.via.join(' → ')}) ` : '';
    lines.push({ key, what: [what], line: (w) => `${where}${verb} ${w}: ${v.allowed ? '' : 'REFUSED: '}${v.how}` });
  }
  return lines.map((l) => l.line(l.what.join(', ')));
}

/** One line for the listing: `SELECT ppoc.vw_x: granted to ppoc_writer`. */
export function describeVerdict(v: AccessVerdict): string {
  const a = v.access;
  const what = a.kind === 'object' ? `${a.permission} ${a.object}` : a.kind === 'applock' ? `${a.what} for ${a.principal}` : `${a.kind} ${a.what}`;
  return `${v.via.length ? `  (in ${v.via.join(' → ')}) ` : ''}${what}: ${v.allowed ? '' : 'REFUSED: '}${v.how}`;
}
