/**
 * A long refresh says what it is doing (issue 18): after PPOC_PROGRESS_AFTER_SECONDS, a log line
 * per stage and the publish's tables done/total, and a bar on a terminal; nothing for a quick
 * one. The clock is injected: no test here depends on how fast the machine is.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { londonTime } from '../../src/cli/commands/schedule';
import { createLogger } from '../../src/pipeline/logger';
import { createProgress, StatusBar } from '../../src/pipeline/progress';
import { copyOfExample, runCli, tempDir } from '../helpers/cli';

function recorder(afterMs: number, bar: boolean) {
  let now = 0;
  const written: string[] = [];
  const stream = { columns: 100, write: (text: string) => written.push(text) };
  const statusBar = bar ? new StatusBar(stream) : null;
  const logger = createLogger('info', (line) => (statusBar ? statusBar.line(line) : written.push(`${line}\n`)));
  const progress = createProgress({ afterMs, logger, bar: statusBar, now: () => now });
  return { progress, written, tick: (ms: number) => (now += ms) };
}

const logLines = (written: string[]) => written.join('').split(/\r\x1b\[K|\n/).filter((l) => / INFO /.test(l)).map((l) => l.replace(/^\S+ INFO /, ''));

describe('refresh progress', () => {
  it('prints nothing for a refresh quicker than the threshold', () => {
    const { progress, written, tick } = recorder(5000, true);
    for (const stage of ['read', 'rules', 'data tests', 'publish'] as const) {
      progress.stage(stage);
      tick(1000);
    }
    progress.tables(14, 14);
    progress.end();
    assert.deepEqual(written, []);
  });

  it('once past the threshold: a line as each stage starts, the publish\'s tables done/total (at most one line a second, and the last)', () => {
    const { progress, written, tick } = recorder(5000, false);
    progress.stage('read');
    tick(3000);
    progress.stage('rules');
    tick(2500);
    progress.stage('data tests');
    tick(400);
    progress.stage('publish');
    for (let done = 1; done <= 14; done++) {
      tick(300);
      progress.tables(done, 14);
    }
    progress.end();
    assert.deepEqual(logLines(written), [
      'refresh progress stage="data tests" step=3/4 elapsed_s=5.5',
      'refresh progress stage=publish step=4/4 elapsed_s=5.9',
      'refresh progress stage=publish step=4/4 tables=4/14 elapsed_s=7.1',
      'refresh progress stage=publish step=4/4 tables=8/14 elapsed_s=8.3',
      'refresh progress stage=publish step=4/4 tables=12/14 elapsed_s=9.5',
      'refresh progress stage=publish step=4/4 tables=14/14 elapsed_s=10.1',
    ]);
    assert.ok(!written.join('').includes('\r'), 'no bar when the log is not a terminal');
  });

  it('on a terminal, keeps a bar on the last line under the log lines and clears it at the end', () => {
    const { progress, written, tick } = recorder(0, true);
    progress.stage('read');
    tick(1000);
    progress.stage('publish');
    progress.tables(7, 14);
    const screen = written.join('');
    assert.match(screen, /\r\x1b\[K\[\.{24}\] read \(0\.0 s\)/);
    assert.match(screen, /\r\x1b\[K\[#{21}\.{3}\] publish 7\/14 tables \(1\.0 s\)$/);
    progress.end();
    assert.equal(written.at(-1), '\r\x1b[K', 'the bar is cleared');
    assert.deepEqual(logLines(written).map((l) => l.split(' elapsed')[0]), ['refresh progress stage=read step=1/4', 'refresh progress stage=publish step=4/4'], 'a log line per stage; the bar shows the tables');
  });

  it('a real run with PPOC_PROGRESS_AFTER_SECONDS=0 logs every stage and the publish\'s tables', async function () {
    this.timeout(60_000);
    const db = join(tempDir('progress'), 'ppoc.sqlite');
    const result = await runCli(['run', '--source', copyOfExample(), '--as-at', '2022-05-31', '--sqlite', db], { PPOC_PROGRESS_AFTER_SECONDS: '0' });
    assert.equal(result.code, 0, result.stderr);
    const stages = [...result.stderr.matchAll(/Z INFO refresh progress stage=("[^"]+"|\S+) step=(\d)\/4(?: tables=(\d+)\/(\d+))?/g)];
    assert.deepEqual([...new Set(stages.map((m) => m[1]))], ['read', 'rules', '"data tests"', 'publish']);
    const last = stages.at(-1)!;
    assert.ok(last[3] !== undefined && last[3] === last[4], `the publish ends with all its tables: ${last[0]}`);
    const quiet = await runCli(['run', '--source', copyOfExample(), '--as-at', '2022-05-31', '--sqlite', db]);
    assert.doesNotMatch(quiet.stderr, /refresh progress/, 'a run shorter than the threshold prints none');
  });
});

describe('times in the log', () => {
  it('log timestamps are UTC and say so (Z); the schedule speaks London time and names the zone', () => {
    const written: string[] = [];
    createLogger('info', (line) => written.push(line)).info('hello', { n: 1 });
    assert.match(written[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO hello n=1$/);
    assert.equal(londonTime(new Date('2026-12-08T06:30:00Z')), '2026-12-08 06:30 Europe/London (GMT)');
    assert.equal(londonTime(new Date('2026-07-01T05:30:00Z')), '2026-07-01 06:30 Europe/London (BST)');
  });
});
