import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { copyOfExample, query, REPO, runCli, tempDir } from '../helpers/cli';

describe('e2e: schedule (real node-cron)', function () {
  this.timeout(60_000);

  it('rejects an invalid cron expression at start-up', async () => {
    const result = await runCli(['schedule', '--cron', 'every day', '--source', copyOfExample()]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /valid cron expression/);
  });

  it('runs the refresh on its schedule and stops cleanly on SIGTERM', async () => {
    const db = join(tempDir('schedule'), 'ppoc.sqlite');
    const child = spawn(process.execPath, [join(REPO, 'dataprep/bin/ppoc-prep.mjs'), 'schedule', '--cron', '*/2 * * * * *',
      '--source', copyOfExample(), '--sqlite', db], { cwd: REPO, env: { ...process.env, PPOC_AS_AT: '2022-05-31' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const deadline = Date.now() + 30_000;
    while (!/scheduled refresh finished exit_code=0/.test(stderr) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(stderr, /scheduler started cron=/);
    const runs = query<{ status: string }>(db, 'SELECT status FROM refresh_log');
    assert.ok(runs.length >= 1 && runs.every((r) => r.status === 'succeeded'), JSON.stringify(runs));
  });
});
