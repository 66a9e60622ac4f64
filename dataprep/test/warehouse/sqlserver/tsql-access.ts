/**
 * What a T-SQL batch touches, for the permission model (tsql-security.ts): every object it
 * reads, inserts into, updates, deletes from, truncates, switches or executes, each with the
 * permission SQL Server checks for it, plus the application locks, metadata and DDL it uses.
 * It knows the constructs the job and sql/ use; anything else (a statement it has no rule for,
 * a name in a place it does not expect, a three-part name, EXECUTE AS, MERGE, SELECT … INTO …)
 * makes the batch unclassifiable (UnclassifiedStatementError), so no new kind of statement
 * passes the permission test unchecked.
 *
 * The permissions are those Microsoft documents for each statement: SELECT for every table or
 * view read (FROM, JOIN), INSERT/UPDATE/DELETE for the target, plus SELECT on that target when
 * a WHERE clause reads it (UPDATE and DELETE pages, "Permissions"); ALTER for TRUNCATE TABLE,
 * ALTER TABLE … SWITCH and UPDATE STATISTICS (their "Permissions" sections); EXECUTE for a
 * procedure. Links: docs/sqlserver.md, "What each login may do".
 */
import { tokenize, type Token } from './tsql-tokens';

export type ObjectPermission = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'EXECUTE' | 'ALTER';

export type Access =
  | { kind: 'object'; permission: ObjectPermission; object: string; why: string }
  /** sys.* catalog views and metadata functions: visible to public, rows filtered by metadata visibility. */
  | { kind: 'metadata'; what: string }
  /** sp_getapplock / APPLOCK_MODE / APPLOCK_TEST for a database principal (the caller must be a member of it). */
  | { kind: 'applock'; principal: string; what: string }
  /** CREATE, ALTER … (not SWITCH), DROP, GRANT, REVOKE, DENY: migrations, db_owner only. */
  | { kind: 'ddl'; what: string }
  /** sp_executesql with a variable: its text is known only when it runs. */
  | { kind: 'dynamic'; what: string }
  /** SET options, variables, control flow: nothing to check. */
  | { kind: 'session'; what: string };

