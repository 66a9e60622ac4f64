/**
 * Only the job's own files (issue 20, item 4), in-process: the writer refuses a SQLite path that
 * is a link, has a second name, is not a regular file or not a SQLite database, before any lock
 * file is made, and never chmods or locks a file through a link; every name of one database
 * shares one run lock; a file swapped in under the lock is noticed before anything is committed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileRefusedError } from '../../src/files/real-names';
import { createSqliteWarehouse } from '../../src/warehouse/sqlite/index';
import { RunLock, runLockPath } from '../../src/warehouse/sqlite/run-lock';
import { RefreshLockedError } from '../../src/warehouse/warehouse';
import { query, tempDir } from '../helpers/cli';
import { runInfo, runOutcome, sampleRefreshSet } from '../helpers/refresh-set-fixture';
import { publishSet } from '../helpers/sqlite';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8).padStart(4, '0');

/** A folder holding a published database `ppoc.sqlite`, and the folder's listing and the file's bytes, to compare after. */
async function publishedDatabase(): Promise<{ dir: string; db: string; listing: string[]; bytes: Buffer }> {
  const dir = tempDir('own-db');
  const db = join(dir, 'ppoc.sqlite');
  const warehouse = createSqliteWarehouse(db);
  await warehouse.migrate();
  await publishSet(warehouse, sampleRefreshSet('a'));
  await warehouse.close();
  return { dir, db, listing: readdirSync(dir).sort(), bytes: readFileSync(db) };
}

/** A file of someone else's, readable by all (0644), that nothing may change. */
function victimFile(content = ''): { path: string; check: () => void } {
  const path = join(tempDir('victim'), 'their-file');
  writeFileSync(path, content, { mode: 0o644 });
  return {
    path,
    check: () => {
      assert.equal(mode(path), '0644', 'its mode is unchanged');
      assert.equal(readFileSync(path, 'utf8'), content, 'its bytes are unchanged');
      assert.deepEqual(readdirSync(join(path, '..')), ['their-file'], 'nothing was made beside it');
    },
  };
}

const refused = (file: string, pattern: RegExp) => assert.throws(() => createSqliteWarehouse(file), (error: unknown) => {
  assert.ok(error instanceof FileRefusedError, String(error));
  assert.match(error.message, pattern);
  assert.doesNotMatch(error.message, /\n/);
  return true;
});

