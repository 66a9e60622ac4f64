import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MIGRATIONS_DIR } from '../../../src/warehouse/sqlserver/migrations';

/**
 * A migration a council's database has applied is never run again (ppoc.schema_version records
 * its name), so a change to a released file would never reach them: changes go in a new
 * sql/NNN_*.sql. sql/released.sha256 (sha256sum's format) pins every released file; a new file
 * is added to it when it ships.
 */
const manifest = readFileSync(join(DEFAULT_MIGRATIONS_DIR, 'released.sha256'), 'utf8')
  .split('\n').filter((line) => line.trim() !== '')
  .map((line) => {
    const [hash, file] = line.split(/\s+\*?/);
    return { hash, file };
  });

describe('released SQL Server migrations are frozen', () => {
  it('each released file is byte for byte what shipped (a change goes in a new migration)', () => {
    assert.ok(manifest.length >= 11, `${manifest.length} files pinned`);
    for (const { hash, file } of manifest) {
      const actual = createHash('sha256').update(readFileSync(join(DEFAULT_MIGRATIONS_DIR, file))).digest('hex');
      assert.equal(actual, hash, `${file} changed after release: restore it and put the change in a new sql/NNN_*.sql`);
    }
  });

  it('every migration in sql/ is pinned (add a new one to released.sha256 when it ships)', () => {
    const files = readdirSync(DEFAULT_MIGRATIONS_DIR).filter((name) => /^\d{3}_.+\.sql$/.test(name)).sort();
    assert.deepEqual(files, manifest.map((m) => m.file).sort());
  });
});
