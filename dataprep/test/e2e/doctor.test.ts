/** The real `ppoc-prep doctor` command in child processes: SQLite files, and SQL Server addresses where nothing listens. */
import assert from 'node:assert/strict';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_EXTRACT, runCli, tempDir } from '../helpers/cli';

const SECRET = 'Doctor-8b2f-DistinctiveSecret';

function assertClean(output: string): void {
  assert.ok(!output.includes(SECRET), 'no password');
  assert.doesNotMatch(output, /\bat .+:\d+:\d+/, 'no stack trace');
}

describe('ppoc-prep doctor (real process)', function () {
  this.timeout(120_000);

  it('passes on a file made by migrate and on one after a successful run (owner-only 0600), exit 0', async () => {
    const file = join(tempDir('doctor'), 'ppoc.sqlite');
    assert.equal((await runCli(['migrate', '--sqlite', file])).code, 0);
    chmodSync(file, 0o600); // the job's own files are owner-only (another change makes that so whatever the umask)
    const fresh = await runCli(['doctor', '--sqlite', file]);
    assert.equal(fresh.code, 0, fresh.stdout + fresh.stderr);
    assert.deepEqual(fresh.stdout.trim().split('\n').map((l) => l.split(':')[0]), [
      'ppoc-prep doctor', 'ok   file', 'ok   permissions', 'ok   schema version', 'ok   integrity', 'ok   last run', 'doctor',
    ]);
    assert.match(fresh.stdout, /^ok {3}last run: no run yet$/m);

    assert.equal((await runCli(['run', '--source', EXAMPLE_EXTRACT, '--as-at', '2022-05-31', '--sqlite', file])).code, 0);
    chmodSync(file, 0o600);
    const afterRun = await runCli(['doctor', '--sqlite', file]);
    assert.equal(afterRun.code, 0, afterRun.stdout);
    assert.match(afterRun.stdout, /^ok {3}last run: \S+ \(as at 2022-05-31\) succeeded \d+ min ago$/m);
    assert.match(afterRun.stdout, /^doctor: 5 checks passed$/m);
  });

  it('fails a file other users can read with the chmod 600 fix, and a missing file without creating it', async () => {
    const dir = tempDir('doctor');
    const file = join(dir, 'ppoc.sqlite');
    await runCli(['migrate', '--sqlite', file]);
    chmodSync(file, 0o644);
    const open = await runCli(['doctor', '--sqlite', file]);
    assert.equal(open.code, 1);
    assert.ok(open.stdout.includes(`FAIL permissions: ${file} can be read by other users (mode 644); it holds children's names. Fix: chmod 600 ${file}`), open.stdout);
    assert.match(open.stdout, /^doctor: 1 of 5 checks failed; fix the first \(permissions\) first$/m);

    const missing = join(dir, 'none.sqlite');
    const absent = await runCli(['doctor', '--sqlite', missing]);
    assert.equal(absent.code, 1);
    assert.match(absent.stdout, /^FAIL file: .*none\.sqlite does not exist\. Fix: create it with: ppoc-prep migrate --sqlite /m);
    assert.ok(!existsSync(missing));
  });

  for (const server of ['127.0.0.1,1', '127.0.0.1\\SOMEINSTANCE,1']) {
    it(`fails fast against Server=${server} with one line naming the TCP step and port 1, no password, no stack`, async () => {
      const conn = `Server=${server};Database=PPOC;User Id=ppoc_job;Password=${SECRET}`;
      const result = await runCli(['doctor', '--sqlserver', conn], { PPOC_SQLSERVER_PASSWORD: SECRET });
      assert.equal(result.code, 1);
      assert.ok(result.ms < 30_000, `took ${result.ms} ms`);
      const failing = result.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
      assert.equal(failing.length, 1, result.stdout);
      assert.match(failing[0], /^FAIL tcp connection: cannot reach 127\.0\.0\.1 port 1 \(connection refused: nothing listens on that port\)\. Fix: /);
      assertClean(result.stdout + result.stderr);
    });
  }

  it('checks SQL Server when PPOC_SQLSERVER is set and no target flag is given (as run does), even with an incomplete string', async () => {
    const result = await runCli(['doctor'], { PPOC_SQLSERVER: 'Server=127.0.0.1,1' });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^ppoc-prep doctor: SQL Server$/m);
    assert.match(result.stdout, /^FAIL settings: SQL Server connection string needs Database=/m);
    assert.match(result.stdout, /^FAIL tcp connection: cannot reach 127\.0\.0\.1 port 1 /m);
  });

  it('refuses --sqlserver-ca-file without SQL Server, and a bad SQL Server setting, as usage errors naming the setting (exit 2)', async () => {
    const noServer = await runCli(['doctor', '--sqlite', 'x.sqlite', '--sqlserver-ca-file', 'ca.pem']);
    assert.equal(noServer.code, 2);
    assert.match(noServer.stderr.trim(), /^ppoc-prep doctor: --sqlserver-ca-file applies to SQL Server only/);
    const conn = `Server=127.0.0.1,1;Database=PPOC;User Id=u;Password=${SECRET}`;
    const badWait = await runCli(['status', '--sqlserver', conn], { PPOC_SWAP_WAIT_SECONDS: 'soon' });
    assert.equal(badWait.code, 2);
    assert.equal(badWait.stderr.trim(), 'ppoc-prep status: PPOC_SWAP_WAIT_SECONDS must be a whole number of seconds from 0 to 3600, got "soon"');
    const badCa = await runCli(['status', '--sqlserver', conn, '--sqlserver-ca-file', '/nowhere/ca.pem']);
    assert.equal(badCa.code, 2);
    assert.equal(badCa.stderr.trim(), 'ppoc-prep status: --sqlserver-ca-file: cannot read /nowhere/ca.pem (ENOENT)');
    assertClean(badWait.stderr + badCa.stderr);
  });
});
