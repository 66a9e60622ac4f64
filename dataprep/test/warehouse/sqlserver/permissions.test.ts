/**
 * The first night on a council's SQL Server, without a server: every statement and bulk copy
 * that whole commands send (`migrate` as the migration login; `run`, `backfill`, `status`,
 * `summary`, `explain`, `issues`, `export` and `doctor` as the job's ppoc_writer login; the
 * report's reads as ppoc_reader) is checked against the grants of sql/ by the T-SQL permission
 * model (tsql-security.ts: GRANT/DENY per object and schema, roles, ownership chaining through
 * views and procedures, EXECUTE AS OWNER, ALTER for TRUNCATE/SWITCH/UPDATE STATISTICS, the app
 * lock's principal). A statement outside the grants is refused as SQL Server refuses it, so the
 * command fails here as it would there; one the model cannot classify fails the test.
 * A later statement (issue 20's run-log reads, say) needs nothing here: the model classifies it.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:net';
import type { IsoDate } from '../../../../core/src/index';
import { CURATED_TABLES } from '../../../src/model/tables';
import { BULK_OPTIONS } from '../../../src/warehouse/sqlserver/connector';
import { CAN_MIGRATE } from '../../../src/warehouse/sqlserver/statements';
import { EXAMPLE_EXTRACT, REPO, tempDir } from '../../helpers/cli';
import { runInProcess } from '../../helpers/in-process';
import { listeningPort } from './doctor-fixture';
import { LOGINS, PermissionWorld, SUMMARY_PLACE } from './permission-world';
import { describeVerdict, summarizeVerdicts } from './tsql-security';

const AS_AT = '2022-05-31';

/** The views docs/report-model.md tells report authors to bind, in the order it lists them. */
function reportViews(): string[] {
  const page = readFileSync(join(REPO, 'docs', 'report-model.md'), 'utf8');
  const paragraph = page.slice(page.indexOf('**SQL Server** (production)'), page.indexOf('The `ppoc_reader` role can read exactly these'));
  return [...paragraph.matchAll(/`(vw_\w+)`/g)].map((m) => `ppoc.${m[1]}`);
}

