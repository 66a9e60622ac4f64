/**
 * The T-SQL permission model itself (tsql-access.ts, tsql-security.ts) on the migrations of sql/:
 * the rules it applies are SQL Server's, so each is pinned here with a statement that would
 * break it, starting with the one that broke every run: the shrink guard's plain COUNT_BIG of a
 * live table as ppoc_writer.
 */
import assert from 'node:assert/strict';
import { loadMigrations } from '../../../src/warehouse/sqlserver/migrations';
import { BULK_OPTIONS } from '../../../src/warehouse/sqlserver/connector';
import { accessesOf, UnclassifiedStatementError } from './tsql-access';
import { readMigrations, type TsqlModel } from './tsql-model';
import { PermissionModel, type DatabaseUser } from './tsql-security';

const WRITER: DatabaseUser = { name: 'ppoc_job', roles: ['ppoc_writer'] };
const READER: DatabaseUser = { name: 'ppoc_gateway', roles: ['ppoc_reader'] };
const DBA: DatabaseUser = { name: 'ppoc_dba', roles: ['db_owner'] };
const NOBODY: DatabaseUser = { name: 'someone', roles: [] };

describe('the T-SQL permission model of sql/ (what SQL Server would allow each login)', () => {
  let model: TsqlModel;
  let pm: PermissionModel;
  before(() => {
    model = readMigrations(loadMigrations());
    pm = new PermissionModel(model);
  });

  /** The model with one more permission statement, as a DBA might add. */
  const withStatement = (statement: TsqlModel['permissionStatements'][number]) =>
    new PermissionModel({ ...model, permissionStatements: [...model.permissionStatements, statement] });

  it('refuses the old shrink-guard count on a live table to ppoc_writer (229, naming object and permission): no chaining for a plain query', () => {
    const verdict = pm.statement('SELECT COUNT_BIG(*) AS n FROM [ppoc].[planned_assessment];', WRITER);
    assert.equal(verdict.allowed, false);
    assert.equal(verdict.refusal?.number, 229);
    assert.match(verdict.refusal?.message ?? '', /^The SELECT permission was denied on the object 'planned_assessment', database 'PPOC', schema 'ppoc'\./);
  });

  it('allows the same count through the view, which reaches the table by ownership chaining (both owned by dbo)', () => {
    const verdict = pm.statement('SELECT COUNT_BIG(*) AS n FROM [ppoc].[vw_planned_assessment];', WRITER);
    assert.ok(verdict.allowed);
    assert.deepEqual(verdict.accesses.map((a) => [a.access.kind === 'object' ? a.access.object : '', a.how]), [
      ['ppoc.vw_planned_assessment', 'SELECT on ppoc.vw_planned_assessment granted to ppoc_writer'],
      ['ppoc.planned_assessment', 'ownership chain: ppoc.vw_planned_assessment and ppoc.planned_assessment are both owned by dbo'],
    ]);
  });

  it('needs ALTER for TRUNCATE, SWITCH and UPDATE STATISTICS: refused to the writer directly, allowed inside the EXECUTE AS OWNER procedures', () => {
    for (const sql of ['TRUNCATE TABLE ppoc_staging.cic_cohort;', 'ALTER TABLE ppoc_staging.cic_cohort SWITCH TO ppoc.cic_cohort;', 'UPDATE STATISTICS ppoc.cic_cohort;']) {
      const verdict = pm.statement(sql, WRITER);
      assert.equal(verdict.refusal?.number, 1088, sql);
    }
    for (const sql of ['EXEC ppoc_staging.clear_staging;', 'EXEC ppoc_staging.swap_into_live @wait_seconds = @wait_seconds;', 'EXEC ppoc_staging.update_live_statistics;']) {
      const verdict = pm.statement(sql, WRITER);
      assert.ok(verdict.allowed, sql);
      assert.ok(verdict.accesses.some((a) => a.access.kind === 'object' && a.access.permission === 'ALTER' && a.how === 'as owner dbo (EXECUTE AS OWNER)'), sql);
    }
  });

  it('chains DML, never ALTER: a procedure without EXECUTE AS OWNER reaches a table it reads, not one it truncates', () => {
    const procedures = new Map(model.procedures);
    procedures.set('ppoc_staging.no_context', {
      file: 'test', body: [], parameters: [], executeAsOwner: false,
      bodyText: 'SELECT COUNT(*) FROM ppoc.cic_cohort;\nTRUNCATE TABLE ppoc_retired.cic_cohort;',
    });
    const grants = [...model.permissionStatements, {
      file: 'test', action: 'GRANT' as const, permission: 'EXECUTE', securable: { class: 'OBJECT' as const, name: 'ppoc_staging.no_context' }, principal: 'ppoc_writer',
    }];
    const verdict = new PermissionModel({ ...model, procedures, permissionStatements: grants }).statement('EXEC ppoc_staging.no_context;', WRITER);
    assert.deepEqual(verdict.accesses.map((a) => [a.allowed, a.how.split(':')[0]]), [
      [true, 'EXECUTE on ppoc_staging.no_context granted to ppoc_writer'], [true, 'ownership chain'], [false, 'no GRANT of ALTER on ppoc_retired.cic_cohort or schema ppoc_retired to ppoc_job, ppoc_writer, public'],
    ]);
  });

  it('lets a DENY on the object or its schema win over the role\'s GRANT, and a schema GRANT cover its objects', () => {
    const denied = withStatement({ file: 't', action: 'DENY', permission: 'SELECT', securable: { class: 'SCHEMA', name: 'ppoc' }, principal: 'ppoc_job' });
    const verdict = denied.statement('SELECT * FROM ppoc.vw_refresh_log;', WRITER);
    assert.equal(verdict.allowed, false);
    assert.match(verdict.accesses[0].how, /^DENY SELECT ON SCHEMA::ppoc TO ppoc_job$/);
    const schemaGrant = withStatement({ file: 't', action: 'GRANT', permission: 'SELECT', securable: { class: 'SCHEMA', name: 'ppoc_retired' }, principal: 'ppoc_reader' });
    assert.ok(schemaGrant.statement('SELECT * FROM ppoc_retired.cic_cohort;', READER).allowed);
    assert.equal(pm.statement('SELECT * FROM ppoc_retired.cic_cohort;', READER).allowed, false);
  });

  it('gives ppoc_reader the report\'s views and nothing else: not the tables, staging, procedures, the issues or who sees what', () => {
    assert.ok(pm.statement('SELECT * FROM ppoc.vw_planned_assessment;', READER).allowed);
    for (const sql of ['SELECT * FROM ppoc.planned_assessment;', 'SELECT * FROM ppoc_staging.planned_assessment;', 'EXEC ppoc_staging.clear_staging;',
      'SELECT * FROM ppoc.vw_data_quality_issue;', 'SELECT * FROM ppoc.vw_user_access;']) {
      assert.equal(pm.statement(sql, READER).refusal?.number, 229, sql);
    }
    assert.ok(pm.statement('SELECT * FROM ppoc.vw_data_quality_issue;', WRITER).allowed, 'MI and the job keep them');
  });

  it('checks bulk copies (SELECT and INSERT; ALTER only without CHECK_CONSTRAINTS) and the app lock\'s principal', () => {
    assert.ok(pm.bulk('ppoc_staging.cic_cohort', WRITER, BULK_OPTIONS).allowed);
    assert.equal(pm.bulk('ppoc.cic_cohort', WRITER, BULK_OPTIONS).refusal?.number, 229, 'never straight into a live table');
    assert.equal(pm.bulk('ppoc_staging.cic_cohort', WRITER, { checkConstraints: false }).refusal?.number, 1088);
    const lock = "EXEC @r = sp_getapplock @Resource = N'ppoc-refresh', @LockMode = 'Exclusive', @DbPrincipal = N'ppoc_writer';";
    assert.ok(pm.statement(lock, WRITER).allowed);
    assert.ok(pm.statement(lock, DBA).allowed);
    assert.match(pm.statement(lock, READER).refusal?.message ?? '', /ppoc_gateway is not a member of ppoc_writer/);
    assert.ok(pm.statement("SELECT APPLOCK_TEST(N'public', N'ppoc-refresh', N'Exclusive', N'Session');", NOBODY).allowed);
  });

  it('needs db_owner for DDL, and lets db_owner run dynamic SQL (the migrations) that no one else may', () => {
    assert.equal(pm.statement('CREATE TABLE ppoc.x (a INT);', WRITER).allowed, false);
    assert.ok(pm.statement('CREATE TABLE ppoc.x (a INT);', DBA).allowed);
    const dynamic = 'DECLARE @sql NVARCHAR(100) = N\'\';\nEXEC sys.sp_executesql @sql;';
    assert.ok(pm.statement(dynamic, DBA).allowed);
    assert.throws(() => pm.statement(dynamic, WRITER), UnclassifiedStatementError);
  });

  it('cannot classify what it has no rule for, and says what', () => {
    const cases: [string, RegExp][] = [
      ['MERGE ppoc.cic_cohort AS t USING ppoc_staging.cic_cohort AS s ON 1 = 0 WHEN NOT MATCHED THEN INSERT (person_id) VALUES (s.person_id);', /MERGE is not a construct/],
      ['SELECT * INTO #copy FROM ppoc.vw_cic_cohort;', /INTO is not a construct/],
      ['SELECT * FROM PPOC.ppoc.vw_cic_cohort;', /a name of 3 parts/],
      ['SELECT * FROM vw_cic_cohort;', /has no schema/],
      ['SELECT * FROM ppoc.no_such_table;', /no migration creates ppoc\.no_such_table/],
      ['EXECUTE AS USER = N\'dbo\';', /EXECUTE AS changes the execution context/],
      ['SET ANSI_WARNINGS OFF;', /SET ANSI_WARNINGS is not a session option the model knows/],
      ['SELECT ppoc.some_function(1);', /ppoc\.some_function is used in a place the model has no rule for/],
    ];
    for (const [sql, reason] of cases) assert.throws(() => pm.statement(sql, DBA), (e: Error) => e instanceof UnclassifiedStatementError && reason.test(e.message), sql);
  });

  it('reads what the job sends: DELETE and UPDATE with WHERE also read their table, INSERT … SELECT reads its source', () => {
    const kinds = (sql: string) => accessesOf(sql).flatMap((a) => (a.kind === 'object' ? [`${a.permission} ${a.object}`] : []));
    assert.deepEqual(kinds("DELETE FROM ppoc.data_quality_issue WHERE run_id NOT IN (SELECT run_id FROM ppoc.refresh_log WHERE status = N'failed');"),
      ['DELETE ppoc.data_quality_issue', 'SELECT ppoc.data_quality_issue', 'SELECT ppoc.refresh_log']);
    assert.deepEqual(kinds('UPDATE ppoc.refresh_log SET status = @s WHERE run_id = @r;'), ['UPDATE ppoc.refresh_log', 'SELECT ppoc.refresh_log']);
    assert.deepEqual(kinds('INSERT INTO ppoc.plan_status_history (a) SELECT a FROM ppoc_staging.plan_status_history;'),
      ['INSERT ppoc.plan_status_history', 'SELECT ppoc_staging.plan_status_history']);
  });
});
