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
    const expected = ['tx1 begin', 'tx1 query GET_LOCK', 'pool query APPLIED_MIGRATIONS'];
    files.forEach((m, i) => {
      const tx = `tx${i + 2}`;
      expected.push(`${tx} begin`);
      for (const batch of m.batches) expected.push(`${tx} query ${batch.split('\n')[0]}`);
      expected.push(`${tx} query MIGRATION_RECORDED`, `${tx} commit`);
    });
    expected.push('tx1 query RELEASE_LOCK', 'tx1 commit');
    assert.deepEqual(rec.labels(), expected);
    const sent = rec.queries().filter((q) => !['pool', 'tx1'].includes(q.on)).map((q) => q.sql);
    assert.ok(!sent.some((sql) => /^\s*GO\s*$/im.test(sql)), 'no GO is ever sent to the server');
  });

  it('apply only what ppoc.schema_version lacks: nothing the second time, the rest after a partial deploy', async () => {
    const rec = new RecordingConnector();
    const w = createSqlServerWarehouse(SETTINGS, rec);
    await w.migrate();
    const before = rec.events.length;
    assert.deepEqual(await w.migrate(), { applied: [] });
    const tx = `tx${loadMigrations().length + 2}`; // tx1 held the lock, one transaction per file
    assert.deepEqual(rec.labels().slice(before), [
      `${tx} begin`, `${tx} query GET_LOCK`, 'pool query APPLIED_MIGRATIONS', `${tx} query RELEASE_LOCK`, `${tx} commit`,
    ]);

    const partial = new RecordingConnector();
    [1, 2, 3].forEach((v) => partial.applied.add(v));
    assert.deepEqual(await createSqlServerWarehouse(SETTINGS, partial).migrate(), {
      applied: loadMigrations().slice(3).map((m) => m.name),
    });
    assert.deepEqual(loadMigrations().slice(3, 5).map((m) => m.name), ['004_views', '005_roles']);
  });

  it('roll a failing file back, name the file and batch, and stop before the next file', async () => {
    const rec = new RecordingConnector();
    rec.failWhen = (e) => (e.op === 'query' && e.sql.includes('ppoc.vw_care_exit') ? new Error('Invalid column name') : undefined);
    const w = createSqlServerWarehouse(SETTINGS, rec);
    await assert.rejects(w.migrate(), /^Error: migration 004_views failed \(batch 3 of 10\); nothing of it was applied: Invalid column name$/);
    assert.deepEqual([...rec.applied].sort(), [1, 2, 3]);
    assert.deepEqual(rec.labels().slice(-3), ['tx5 rollback', 'tx1 query RELEASE_LOCK', 'tx1 commit']);
    assert.ok(!rec.labels().some((l) => l.startsWith('tx6')));
  });

  it('wait for no refresh: refused at once while a refresh holds the lock', async () => {
    const rec = new RecordingConnector();
    rec.lockHeldElsewhere = true;
    await assert.rejects(createSqlServerWarehouse(SETTINGS, rec).migrate(), /another refresh is running: migrate when it has finished/);
    assert.deepEqual(rec.labels(), ['tx1 begin', 'tx1 query GET_LOCK', 'tx1 rollback']);
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