describe('the first night on SQL Server: every statement of whole commands checked against the grants of sql/', function () {
  this.timeout(120_000);
  const world = new PermissionWorld();
  let restore: () => void = () => undefined;
  let tcp: { port: number; server: Server };
  let archive = '';

  before(async () => {
    // Dynamically, as the command loads it, so both share the module.
    const { replaceConnectorFactory } = await import('../../../src/warehouse/sqlserver/connector-factory');
    restore = replaceConnectorFactory((settings) => world.connectorFor(settings));
    tcp = await listeningPort(); // doctor's TCP step reaches a real socket
    archive = tempDir('archive');
    for (const day of ['2022-05-30', '2022-05-31']) {
      mkdirSync(join(archive, day));
      cpSync(EXAMPLE_EXTRACT, join(archive, day), { recursive: true });
    }
  });

  after(() => {
    restore();
    tcp?.server.close();
  });

  const connection = (login: string) => `Server=127.0.0.1,${tcp.port};Database=PPOC;User Id=${login};Password=not-sent-anywhere`;

  async function command(name: string, login: string, argv: string[], expected = 0): Promise<string> {
    world.command = name;
    const result = await runInProcess(argv, { PPOC_SQLSERVER: connection(login) });
    assert.deepEqual(world.problems(name), [], `${name}: statements outside ${login}'s grants`);
    assert.equal(result.code, expected, `${name} exit code\n${result.stderr}\n${result.stdout}`);
    assert.ok(world.seen.some((s) => s.command === name), `${name} sent nothing`);
    return result.stdout;
  }

  it('migrate, as the migration login (db_owner), applies every file', async () => {
    const out = await command('migrate', 'ppoc_dba', ['migrate']);
    assert.match(out, /Applied 001_schema/);
  });

  // Before the runs: a backfill of an older date after them would leave the live tables rewound (status exits 1).
  it('backfill, as ppoc_writer', async () => {
    assert.match(await command('backfill', 'ppoc_job', ['backfill', '--source-archive', archive]), /Backfill finished/);
  });

  it('run, as ppoc_writer: migrate check, lock, run log, the figures of earlier runs (shrink guards), history, staging, swap', async () => {
    const out = await command('run', 'ppoc_job', ['run', '--source', EXAMPLE_EXTRACT, '--as-at', AS_AT]);
    assert.match(out, /SUCCEEDED/);
  });

  it('run again, so the shrink guards compare with the figures a published run stored', async () => {
    assert.match(await command('run again', 'ppoc_job', ['run', '--source', EXAMPLE_EXTRACT, '--as-at', AS_AT]), /SUCCEEDED/);
    assert.ok(world.seen.some((s) => s.command === 'run again' && s.label === 'SELECT_ACCEPTED_RUN_FIGURES'));
  });

  it('status, summary, explain and issues, as ppoc_writer', async () => {
    await command('status', 'ppoc_job', ['status']);
    await command('summary', 'ppoc_job', ['summary']);
    await command('explain', 'ppoc_job', ['explain', '100001']);
    await command('issues', 'ppoc_job', ['issues']);
  });

  it('summary filtered by locality and team, as ppoc_writer: the typo check reads the places that occur', async () => {
    await command('summary filtered', 'ppoc_job', ['summary', '--locality', SUMMARY_PLACE.locality, '--team', SUMMARY_PLACE.team]);
    const labels = world.seen.filter((s) => s.command === 'summary filtered').map((s) => s.label);
    assert.ok(['SELECT_LOCALITIES', 'SELECT_TEAMS', 'SELECT_PLANNED_ASSESSMENTS'].every((label) => labels.includes(label)), labels.join('\n'));
  });

  it('export, as ppoc_writer', async () => {
    assert.match(await command('export', 'ppoc_job', ['export', '--out', tempDir('export')]), /Exported run/);
  });

  it('doctor, as ppoc_writer', async () => {
    await command('doctor', 'ppoc_job', ['doctor']);
  });

  it('doctor sent every read of doctor/job-reads.ts as ppoc_writer, each allowed', async () => {
    const { jobReads } = await import('../../../src/warehouse/sqlserver/doctor/job-reads');
    const sent = new Set(world.seen.filter((s) => s.command === 'doctor' && s.verdict?.allowed).map((s) => s.sql));
    assert.deepEqual(jobReads(AS_AT as IsoDate).filter((read) => !sent.has(read.sql)).map((read) => read.name), []);
  });

  it('a run whose allocations.csv lost all but one row fails on the shrink guards, as ppoc_writer (after doctor: its last-run check would fail), and its figures are stored', async () => {
    const broken = tempDir('one-allocation');
    cpSync(EXAMPLE_EXTRACT, broken, { recursive: true });
    const allocations = readFileSync(join(broken, 'allocations.csv'), 'utf8').split('\n');
    writeFileSync(join(broken, 'allocations.csv'), `${allocations.slice(0, 2).join('\n')}\n`);
    const out = await command('run one allocation', 'ppoc_job', ['run', '--source', broken, '--as-at', AS_AT], 1);
    assert.match(out, /allocations\.csv has 1 data row, down from 9 \(89% fewer\)/);
    assert.ok(world.seen.some((s) => s.command === 'run one allocation' && s.label.startsWith('INSERT INTO [ppoc].[run_figure]')));
  });

  it('doctor runs every read that run and backfill make (doctor/job-reads.ts lists them)', async () => {
    const { jobReads } = await import('../../../src/warehouse/sqlserver/doctor/job-reads');
    const doctorRuns = new Set(jobReads('2022-05-31' as IsoDate).map((r) => r.sql));
    const reads = world.reads(['run', 'run again', 'run one allocation', 'backfill']);
    assert.ok(reads.length >= 7, reads.join('\n'));
    assert.deepEqual(reads.filter((sql) => !doctorRuns.has(sql)), [], 'a read the job makes that doctor does not run: add it to jobReads in doctor/job-reads.ts');
  });

  it('bulk-copies into every staging table a run loads, as ppoc_writer (the example extract has no care exit, so no run here loads care_exit)', () => {
    const staged = [...CURATED_TABLES, 'plan_status_history', 'data_quality_issue'].map((t) => `ppoc_staging.${t}`);
    const loaded = world.seen.filter((s) => s.label.startsWith('bulk ')).map((s) => s.label.slice('bulk '.length));
    assert.deepEqual(loaded.filter((table) => !staged.includes(table)), [], 'a run loaded a table this test does not check');
    for (const table of staged) {
      const verdict = world.model.bulk(table, LOGINS.ppoc_job, BULK_OPTIONS);
      assert.ok(verdict.allowed, `${table}: ${verdict.accesses.map(describeVerdict).join('; ')}`);
    }
  });

  it('a run on a database whose schema is behind asks whether its login may migrate, as ppoc_writer (the test\'s runs find it current)', () => {
    const verdict = world.model.statement(CAN_MIGRATE, LOGINS.ppoc_job);
    assert.ok(verdict.allowed, verdict.accesses.map(describeVerdict).join('; '));
  });

  it('the report, as ppoc_reader, reads every view report-model.md binds', () => {
    const views = reportViews();
    assert.ok(views.length >= 10, views.join());
    for (const view of views) {
      const verdict = world.model.statement(`SELECT * FROM ${view};`, LOGINS.ppoc_gateway);
      assert.ok(verdict.allowed, `${view}: ${verdict.accesses.map(describeVerdict).join('; ')}`);
    }
    for (const view of ['ppoc.vw_user_access', 'ppoc.vw_data_quality_issue', 'ppoc.planned_assessment']) {
      assert.equal(world.model.statement(`SELECT * FROM ${view};`, LOGINS.ppoc_gateway).refusal?.number, 229, view);
    }
  });

  it('lists every statement it saw, each classified and allowed for its login', () => {
    const lines = new Map<string, string>();
    let migrationBatches = 0;
    for (const s of world.seen) {
      const key = `${s.user} ${s.label}`;
      if (lines.has(key)) continue;
      const accesses = s.verdict?.accesses ?? [];
      if (accesses.some((a) => a.access.kind === 'ddl')) {
        migrationBatches += 1; // sql/ batches: DDL, for db_owner; each is checked like any other
        lines.set(key, '');
        continue;
      }
      lines.set(key, `      ${key}\n${summarizeVerdicts(accesses).map((line) => `          ${line}`).join('\n')}`);
    }
    const listing = [...lines.values()].filter(Boolean);
    console.log(`      ${listing.length} distinct statements and bulk copies besides ${migrationBatches} migration batches ` +
      `(login, statement; what each touches and why it is allowed):\n${listing.join('\n')}`);
    assert.deepEqual(world.seen.filter((s) => s.unclassified || !s.verdict?.allowed), []);
    assert.ok(listing.length > 40 && migrationBatches > 60);
  });
});