export class UnclassifiedStatementError extends Error {
  constructor(reason: string, sql: string) {
    super(`cannot classify: ${reason} in: ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    this.name = 'UnclassifiedStatementError';
  }
}

const METADATA_SCHEMAS = new Set(['sys', 'information_schema']);
const METADATA_FUNCTIONS = new Set([
  'OBJECT_ID', 'OBJECT_NAME', 'OBJECT_DEFINITION', 'OBJECTPROPERTY', 'COLUMNPROPERTY', 'HAS_PERMS_BY_NAME', 'IS_MEMBER',
  'IS_ROLEMEMBER', 'DATABASE_PRINCIPAL_ID', 'SUSER_SNAME', 'SUSER_SID', 'SUSER_NAME', 'USER_NAME', 'USER_ID', 'DB_ID',
  'DB_NAME', 'SCHEMA_ID', 'SCHEMA_NAME', 'SERVERPROPERTY', 'DATABASEPROPERTYEX', 'COL_LENGTH', 'INDEXPROPERTY',
  'INDEX_COL', 'TYPE_NAME', 'ORIGINAL_LOGIN',
]);
/** Statements and functions the analyzer has no rule for: they make a batch unclassifiable. */
const UNSUPPORTED = new Set([
  'MERGE', 'BULK', 'DBCC', 'BACKUP', 'RESTORE', 'KILL', 'SHUTDOWN', 'RECONFIGURE', 'USE', 'REVERT', 'SETUSER', 'WRITETEXT',
  'UPDATETEXT', 'READTEXT', 'OPENROWSET', 'OPENQUERY', 'OPENDATASOURCE', 'OPENXML', 'INTO', 'OUTPUT', 'CURSOR',
]);
const SESSION_OPTIONS = new Set([
  'XACT_ABORT', 'NOCOUNT', 'LOCK_TIMEOUT', 'DEADLOCK_PRIORITY', 'ROWCOUNT', 'ARITHABORT', 'ANSI_NULLS', 'QUOTED_IDENTIFIER',
  'TRANSACTION', 'DATEFORMAT', 'LANGUAGE', 'IMPLICIT_TRANSACTIONS',
]);
/** Words after a FROM/JOIN name that are not its alias. */
const NOT_ALIAS = new Set([
  'WHERE', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'OUTER', 'ON', 'GROUP', 'ORDER', 'UNION', 'AS', 'WITH',
  'HAVING', 'SELECT', 'SET', 'IF', 'ELSE', 'BEGIN', 'END', 'INSERT', 'UPDATE', 'DELETE', 'EXCEPT', 'INTERSECT', 'OPTION',
]);

interface Name {
  parts: string[];
  /** Index of the last token of the name. */
  end: number;
}

class Analyzer {
  readonly accesses: Access[] = [];
  private readonly consumed = new Set<number>();
  private readonly aliases = new Set<string>();
  private readonly skipSet = new Set<number>();

  constructor(private readonly t: Token[], private readonly sql: string) {
    this.collectAliases();
  }

  fail(reason: string): never {
    throw new UnclassifiedStatementError(reason, this.sql);
  }

  run(): Access[] {
    const t = this.t;
    for (let i = 0; i < t.length; i += 1) {
      const tok = t[i];
      if (tok.type !== 'word' || tok.quoted || this.consumed.has(i)) continue;
      i = this.statement(i);
    }
    this.checkLeftoverNames();
    return this.accesses;
  }

  /** One keyword at `i`; returns the last index it used. */
  private statement(i: number): number {
    const { upper } = this.t[i];
    if (UNSUPPORTED.has(upper)) this.fail(`${upper} is not a construct the permission model knows`);
    switch (upper) {
      case 'CREATE': case 'DROP': case 'GRANT': case 'REVOKE': case 'DENY':
        return this.ddl(i);
      case 'ALTER':
        return this.alter(i);
      case 'TRUNCATE':
        return this.truncate(i);
      case 'UPDATE':
        return this.update(i);
      case 'DELETE':
        return this.delete(i);
      case 'INSERT':
        return this.insert(i);
      case 'FROM': case 'JOIN': case 'APPLY':
        return this.from(i);
      case 'EXEC': case 'EXECUTE':
        return this.exec(i);
      case 'SET':
        return this.set(i);
      default:
        return this.functionCall(i);
    }
  }

  private peek(i: number): Token | undefined {
    return this.t[i];
  }

  private isPunct(i: number, text: string): boolean {
    return this.t[i]?.type === 'punct' && this.t[i].text === text;
  }

  private isWord(i: number, upper: string): boolean {
    const tok = this.t[i];
    return tok?.type === 'word' && !tok.quoted && tok.upper === upper;
  }

  private readName(i: number): Name {
    if (this.peek(i)?.type !== 'word') this.fail(`expected a name at "${this.peek(i)?.text ?? 'the end'}"`);
    const parts = [this.t[i].text.toLowerCase()];
    let end = i;
    this.consumed.add(i);
    while (this.isPunct(end + 1, '.') && this.peek(end + 2)?.type === 'word') {
      parts.push(this.t[end + 2].text.toLowerCase());
      this.consumed.add(end + 2);
      end += 2;
    }
    if (parts.length > 2) this.fail(`a name of ${parts.length} parts (${parts.join('.')}): only schema.object is modelled`);
    return { parts, end };
  }

  private objectName(name: Name): string {
    if (name.parts.length !== 2) this.fail(`"${name.parts.join('.')}" has no schema: the job names every object schema.object`);
    return name.parts.join('.');
  }

  private object(permission: ObjectPermission, name: Name, why: string): void {
    if (METADATA_SCHEMAS.has(name.parts[0])) {
      if (permission !== 'SELECT') this.fail(`${permission} on the catalog view ${name.parts.join('.')}`);
      this.accesses.push({ kind: 'metadata', what: name.parts.join('.') });
      return;
    }
    this.accesses.push({ kind: 'object', permission, object: this.objectName(name), why });
  }

  /** Index of the `;` ending the statement at `i` (same paren depth), or the last token. */
  private statementEnd(i: number): number {
    let depth = 0;
    for (let j = i; j < this.t.length; j += 1) {
      if (this.isPunct(j, '(')) depth += 1;
      else if (this.isPunct(j, ')')) {
        if (depth === 0) return j - 1;
        depth -= 1;
      } else if (depth === 0 && this.isPunct(j, ';')) return j;
    }
    return this.t.length - 1;
  }

  private hasWhere(from: number, to: number): boolean {
    let depth = 0;
    for (let j = from; j <= to; j += 1) {
      if (this.isPunct(j, '(')) depth += 1;
      else if (this.isPunct(j, ')')) depth -= 1;
      else if (depth === 0 && this.isWord(j, 'WHERE')) return true;
    }
    return false;
  }

  private ddl(i: number): number {
    const words = this.t.slice(i, i + 6).filter((x) => x.type === 'word').map((x) => x.text);
    const module = this.isWord(i, 'CREATE') && /^(CREATE (OR ALTER )?(VIEW|PROCEDURE|PROC|FUNCTION|TRIGGER))/i.test(words.join(' '));
    const end = module ? this.t.length - 1 : this.statementEnd(i);
    this.accesses.push({ kind: 'ddl', what: words.slice(0, module ? 5 : 4).join(' ') });
    for (let j = i; j <= end; j += 1) this.consumed.add(j);
    return end;
  }

  private alter(i: number): number {
    if (!this.isWord(i + 1, 'TABLE')) return this.ddl(i);
    const source = this.readName(i + 2);
    let j = source.end + 1;
    if (!this.isWord(j, 'SWITCH')) return this.ddl(i);
    j += 1;
    if (this.isWord(j, 'PARTITION')) j += 2;
    if (!this.isWord(j, 'TO')) this.fail('ALTER TABLE … SWITCH without TO');
    const target = this.readName(j + 1);
    const why = 'ALTER TABLE … SWITCH needs ALTER on both tables';
    this.object('ALTER', source, why);
    this.object('ALTER', target, why);
    return target.end;
  }

  private truncate(i: number): number {
    if (!this.isWord(i + 1, 'TABLE')) this.fail('TRUNCATE without TABLE');
    const name = this.readName(i + 2);
    this.object('ALTER', name, 'TRUNCATE TABLE needs ALTER on the table');
    return name.end;
  }

  private update(i: number): number {
    if (this.isWord(i + 1, 'STATISTICS')) {
      const name = this.readName(i + 2);
      this.object('ALTER', name, 'UPDATE STATISTICS needs ALTER on the table');
      return name.end;
    }
    const name = this.readName(i + 1);
    if (!this.isWord(name.end + 1, 'SET')) this.fail('UPDATE without SET');
    this.skipSet.add(name.end + 1);
    this.object('UPDATE', name, 'UPDATE');
    if (this.hasWhere(name.end + 1, this.statementEnd(name.end + 1))) this.object('SELECT', name, 'UPDATE … WHERE reads the table');
    return name.end + 1;
  }

  private delete(i: number): number {
    const at = this.isWord(i + 1, 'FROM') ? i + 2 : i + 1;
    const name = this.readName(at);
    this.object('DELETE', name, 'DELETE');
    if (this.hasWhere(name.end + 1, this.statementEnd(name.end + 1))) this.object('SELECT', name, 'DELETE … WHERE reads the table');
    return name.end;
  }

  private insert(i: number): number {
    const at = this.isWord(i + 1, 'INTO') ? i + 2 : i + 1;
    if (this.peek(at)?.type === 'var') return at;
    const name = this.readName(at);
    this.object('INSERT', name, 'INSERT');
    return name.end;
  }

  private from(i: number): number {
    const next = this.peek(i + 1);
    if (!next || next.type === 'var' || this.isPunct(i + 1, '(')) return i;
    const name = this.readName(i + 1);
    this.object('SELECT', name, 'read (FROM/JOIN)');
    return name.end;
  }

  private exec(i: number): number {
    let j = i + 1;
    if (this.isWord(j, 'AS')) this.fail('EXECUTE AS changes the execution context');
    if (this.isPunct(j, '(')) return this.dynamicParens(j);
    if (this.peek(j)?.type === 'var' && this.isPunct(j + 1, '=')) j += 2;
    const name = this.readName(j);
    const last = name.parts[name.parts.length - 1];
    const systemSchema = name.parts.length === 1 || name.parts[0] === 'sys';
    if (systemSchema && (last === 'sp_getapplock' || last === 'sp_releaseapplock')) return this.applockCall(name.end, last);
    if (systemSchema && last === 'sp_executesql') return this.executeSql(name.end);
    if (systemSchema && last === 'sp_rename') {
      this.accesses.push({ kind: 'ddl', what: 'sp_rename' });
      return this.statementEnd(name.end);
    }
    if (name.parts.length === 1 || last.startsWith('sp_') || last.startsWith('xp_')) this.fail(`EXEC ${name.parts.join('.')} is not modelled`);
    this.object('EXECUTE', name, 'EXEC');
    return name.end;
  }

  /** `EXEC (N'…' + N'…')`: the literal text is analyzed as its own batch. */
  private dynamicParens(open: number): number {
    const close = this.statementEnd(open + 1) + 1;
    const inner = this.t.slice(open + 1, close);
    if (!inner.every((x) => x.type === 'string' || (x.type === 'punct' && x.text === '+'))) {
      this.accesses.push({ kind: 'dynamic', what: 'EXEC (…) of a computed string' });
    } else {
      this.accesses.push(...accessesOf(inner.filter((x) => x.type === 'string').map((x) => x.text).join('')));
    }
    for (let j = open; j <= close; j += 1) this.consumed.add(j);
    return close;
  }

  /**
   * `EXEC sys.sp_executesql N'…'` is analyzed as its own batch. With a variable, its text is
   * known only at run time (a dynamic access), but the literal parts of its last assignment in
   * this batch (`DECLARE @sql … = N'…' + @x + N'…'`) are analyzed too, so the objects it names
   * are checked as well.
   */
  private executeSql(nameEnd: number): number {
    const first = this.peek(nameEnd + 1);
    if (first?.type === 'string') this.accesses.push(...accessesOf(first.text));
    else {
      this.accesses.push({ kind: 'dynamic', what: `sp_executesql ${first?.text ?? ''}`.trim() });
      const literal = first?.type === 'var' ? this.assignedLiterals(first.upper, nameEnd) : '';
      if (literal.trim()) this.accesses.push(...accessesOf(literal));
    }
    const end = this.statementEnd(nameEnd);
    for (let j = nameEnd + 1; j <= end; j += 1) this.consumed.add(j);
    return end;
  }

  /** The string literals of the last `DECLARE @v … = …` or `SET @v = …` before `before`, joined. */
  private assignedLiterals(variable: string, before: number): string {
    let text = '';
    for (let i = 0; i < before; i += 1) {
      const declares = this.isWord(i, 'DECLARE') || this.isWord(i, 'SET');
      if (!declares || this.peek(i + 1)?.upper !== variable) continue;
      let j = i + 2;
      while (j < before && !this.isPunct(j, '=') && !this.isPunct(j, ';')) j += 1;
      if (!this.isPunct(j, '=')) continue;
      const end = this.statementEnd(j);
      text = this.t.slice(j + 1, end + 1).filter((x) => x.type === 'string').map((x) => x.text).join(' ');
    }
    return text;
  }

  private applockCall(nameEnd: number, procedure: string): number {
    const end = this.statementEnd(nameEnd);
    let principal = 'public';
    for (let j = nameEnd + 1; j <= end; j += 1) {
      if (this.peek(j)?.upper === '@DBPRINCIPAL' && this.isPunct(j + 1, '=')) {
        const value = this.peek(j + 2);
        if (value?.type !== 'string') this.fail(`${procedure} with a @DbPrincipal that is not a literal`);
        principal = value.text;
      }
    }
    this.accesses.push({ kind: 'applock', principal: principal.toLowerCase(), what: procedure });
    return end;
  }

  private set(i: number): number {
    if (this.skipSet.has(i)) return i;
    const next = this.peek(i + 1);
    if (next?.type === 'var') return i;
    if (next?.type === 'word' && SESSION_OPTIONS.has(next.upper)) {
      this.accesses.push({ kind: 'session', what: `SET ${next.upper}` });
      return i + 1;
    }
    return this.fail(`SET ${next?.text ?? ''} is not a session option the model knows`);
  }

  private functionCall(i: number): number {
    if (!this.isPunct(i + 1, '(')) return i;
    const { upper } = this.t[i];
    if (upper === 'APPLOCK_MODE' || upper === 'APPLOCK_TEST') {
      const principal = this.peek(i + 2);
      if (principal?.type !== 'string') this.fail(`${upper} with a principal that is not a literal`);
      this.accesses.push({ kind: 'applock', principal: principal.text.toLowerCase(), what: upper });
    } else if (METADATA_FUNCTIONS.has(upper)) {
      this.accesses.push({ kind: 'metadata', what: `${upper}()` });
    }
    return i;
  }

  private collectAliases(): void {
    const t = this.t;
    for (let i = 0; i + 1 < t.length; i += 1) {
      if (t[i].type === 'word' && !t[i].quoted && t[i].upper === 'AS' && t[i + 1].type === 'word') this.aliases.add(t[i + 1].text.toLowerCase());
      if (t[i].type === 'word' && !t[i].quoted && (t[i].upper === 'FROM' || t[i].upper === 'JOIN') && t[i + 1].type === 'word') {
        let j = i + 1;
        while (t[j + 1]?.text === '.' && t[j + 2]?.type === 'word') j += 2;
        const alias = t[j + 1];
        if (alias?.type === 'word' && (alias.quoted || !NOT_ALIAS.has(alias.upper))) this.aliases.add(alias.text.toLowerCase());
      }
    }
  }

  /** A schema.object name in a place no rule above covers (and not alias.column): unclassifiable. */
  private checkLeftoverNames(): void {
    const t = this.t;
    for (let i = 0; i + 2 < t.length; i += 1) {
      if (this.consumed.has(i) || t[i].type !== 'word' || !this.isPunct(i + 1, '.') || t[i + 2].type !== 'word') continue;
      const first = t[i].text.toLowerCase();
      if (this.aliases.has(first)) {
        i += 2;
        continue;
      }
      if (METADATA_SCHEMAS.has(first)) this.fail(`${first}.${t[i + 2].text} outside FROM/JOIN`);
      this.fail(`the name ${first}.${t[i + 2].text} is used in a place the model has no rule for`);
    }
  }
}

/** Every access of a batch, in order; throws UnclassifiedStatementError for what it cannot place. */
export function accessesOf(sql: string): Access[] {
  return new Analyzer(tokenize(sql), sql).run();
}