describe('SQLite writer: only the job\'s own files', () => {
  it('refuses a file that is not a SQLite database before any lock file is made, and leaves its mode and bytes', () => {
    const dir = tempDir('own-notdb');
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'minutes of the meeting', { mode: 0o644 });
    refused(notes, /^the SQLite file .*notes\.txt is not a SQLite database: give the path of the job's database, or of a file that does not exist yet$/);
    assert.equal(mode(notes), '0644');
    assert.equal(readFileSync(notes, 'utf8'), 'minutes of the meeting');
    assert.deepEqual(readdirSync(dir), ['notes.txt'], 'no lock file, no -wal');
  });

  it('refuses a named pipe at once and, as root, a device node, changing neither and making no lock', () => {
    const dir = tempDir('own-special');
    const fifo = join(dir, 'pipe.sqlite');
    assert.equal(spawnSync('mkfifo', ['-m', '644', fifo]).status, 0, 'mkfifo');
    refused(fifo, /^the SQLite file .*pipe\.sqlite is not a regular file \(a named pipe\): give the path of a file$/);
    assert.equal(mode(fifo), '0644');
    if (process.getuid?.() === 0) {
      const zero = join(dir, 'zero');
      assert.equal(spawnSync('mknod', ['-m', '666', zero, 'c', '1', '5']).status, 0, 'mknod (the same device as /dev/zero)');
      refused(zero, /^the SQLite file .*zero is not a regular file \(a device\)/);
      assert.equal(mode(zero), '0666', 'the device keeps its mode');
    }
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('run-lock')), []);
  });

  it('accepts an empty file as SQLite does (a first run stopped before it wrote)', async () => {
    const file = join(tempDir('own-empty'), 'ppoc.sqlite');
    writeFileSync(file, '', { mode: 0o600 });
    const warehouse = createSqliteWarehouse(file);
    await warehouse.migrate();
    await warehouse.close();
    assert.ok(statSync(file).size > 0);
  });

  it('refuses a database name that is a symbolic link, naming the real path, and makes no lock beside the link or its target', async () => {
    const { dir, db, listing, bytes } = await publishedDatabase();
    const elsewhere = tempDir('own-link');
    const link = join(elsewhere, 'ppoc.sqlite');
    symlinkSync(db, link);
    refused(link, new RegExp(`^the SQLite file .*ppoc\\.sqlite is a symbolic link to ${db}: the job writes only through a file's real path: give ${db} instead$`));
    assert.deepEqual(readdirSync(elsewhere), ['ppoc.sqlite'], 'no lock beside the link');
    assert.deepEqual(readdirSync(dir).sort(), listing, 'nothing made beside the target');
    assert.deepEqual(readFileSync(db), bytes);

    const victim = victimFile();
    const toVictim = join(elsewhere, 'victim.sqlite');
    symlinkSync(victim.path, toVictim);
    refused(toVictim, /is a symbolic link to .*their-file/);
    victim.check();
  });

  it('refuses both names of a hard-linked database (two names corrupt it), leaving it as it was', async () => {
    const { dir, db, bytes } = await publishedDatabase();
    const second = join(tempDir('own-hard'), 'second.sqlite');
    linkSync(db, second);
    for (const name of [db, second]) refused(name, /has 2 names \(hard links\): remove every other name and keep one/);
    assert.deepEqual(readFileSync(db), bytes);
    assert.deepEqual(readdirSync(join(second, '..')), ['second.sqlite'], 'no second lock');
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('-journal')), []);
  });

  it('shares one run lock between names reached through a linked folder', async () => {
    const { dir, db } = await publishedDatabase();
    const linkedFolder = join(tempDir('own-folder'), 'data');
    symlinkSync(dir, linkedFolder);
    const holder = createSqliteWarehouse(db);
    try {
      assert.throws(() => createSqliteWarehouse(join(linkedFolder, 'ppoc.sqlite')), RefreshLockedError);
    } finally {
      await holder.close();
    }
    const viaLink = createSqliteWarehouse(join(linkedFolder, 'ppoc.sqlite')); // a folder on the way may be a link
    await viaLink.close();
  });

  it('never takes, chmods or writes a lock through a link or a second name, nor SQLite\'s -wal through a link', async () => {
    const cases: [string, (target: string, at: string) => void, RegExp][] = [
      ['.run-lock', symlinkSync, /^the run lock .*ppoc\.sqlite\.run-lock is a symbolic link to .*their-file/],
      ['.run-lock', linkSync, /^the run lock .*ppoc\.sqlite\.run-lock has 2 names \(hard links\)/],
      ['-wal', symlinkSync, /^SQLite's own file .*ppoc\.sqlite-wal is a symbolic link to .*their-file/],
    ];
    for (const [suffix, link, pattern] of cases) {
      const dir = tempDir('own-lock');
      const db = join(dir, 'ppoc.sqlite');
      const victim = victimFile();
      link(victim.path, `${db}${suffix}`);
      refused(db, pattern);
      victim.check();
      assert.equal(readdirSync(dir).includes('ppoc.sqlite') && statSync(db).size > 0, false, 'no database written');
    }
  });

  it('notices a file swapped in at the database\'s name under the lock: the publish is rolled back, nothing written', async () => {
    const { dir, db } = await publishedDatabase();
    const swapIn = join(dir, 'copy.sqlite');
    const warehouse = createSqliteWarehouse(db);
    try {
      const run = runInfo({ runId: 'swapped' });
      await warehouse.startRun(run);
      copyFileSync(db, swapIn);
      renameSync(swapIn, db); // another program replaces the file while the run holds it
      await assert.rejects(warehouse.publish(run, sampleRefreshSet('b'), runOutcome()), /^FileRefusedError: the SQLite file .*ppoc\.sqlite was replaced, or given another name, while this run held its lock: nothing was written/);
    } finally {
      await warehouse.close();
    }
    assert.deepEqual(query(db, "SELECT run_id FROM refresh_log WHERE status = 'succeeded' AND run_id = 'swapped'"), []);
  });

  it('keeps the lock file empty: the guarded identity lives in the held transaction, with no journal file', () => {
    const dir = tempDir('own-lockfile');
    mkdirSync(join(dir, 'data'));
    const path = runLockPath(join(dir, 'data', 'ppoc.sqlite'));
    const lock = new RunLock(path);
    lock.acquire();
    lock.guard('2049:1234');
    assert.equal(lock.guarded(), '2049:1234');
    assert.deepEqual(readdirSync(join(dir, 'data')), ['ppoc.sqlite.run-lock'], 'no -journal beside it');
    assert.throws(() => new RunLock(path).acquire(), RefreshLockedError);
    lock.release();
    assert.equal(statSync(path).size, 0);
    assert.equal(mode(path), '0600');
  });
});
