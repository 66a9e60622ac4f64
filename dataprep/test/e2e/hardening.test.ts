/**
 * Issue 12's breaks, each done for real against the `ppoc-prep` command: owner-only files under
 * umask 022, a FIFO and a /dev/zero symlink in the extract folder, an impossible SQLite path,
 * an unreadable extract folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, EXAMPLE_EXTRACT, runCli, startCli, tempDir } from '../helpers/cli';

const UMASK_022 = ['sh', '-c', 'umask 022 && exec "$@"', 'sh'];
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8).padStart(4, '0');
const run = (source: string, db: string, env: Record<string, string> = {}) =>
  runCli(['run', '--source', source, '--as-at', '2022-05-31', '--sqlite', db], env, 30_000);

/** A copy of the example extract with `file` replaced by whatever `make` puts at its path. */
function extractWith(file: string, make: (path: string) => void): string {
  const dir = join(tempDir('special'), 'extract');
  cpSync(EXAMPLE_EXTRACT, dir, { recursive: true });
  rmSync(join(dir, file));
  make(join(dir, file));
  return dir;
}

/** Whether uid 65534 (nobody) can run the command from this checkout (its parents may be 0700). */
function readableByNobody(): boolean {
  const probe = spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(BIN)})`], { uid: 65534, gid: 65534 });
  return probe.status === 0;
}

describe('e2e: hardening (real processes)', function () {
  this.timeout(120_000);

  it('creates the data folder 0700 and the SQLite file, -wal, -shm, run lock and demo extract 0600 under umask 022', async () => {
    const root = tempDir('modes');
    const demo = join(root, 'demo');
    const data = join(root, 'data');
    const db = join(data, 'ppoc.sqlite');
    // Big enough that a run is still reading when it is killed just after "refresh started".
    const made = await startCli(['demo-extract', '--out', demo, '--children', '3000', '--as-at', '2022-05-31'], {}, { wrap: UMASK_022 }).done;
    assert.equal(made.code, 0, made.stderr);
    const first = await startCli(['run', '--source', demo, '--as-at', '2022-05-31', '--sqlite', db], {}, { wrap: UMASK_022 }).done;
    assert.equal(first.code, 0, first.stderr);
    chmodSync(db, 0o644); // as an older version left it: tightened when opened for writing
    // A run killed mid-way leaves SQLite's -wal and -shm behind, as SQLite created them.
    const killed = startCli(['run', '--source', demo, '--as-at', '2022-05-31', '--sqlite', db], {}, { wrap: UMASK_022 });
    await killed.waitForLog(/INFO refresh started/);
    killed.child.kill('SIGKILL');
    await killed.done;
    assert.deepEqual(
      Object.fromEntries([data, db, `${db}-wal`, `${db}-shm`, `${db}.run-lock`, demo].map((p) => [p.slice(root.length), mode(p)])),
      { '/data': '0700', '/data/ppoc.sqlite': '0600', '/data/ppoc.sqlite-wal': '0600', '/data/ppoc.sqlite-shm': '0600',
        '/data/ppoc.sqlite.run-lock': '0600', '/demo': '0700' },
    );
    for (const file of readdirSync(demo)) assert.equal(mode(join(demo, file)), '0600', file);
  });

  it('refuses a FIFO and a symlink to /dev/zero named episodes.csv within 10 s, naming the file (exit 1)', async () => {
    const fifo = extractWith('episodes.csv', (path) => assert.equal(spawnSync('mkfifo', [path]).status, 0, 'mkfifo'));
    const zero = extractWith('episodes.csv', (path) => symlinkSync('/dev/zero', path));
    const [fromFifo, fromZero] = await Promise.all([
      run(fifo, join(tempDir('fifo'), 'ppoc.sqlite')),
      run(zero, join(tempDir('zero'), 'ppoc.sqlite')),
    ]);
    assert.equal(fromFifo.code, 1, fromFifo.stderr);
    assert.match(fromFifo.stdout, /Reason: episodes\.csv: not a regular file \(a named pipe\)/);
    assert.equal(fromZero.code, 1, fromZero.stderr);
    assert.match(fromZero.stdout, /Reason: episodes\.csv: not a regular file \(a device\)/);
    for (const r of [fromFifo, fromZero]) assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
  });

  it('PPOC_SQLITE=/proc/nope/x.sqlite fails within 10 s with one line', async () => {
    const result = await runCli(['run', '--source', EXAMPLE_EXTRACT, '--as-at', '2022-05-31'], { PPOC_SQLITE: '/proc/nope/x.sqlite' }, 10_000);
    assert.notEqual(result.code, 0);
    assert.notEqual(result.code, null, 'ended by itself, not by the 10 s kill');
    assert.equal(result.stderr.trim(), 'ppoc-prep run: cannot create the folder /proc/nope (ENOENT)');
  });

  // root reads any folder, so as root the run goes as nobody: that needs a checkout nobody can read.
  const asRoot = process.getuid?.() === 0;
  const canRun = !asRoot || readableByNobody();
  (canRun ? it : it.skip)(`says "cannot read the extract folder" for a folder it may not read, not "required file is missing"${
    canRun ? '' : ' (SKIPPED: running as root and user nobody cannot read this checkout)'}`, async () => {
    const root = tempDir('unreadable');
    const folder = join(root, 'extract');
    cpSync(EXAMPLE_EXTRACT, folder, { recursive: true });
    chmodSync(folder, 0o000);
    chmodSync(root, 0o777);
    const data = join(root, 'data');
    mkdirSync(data);
    if (asRoot) chownSync(data, 65534, 65534);
    const result = await startCli(['run', '--source', folder, '--as-at', '2022-05-31', '--sqlite', join(data, 'ppoc.sqlite')], {}, {
      spawn: asRoot ? { uid: 65534, gid: 65534 } : {},
    }).done;
    chmodSync(folder, 0o700);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /Reason: cannot read the extract folder \S+ \(EACCES\)/);
    assert.doesNotMatch(result.stdout + result.stderr, /missing/);
  });
});
