import assert from 'node:assert/strict';
import type { IsoDate } from '../../../core/src/index';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cronLogger } from '../../src/cli/commands/schedule';
import { writeDemoExtract } from '../../src/demo/index';
import { createLogger } from '../../src/pipeline/logger';
import { copyOfExample, query, REPO, runCli, startCli, tempDir } from '../helpers/cli';

/** The job's log format: `time LEVEL message key=value…`, nothing else. */
const LOG_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (DEBUG|INFO|WARN|ERROR) \S/;

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

  it('on SIGTERM during a run: starts nothing new, lets the run finish, exits 0; every stderr line is in the job\'s log format', async () => {
    const demo = join(tempDir('schedule-demo'), 'extract');
    await writeDemoExtract(demo, { children: 5000, seed: 3, asAt: '2022-05-31' as IsoDate });
    const db = join(tempDir('schedule-stop'), 'ppoc.sqlite');
    // Every second: ticks keep coming while the run works, so node-cron has overlaps to report.
    const scheduler = startCli(['schedule', '--cron', '* * * * * *', '--source', demo, '--sqlite', db], { PPOC_AS_AT: '2022-05-31' });
    await scheduler.waitForLog(/INFO refresh started/);
    scheduler.child.kill('SIGTERM');
    const result = await scheduler.done;
    assert.equal(result.code, 0, result.stderr);
    const log = result.stderr.trimEnd().split('\n');
    for (const line of log) assert.match(line, LOG_LINE);
    // The signal came during the first run: that run finished, and none started after it.
    assert.equal(log.filter((l) => /INFO refresh started/.test(l)).length, 1, result.stderr);
    assert.match(log.join('\n'), /INFO refresh succeeded[\s\S]*INFO scheduled refresh finished exit_code=0[\s\S]*INFO scheduler stopped signal=SIGTERM$/);
    const runs = query<{ status: string }>(db, 'SELECT status FROM refresh_log');
    assert.deepEqual(runs.map((r) => r.status), ['succeeded']);
  });

  it('passes node-cron\'s own messages (missed executions, overlaps) through the job\'s log, one line each', () => {
    const lines: string[] = [];
    const logger = cronLogger(createLogger('debug', (l) => lines.push(l)));
    logger.warn('missed execution at Tue Dec 01 2026 06:30:00 GMT+0000! Possible blocking IO or high CPU user at the same process used by node-cron.');
    logger.error(new Error('task failed\n    at somewhere (x.js:1:1)'));
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^\S+ WARN node-cron: missed execution at Tue Dec 01 2026 06:30:00 GMT\+0000! Possible blocking IO/);
    assert.match(lines[1], /^\S+ ERROR node-cron: task failed$/);
  });
});
