/**
 * The job's own temporary folder (issue 20, item 4): 0700, named for its process, the one place
 * SQLite and os.tmpdir() put temporary files while a command runs, removed after it; leftovers
 * of killed commands are removed at the next start, and nothing else is.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeAbandonedTempFolders, withJobTempFolder } from '../../src/files/job-temp';
import { REPO, tempDir } from '../helpers/cli';

const VARIABLES = ['TMPDIR', 'SQLITE_TMPDIR', 'TEMP', 'TMP'] as const;

/** A pid that was a process's and is no more. */
function endedPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('the job\'s own temporary folder', () => {
  it('is 0700, named ppoc-prep-<pid>-<8 hex>, every temporary-folder variable while the work runs; removed and the variables put back after', async () => {
    const saved = VARIABLES.map((name) => process.env[name]);
    let seen = '';
    const result = await withJobTempFolder(async (folder) => {
      seen = folder;
      assert.match(folder, new RegExp(`[/\\\\]ppoc-prep-${process.pid}-[0-9a-f]{8}$`));
      assert.equal(statSync(folder).mode & 0o777, 0o700);
      for (const name of VARIABLES) assert.equal(process.env[name], folder, name);
      assert.equal(tmpdir(), folder, 'os.tmpdir() answers it');
      writeFileSync(join(folder, 'spill'), 'rows');
      return 42;
    });
    assert.equal(result, 42);
    assert.equal(existsSync(seen), false, 'removed with what was in it');
    assert.deepEqual(VARIABLES.map((name) => process.env[name]), saved);
  });

  it('is removed when the work fails too', async () => {
    let seen = '';
    await assert.rejects(withJobTempFolder(async (folder) => {
      seen = folder;
      throw new Error('the run failed');
    }), /the run failed/);
    assert.equal(existsSync(seen), false);
  });

  it('is where SQLite writes its temporary files (a real spill, seen in /proc/self/fd)', function () {
    if (process.platform !== 'linux') return this.skip(); // PENDING off Linux: /proc/self/fd is Linux's
    const script = `
      import { readdirSync, readlinkSync } from 'node:fs';
      const { withJobTempFolder } = await import(${JSON.stringify(join(REPO, 'dataprep/src/files/job-temp.ts'))});
      const { openDatabase } = await import(${JSON.stringify(join(REPO, 'dataprep/src/warehouse/sqlite/database.ts'))});
      await withJobTempFolder(async (folder) => {
        const db = openDatabase(':memory:');
        db.exec('PRAGMA temp_store = FILE; PRAGMA cache_size = 2; CREATE TEMP TABLE spill (x TEXT)');
        const insert = db.prepare('INSERT INTO spill VALUES (?)');
        for (let i = 0; i < 20000; i++) insert.run('row ' + i + ' '.repeat(100));
        const open = readdirSync('/proc/self/fd').map((fd) => { try { return readlinkSync('/proc/self/fd/' + fd); } catch { return ''; } });
        console.log(JSON.stringify({ folder, temporary: open.filter((path) => /etilqs_/.test(path)) }));
        db.close();
      });`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8', env: { ...process.env, SQLITE_TMPDIR: '', TMPDIR: tempDir('job-temp-parent') },
    });
    assert.equal(child.status, 0, child.stderr);
    const { folder, temporary } = JSON.parse(child.stdout) as { folder: string; temporary: string[] };
    assert.ok(temporary.length > 0, 'SQLite spilled to a temporary file');
    for (const path of temporary) assert.ok(path.startsWith(`${folder}/etilqs_`), path);
  });

  it('at the next start removes what killed commands left, and nothing else', () => {
    const parent = tempDir('job-temp-left');
    const outside = join(tempDir('job-temp-outside'), 'keep');
    mkdirSync(outside);
    writeFileSync(join(outside, 'file'), 'theirs');
    const abandoned = `ppoc-prep-${endedPid()}-0a1b2c3d`;
    const ours = `ppoc-prep-${process.pid}-0a1b2c3d`; // this pid's name, left by an earlier process (PID 1 in a container)
    const running = `ppoc-prep-1-0a1b2c3d`; // init is running
    const link = `ppoc-prep-${endedPid()}-deadbeef`;
    const file = `ppoc-prep-${endedPid()}-feedf00d`;
    for (const name of [abandoned, ours, running, 'ppoc-prep-report', 'other']) mkdirSync(join(parent, name));
    writeFileSync(join(parent, abandoned, 'etilqs_1'), 'rows');
    symlinkSync(outside, join(parent, link));
    writeFileSync(join(parent, file), 'not a folder');
    const kept = [running, link, file, 'ppoc-prep-report', 'other'];
    if (process.getuid?.() === 0) {
      const another = `ppoc-prep-${endedPid()}-abad1dea`;
      mkdirSync(join(parent, another));
      chownSync(join(parent, another), 65534, 65534);
      kept.push(another);
    }
    removeAbandonedTempFolders(parent);
    assert.deepEqual(readdirSync(parent).sort(), kept.sort());
    assert.deepEqual(readdirSync(outside), ['file'], 'a link is never followed');
  });
});
