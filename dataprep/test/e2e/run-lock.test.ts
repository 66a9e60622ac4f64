/**
 * The SQLite run lock with real processes: the operating system releases it when a run dies,
 * a stale lock file of the old format never blocks, and simultaneous runs never overlap.
 */
import assert from 'node:assert/strict';
import type { IsoDate } from '../../../core/src/index';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDemoExtract } from '../../src/demo/index';
import { createSqliteWarehouse } from '../../src/warehouse/sqlite/index';
import { EXAMPLE_EXTRACT, query, runCli, startCli, tempDir } from '../helpers/cli';

interface LogRow { run_id: string; status: string; message: string | null; started_at_utc: string; finished_at_utc: string | null }

const runs = (db: string) => query<LogRow>(db, 'SELECT * FROM refresh_log ORDER BY started_at_utc');

/** How to run a command as PID 1 of a new PID namespace here, or why it cannot be done. */
function pidNamespace(): { wrap: string[] } | { reason: string } {
  for (const wrap of [['unshare', '--pid', '--fork', '--kill-child'], ['unshare', '--user', '--map-root-user', '--pid', '--fork', '--kill-child']]) {
    const probe = spawnSync(wrap[0], [...wrap.slice(1), 'sh', '-c', 'echo $$'], { encoding: 'utf8', timeout: 10_000 });
    if (probe.status === 0 && probe.stdout.trim() === '1') return { wrap };
  }
  return { reason: 'unshare --pid --fork does not work for this user on this machine' };
}

describe('e2e: the SQLite run lock (real processes)', function () {
  this.timeout(120_000);
  let demo: string;
  before(async () => {
    // Big enough that a run is still reading when it is killed just after "refresh started".
    demo = join(tempDir('lock-demo'), 'extract');
    await writeDemoExtract(demo, { children: 5000, seed: 7, asAt: '2022-05-31' as IsoDate });
  });

  it('a lock file of the old format left holding {"pid":1} does not block a run', async () => {
    const db = join(tempDir('legacy-lock'), 'ppoc.sqlite');
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: 1 }));
    const result = await runCli(['run', '--source', EXAMPLE_EXTRACT, '--as-at', '2022-05-31', '--sqlite', db]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(existsSync(`${db}.lock`), false, 'the old lock file is tidied away');
  });

  it('a run while another process holds the lock exits 3 at once; once released, a run goes ahead', async () => {
    const db = join(tempDir('held'), 'ppoc.sqlite');
    const holder = createSqliteWarehouse(db); // this test process holds the OS lock
    const refused = await runCli(['run', '--source', EXAMPLE_EXTRACT, '--as-at', '2022-05-31', '--sqlite', db]);
    assert.equal(refused.code, 3, refused.stderr);
    assert.match(refused.stderr, /^ppoc-prep run: another refresh is running/m);
    await holder.close();
    const ok = await runCli(['run', '--source', EXAMPLE_EXTRACT, '--as-at', '2022-05-31', '--sqlite', db]);
    assert.equal(ok.code, 0, ok.stderr);
  });

  async function killedThenNext(wrap: string[] | undefined): Promise<void> {
    const db = join(tempDir('killed'), 'ppoc.sqlite');
    const victim = startCli(['run', '--source', demo, '--as-at', '2022-05-31', '--sqlite', db], {}, { wrap });
    await victim.waitForLog(/INFO refresh started/);
    victim.child.kill('SIGKILL');
    await victim.done;
    const left = runs(db);
    assert.deepEqual(left.map((r) => r.status), ['running'], 'killed mid-run: its row is still running');

    const next = await runCli(['run', '--source', demo, '--as-at', '2022-05-31', '--sqlite', db], {}, 30_000);
    assert.equal(next.code, 0, next.stderr);
    assert.ok(next.ms < 30_000, `took ${next.ms} ms`);
    const after = runs(db);
    assert.deepEqual(after.map((r) => r.status), ['failed', 'succeeded']);
    assert.equal(after[0].run_id, left[0].run_id);
    assert.equal(after[0].message, 'abandoned (process ended without finishing)');
  }

  it('a run killed with SIGKILL mid-run does not block the next, which marks it abandoned', () => killedThenNext(undefined));

  const namespace = pidNamespace();
  if ('wrap' in namespace) {
    it('a run killed as PID 1 of its own PID namespace (a container) does not block the next', () => killedThenNext(namespace.wrap));
  } else {
    it(`a run killed as PID 1 of its own PID namespace does not block the next: PENDING, ${namespace.reason}`);
  }

  it('five simultaneous runs, three times: only exit codes 0 and 3, and the runs that went ahead never overlapped', async () => {
    for (let round = 0; round < 3; round++) {
      const db = join(tempDir(`five-${round}`), 'ppoc.sqlite'); // a new file: even creating it races
      const results = await Promise.all(
        Array.from({ length: 5 }, () => runCli(['run', '--source', EXAMPLE_EXTRACT, '--as-at', '2022-05-31', '--sqlite', db])),
      );
      const codes = results.map((r) => r.code);
      assert.ok(codes.every((c) => c === 0 || c === 3), `round ${round}: ${codes.join(',')}\n${results.map((r) => r.stderr).join('\n')}`);
      const succeeded = runs(db).filter((r) => r.status === 'succeeded');
      assert.equal(succeeded.length, codes.filter((c) => c === 0).length, `round ${round}`);
      assert.ok(succeeded.length >= 1);
      assert.equal(runs(db).filter((r) => r.status === 'running').length, 0);
      for (let i = 1; i < succeeded.length; i++) {
        assert.ok((succeeded[i - 1].finished_at_utc ?? '') <= succeeded[i].started_at_utc, `round ${round}: runs overlapped`);
      }
    }
  });
});
