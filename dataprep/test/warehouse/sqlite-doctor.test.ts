/** `doctor` for SQLite in-process: the run lock held by a writer, a killed run, a newer schema, a damaged file. */
import assert from 'node:assert/strict';
import { chmodSync, linkSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteDoctor } from '../../src/warehouse/sqlite/doctor';
import { openDatabase } from '../../src/warehouse/sqlite/database';
import { createSqliteWarehouse } from '../../src/warehouse/sqlite/index';
import { SQLITE_SCHEMA_VERSION } from '../../src/warehouse/sqlite/schema';
import { runInfo } from '../helpers/refresh-set-fixture';
import { tempDir } from '../helpers/cli';

async function migratedFile(): Promise<string> {
  const file = join(tempDir('sqlite-doctor'), 'ppoc.sqlite');
  const w = createSqliteWarehouse(file);
  await w.migrate();
  await w.close();
  chmodSync(file, 0o600);
  return file;
}

const byCheck = (file: string) => Object.fromEntries(sqliteDoctor(file).map((r) => [r.check, r]));

describe('ppoc-prep doctor for SQLite (in-process)', () => {
  it('says a run is running while a writer holds the run lock, and that it was stopped once the lock is free', async () => {
    const file = await migratedFile();
    const writer = createSqliteWarehouse(file);
    await writer.startRun(runInfo({ runId: 'r-live' }));
    assert.equal(byCheck(file)['last run'].status, 'ok');
    assert.match(byCheck(file)['last run'].detail, /^r-live \(as at .*\) is running now/);
    await writer.close(); // the process "dies" without finishing: the row stays `running`, the lock goes
    const last = byCheck(file)['last run'];
    assert.equal(last.status, 'FAIL');
    assert.match(last.detail, /marked running .* holds no lock: it was stopped before finishing, and nothing of it was published/);
  });

  it('fails a schema newer than this release, and a file that is not a database, without a stack', async () => {
    const file = await migratedFile();
    const db = openDatabase(file);
    db.prepare('INSERT INTO schema_version (version, applied_at_utc) VALUES (99, ?)').run(new Date().toISOString());
    db.close();
    assert.deepEqual(byCheck(file)['schema version'], { check: 'schema version', status: 'FAIL', detail: `99 is newer than this release's ${SQLITE_SCHEMA_VERSION}`, fix: 'upgrade ppoc-prep' });

    const junk = join(tempDir('sqlite-doctor'), 'junk.sqlite');
    writeFileSync(junk, 'not a database at all, just text', { mode: 0o600 });
    assert.deepEqual(sqliteDoctor(junk), [{
      check: 'file', status: 'FAIL', detail: `the SQLite file ${junk} is not a SQLite database`,
      fix: 'give the path of the job\'s database, or of a file that does not exist yet',
    }]);
    // SQLite's header, then damage: the file check passes, SQLite itself refuses it.
    const damaged = join(tempDir('sqlite-doctor'), 'damaged.sqlite');
    writeFileSync(damaged, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(200, 0xff)]), { mode: 0o600 });
    const results = sqliteDoctor(damaged);
    assert.equal(results.at(-1)?.status, 'FAIL');
    assert.match(results.at(-1)?.detail ?? '', /^SQLite cannot (open|read) .*damaged\.sqlite \(SQLITE_(NOTADB|CORRUPT)\)$/);
  });

  it('fails a folder given as the file', () => {
    const dir = join(tempDir('sqlite-doctor'), 'a-folder');
    mkdirSync(dir);
    assert.deepEqual(sqliteDoctor(dir).map((r) => `${r.status} ${r.check}`), ['FAIL file']);
  });

  it('fails what a run would refuse: the file through a symbolic link or with a second name, a link at the lock\'s name', async () => {
    const file = await migratedFile();
    const elsewhere = tempDir('sqlite-doctor');
    const link = join(elsewhere, 'link.sqlite');
    symlinkSync(file, link);
    assert.deepEqual(sqliteDoctor(link).map((r) => [r.status, r.check, r.detail]), [['FAIL', 'file', `the SQLite file ${link} is a symbolic link to ${file}`]]);
    assert.match(sqliteDoctor(link)[0].fix ?? '', /^the job writes only through a file's real path: give .*ppoc\.sqlite instead$/);
    unlinkSync(`${file}.run-lock`); // the lock file the migrate left
    symlinkSync(join(elsewhere, 'nowhere'), `${file}.run-lock`);
    assert.deepEqual(sqliteDoctor(file).map((r) => [r.status, r.check, r.detail]), [['FAIL', 'file', `the run lock ${file}.run-lock is a symbolic link that leads nowhere`]]);
    unlinkSync(`${file}.run-lock`);
    linkSync(file, join(elsewhere, 'second.sqlite'));
    assert.deepEqual(sqliteDoctor(file).map((r) => [r.status, r.check, r.detail]), [['FAIL', 'file', `the SQLite file ${file} has 2 names (hard links)`]]);
  });
});
