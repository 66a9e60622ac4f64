/**
 * Issue 20's "files that are not the job's" and read-command breaks, each done for real against
 * the `ppoc-prep` command: `--sqlite` at a text file, a device, a link or a second name; read
 * commands given a FIFO; `status --max-age-hours` on no database; the job's own temporary
 * folder; a demo extract over a linked name.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/warehouse/sqlite/database';
import { EXAMPLE_EXTRACT, runCli, snapshotCurated, startCli, tempDir } from '../helpers/cli';

const AS_AT = '2022-05-31';
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8).padStart(4, '0');
const run = (db: string, env: Record<string, string> = {}) => runCli(['run', '--source', EXAMPLE_EXTRACT, '--as-at', AS_AT, '--sqlite', db], env, 30_000);
const lines = (text: string) => text.trimEnd().split('\n');

/** A pid that was a process's and is no more (the probe has exited). */
function endedPid(): number {
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(probe.stdout);
}

describe('e2e: only the job\'s own files (issue 20, real processes)', function () {
  this.timeout(120_000);

  it('run --sqlite at a text file, a FIFO or (as root) a device: one line, exit 2 within 10 s; its mode kept, no lock made', async () => {
    const dir = tempDir('own-cli');
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'minutes', { mode: 0o644 });
    const fifo = join(dir, 'pipe');
    assert.equal(spawnSync('mkfifo', ['-m', '644', fifo]).status, 0);
    const asRoot = process.getuid?.() === 0;
    const zero = join(dir, 'zero');
    if (asRoot) assert.equal(spawnSync('mknod', ['-m', '666', zero, 'c', '1', '5']).status, 0, 'mknod: /dev/zero\'s device');
    const targets = asRoot ? [notes, fifo, zero] : [notes, fifo];
    const results = await Promise.all(targets.map((target) => runCli(['run', '--source', EXAMPLE_EXTRACT, '--as-at', AS_AT, '--sqlite', target], {}, 10_000)));
    assert.match(results[0].stderr, /^ppoc-prep run: the SQLite file .*notes\.txt is not a SQLite database: give the path of the job's database, or of a file that does not exist yet\n$/);
    assert.match(results[1].stderr, /^ppoc-prep run: the SQLite file .*pipe is not a regular file \(a named pipe\): give the path of a file\n$/);
    if (asRoot) assert.match(results[2].stderr, /^ppoc-prep run: the SQLite file .*zero is not a regular file \(a device\): give the path of a file\n$/);
    for (const result of results) assert.equal(result.code, 2, result.stderr);
    assert.deepEqual(targets.map(mode), asRoot ? ['0644', '0644', '0666'] : ['0644', '0644']);
    assert.equal(readFileSync(notes, 'utf8'), 'minutes');
    assert.deepEqual(readdirSync(dir).sort(), ['notes.txt', 'pipe', ...(asRoot ? ['zero'] : [])], 'no lock file was made');
  });

  it('run through a symbolic link or a second (hard) name of the database: refused, exit 2, the database untouched', async () => {
    const data = tempDir('own-real');
    const db = join(data, 'ppoc.sqlite');
    assert.equal((await run(db)).code, 0);
    const before = snapshotCurated(db);
    const other = tempDir('own-names');
    const link = join(other, 'link.sqlite');
    const hard = join(other, 'hard.sqlite');
    symlinkSync(db, link);
    const viaLink = await run(link);
    assert.equal(viaLink.code, 2, viaLink.stderr);
    assert.equal(viaLink.stderr, `ppoc-prep run: the SQLite file ${link} is a symbolic link to ${db}: the job writes only through a file's real path: give ${db} instead\n`);
    linkSync(db, hard);
    const [first, second] = await Promise.all([run(db), run(hard)]);
    for (const result of [first, second]) {
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /^ppoc-prep run: the SQLite file .* has 2 names \(hard links\): remove every other name and keep one/);
      assert.doesNotMatch(result.stderr, /malformed/);
    }
    assert.deepEqual(readdirSync(other).sort(), ['hard.sqlite', 'link.sqlite'], 'no lock beside either name');
    assert.deepEqual(snapshotCurated(db), before);
  });

  it('status, summary, explain, issues and export given a FIFO as the SQLite file: one line, exit 2, within 10 s', async () => {
    const fifo = join(tempDir('own-fifo'), 'ppoc.sqlite');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const commands = [['status'], ['summary'], ['explain', '100001'], ['issues'], ['export', '--out', join(tempDir('own-fifo-out'), 'out')]];
    const results = await Promise.all(commands.map((args) => runCli([...args, '--sqlite', fifo], {}, 10_000)));
    results.forEach((result, i) => {
      assert.equal(result.code, 2, `${commands[i][0]}: ${result.stderr}`);
      assert.equal(result.stderr, `ppoc-prep ${commands[i][0]}: ${fifo} is not a regular file (a named pipe): give the SQLite database file\n`);
    });
  });

  it('status --max-age-hours on a missing, empty, non-SQLite or FIFO file, or a SQLite file of another program: one line for the monitor, exit 1', async () => {
    const dir = tempDir('own-monitor');
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    const text = join(dir, 'text.sqlite');
    writeFileSync(text, 'hello');
    const fifo = join(dir, 'fifo.sqlite');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const foreign = join(dir, 'foreign.sqlite'); // a SQLite database, not the job's
    const db = openDatabase(foreign);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    const cases: [string, string][] = [
      [foreign, `STALE: ${foreign} holds none of the job's tables: run "ppoc-prep run" (or "npm start") first`],
      [join(dir, 'missing.sqlite'), `STALE: no database at ${join(dir, 'missing.sqlite')}: run "ppoc-prep run" (or "npm start") first`],
      [empty, `STALE: ${empty} is empty, no database yet: run "ppoc-prep run" (or "npm start") first`],
      [text, `STALE: ${text} is not a SQLite database: give the job's database file`],
      [fifo, `STALE: ${fifo} is not a regular file (a named pipe): give the SQLite database file`],
    ];
    const results = await Promise.all(cases.map(([file]) => runCli(['status', '--sqlite', file, '--max-age-hours', '26'], {}, 10_000)));
    results.forEach((result, i) => {
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.deepEqual(lines(result.stdout), [cases[i][1]]);
      assert.equal(result.stderr, '');
    });
  });

  describe('the job\'s own temporary folder', () => {
    it('exists 0700 while a command runs, named by its pid, as TMPDIR and SQLITE_TMPDIR; removed when it ends', async () => {
      const tmp = tempDir('own-tmp');
      const db = join(tempDir('own-tmp-db'), 'ppoc.sqlite');
      const schedule = startCli(['schedule', '--cron', '0 0 1 1 *', '--source', EXAMPLE_EXTRACT, '--sqlite', db], { TMPDIR: tmp });
      await schedule.waitForLog(/INFO scheduler started/);
      const names = readdirSync(tmp);
      assert.deepEqual(names.map((n) => n.replace(/-[0-9a-f]{8}$/, '-…')), [`ppoc-prep-${schedule.child.pid}-…`]);
      assert.equal(mode(join(tmp, names[0])), '0700');
      schedule.child.kill('SIGTERM');
      assert.equal((await schedule.done).code, 0);
      assert.deepEqual(readdirSync(tmp), [], 'removed when the command ended');
    });

    it('a folder a killed command left is removed at the next start: only the job\'s own, of an ended process', async () => {
      const tmp = tempDir('own-tmp-left');
      const victim = join(tempDir('own-tmp-victim'), 'keep');
      mkdirSync(victim);
      writeFileSync(join(victim, 'file'), 'theirs');
      const abandoned = `ppoc-prep-${endedPid()}-0a1b2c3d`;
      const live = `ppoc-prep-${process.pid}-0a1b2c3d`; // this test process is running
      const linked = `ppoc-prep-${endedPid()}-deadbeef`;
      for (const name of [abandoned, live, 'ppoc-other', 'ppoc-prep-notes']) mkdirSync(join(tmp, name));
      writeFileSync(join(tmp, abandoned, 'etilqs_leftover'), 'rows');
      symlinkSync(victim, join(tmp, linked));
      const result = await runCli(['status', '--sqlite', join(tmp, 'none.sqlite')], { TMPDIR: tmp }, 30_000);
      assert.equal(result.code, 2, result.stderr);
      assert.deepEqual(readdirSync(tmp).sort(), [linked, live, 'ppoc-other', 'ppoc-prep-notes'].sort());
      assert.deepEqual(readdirSync(victim), ['file'], 'a link is never followed');
    });
  });

  it('demo-extract over a folder whose file names are links replaces the links, never writes through them', async () => {
    const out = join(tempDir('own-demo'), 'extract');
    mkdirSync(out);
    const victim = join(tempDir('own-demo-victim'), 'episodes-of-someone-else.csv');
    writeFileSync(victim, 'keep me', { mode: 0o644 });
    symlinkSync(victim, join(out, 'episodes.csv'));
    const made = await runCli(['demo-extract', '--out', out, '--children', '20', '--as-at', AS_AT]);
    assert.equal(made.code, 0, made.stderr);
    assert.equal(readFileSync(victim, 'utf8'), 'keep me');
    assert.equal(mode(victim), '0644');
    assert.ok(lstatSync(join(out, 'episodes.csv')).isFile(), 'the link was replaced by a file');
    assert.equal(mode(join(out, 'episodes.csv')), '0600');
    assert.deepEqual(readdirSync(out).filter((f) => f.endsWith('.tmp')), []);
  });
});
