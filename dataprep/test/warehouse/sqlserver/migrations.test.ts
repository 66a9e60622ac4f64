import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqlServerWarehouse } from '../../../src/warehouse/sqlserver/index';
import { loadMigrations, splitBatches } from '../../../src/warehouse/sqlserver/migrations';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import { RecordingConnector } from './recording-connector';

const SETTINGS = parseSqlServerSettings('Server=db01;Database=ppoc;User Id=dba;Password=unused-here');

describe('SQL Server migrations', () => {
  it('split scripts on GO lines the way sqlcmd does, and only there', () => {
    const script = [
      '-- header only', 'GO', 'SELECT 1;', 'go', 'SELECT 2; -- GO here is a comment', '  GO  -- trailing comment',
      'SELECT N\'GOTO\';', 'GOTO done;', 'GO', '', '-- comment-only batch', 'GO',
    ].join('\r\n');
    assert.deepEqual(splitBatches(script), ['SELECT 1;', 'SELECT 2; -- GO here is a comment', "SELECT N'GOTO';\nGOTO done;"]);
  });

  it('apply every file in numeric order, batch by batch, each file in its own transaction', async () => {
    const rec = new RecordingConnector();
    const w = createSqlServerWarehouse(SETTINGS, rec);
    const { applied } = await w.migrate();
    const files = loadMigrations();
    assert.deepEqual(applied, files.map((m) => m.name));
    const expected = ['tx1 begin', 'tx1 query XACT_ABORT_ON', 'tx1 query GET_LOCK', 'pool query APPLIED_MIGRATIONS', 'pool query CAN_MIGRATE'];
    files.forEach((m, i) => {
      const tx = `tx${i + 2}`;
      expected.push(`${tx} begin`, `${tx} query XACT_ABORT_ON`);
      for (const batch of m.batches) expected.push(`${tx} query ${batch.split('\n')[0]}`);
      expected.push(`${tx} query MIGRATION_RECORDED`, `${tx} commit`);
    });
    expected.push('tx1 rollback');
    assert.deepEqual(rec.labels(), expected);
    const sent = rec.queries().filter((q) => !['pool', 'tx1'].includes(q.on)).map((q) => q.sql);
    assert.equal(sent.filter((sql) => sql === 'SET XACT_ABORT ON;').length, files.length, 'each file\'s transaction aborts whole on any error');
    assert.ok(!sent.some((sql) => /^\s*GO\s*$/im.test(sql)), 'no GO is ever sent to the server');
  });

  it('apply only what ppoc.schema_version lacks: nothing the second time, the rest after a partial deploy', async () => {
    const rec = new RecordingConnector();
    const w = createSqlServerWarehouse(SETTINGS, rec);
    await w.migrate();
    const before = rec.events.length;
    assert.deepEqual(await w.migrate(), { applied: [] });
    const next = `tx${loadMigrations().length + 2}`;
    assert.deepEqual(rec.labels().slice(before), [
      `${next} begin`, `${next} query XACT_ABORT_ON`, `${next} query GET_LOCK`, 'pool query APPLIED_MIGRATIONS', `${next} rollback`,
    ]);

    const partial = new RecordingConnector();
    [1, 2, 3].forEach((v) => partial.applied.add(v));
    const rest = loadMigrations().filter((m) => m.version > 3).map((m) => m.name);
    assert.deepEqual(await createSqlServerWarehouse(SETTINGS, partial).migrate(), { applied: rest });
    assert.deepEqual(rest.slice(0, 4), ['004_views', '005_roles', '006_operations', '007_lock_owner_checks']);
  });

  it('roll a failing file back, name the file and batch, and stop before the next file', async () => {
    const rec = new RecordingConnector();
    rec.failWhen = (e) => (e.op === 'query' && e.sql.includes('ppoc.vw_care_exit') ? new Error('Invalid column name') : undefined);
    const w = createSqlServerWarehouse(SETTINGS, rec);
    const batches = loadMigrations()[3].batches.length;
    await assert.rejects(w.migrate(), new RegExp(`^Error: migration 004_views failed \\(batch 3 of ${batches}\\); nothing of it was applied: Invalid column name$`));
    assert.deepEqual([...rec.applied].sort(), [1, 2, 3]);
    assert.deepEqual(rec.labels().slice(-3), ['tx5 query CREATE OR ALTER VIEW ppoc.vw_care_exit', 'tx5 rollback', 'tx1 rollback']);
    assert.ok(!rec.labels().some((l) => l.startsWith('tx6')));
  });

  it('wait for no refresh: refused at once while a refresh holds the lock', async () => {
    const rec = new RecordingConnector();
    rec.lockHeldElsewhere = true;
    await assert.rejects(createSqlServerWarehouse(SETTINGS, rec).migrate(), /another refresh is running: migrate when it has finished/);
    assert.deepEqual(rec.labels(), ['tx1 begin', 'tx1 query XACT_ABORT_ON', 'tx1 query GET_LOCK', 'tx1 rollback']);
  });

  it('refuse a file that does not record itself, and a gap in the numbering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ppoc-sql-'));
    writeFileSync(join(dir, '001_only.sql'), 'SELECT 1;\nGO\n');
    const w = createSqlServerWarehouse(SETTINGS, new RecordingConnector(), { migrationsDir: dir });
    await assert.rejects(w.migrate(), /001_only failed \(check\).*did not record itself/);
    writeFileSync(join(dir, '003_gap.sql'), 'SELECT 1;\n');
    assert.throws(() => loadMigrations(dir), /expected migration 002, found 003_gap/);
  });
});
