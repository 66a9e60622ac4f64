/**
 * The command behaves like the ones analysts know (issue 18): --version, help <command>, "did
 * you mean", UK dates for the as-at date, a quiet end when the reader of stdout has gone, a
 * clear line for the wrong Node or a native module built for another, and every command
 * checking the PPOC_* settings it reads with the same one-line message.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closest, editDistance } from '../../src/cli/did-you-mean';
import { COMMAND_READS } from '../../src/cli/main';
import { runtimeProblem } from '../../src/cli/runtime-errors';
import { BIN, copyOfExample, query, REPO, tempDir } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };
const lines = (text: string) => text.trimEnd().split('\n');

describe('ppoc-prep as analysts expect a command to behave', function () {
  this.timeout(60_000);

  it('--version prints its own version and the Node running it, against what it supports', async () => {
    for (const flag of ['--version', '-v']) {
      const { code, stdout } = await runInProcess([flag]);
      assert.equal(code, 0);
      assert.deepEqual(lines(stdout), [
        `ppoc-prep ${pkg.version}`, `Node ${process.versions.node} (${process.execPath}); supported: ${pkg.engines.node}`,
      ]);
    }
  });

  it('help <command> prints that command\'s help, as <command> --help does', async () => {
    const viaHelp = await runInProcess(['help', 'run']);
    const viaFlag = await runInProcess(['run', '--help']);
    assert.equal(viaHelp.code, 0);
    assert.match(viaHelp.stdout, /^Usage: ppoc-prep run --source DIR/);
    assert.equal(viaHelp.stdout, viaFlag.stdout);
    assert.match((await runInProcess(['help'])).stdout, /^Usage: ppoc-prep <command>/);
  });

  it('suggests the command or flag meant by a typo, in one line, exit 2', async () => {
    const cases: [string[], string][] = [
      [['stauts'], 'ppoc-prep: unknown command "stauts"; did you mean "status"? (ppoc-prep --help lists the commands)'],
      [['help', 'backfil'], 'ppoc-prep: unknown command "backfil"; did you mean "backfill"? (ppoc-prep --help lists the commands)'],
      [['frobnicate'], 'ppoc-prep: unknown command "frobnicate" (ppoc-prep --help lists the commands)'],
      [['run', '--sorce', 'x'], 'ppoc-prep run: Unknown option \'--sorce\'; did you mean "--source"? (ppoc-prep run --help)'],
      [['status', '--max-age', '3'], 'ppoc-prep status: Unknown option \'--max-age\'; did you mean "--max-age-hours"? (ppoc-prep status --help)'],
      [['export', '--excel-save'], 'ppoc-prep export: Unknown option \'--excel-save\'; did you mean "--excel-safe"? (ppoc-prep export --help)'],
    ];
    for (const [argv, expected] of cases) {
      const { code, stderr } = await runInProcess(argv);
      assert.equal(code, 2, argv.join(' '));
      assert.deepEqual(lines(stderr), [expected]);
    }
  });

  it('"did you mean" picks a near name only (edit distance, transpositions, a unique prefix)', () => {
    assert.equal(editDistance('stauts', 'status'), 1);
    assert.equal(closest('summray', ['summary', 'status']), 'summary');
    assert.equal(closest('exp', ['export', 'explain']), null, 'two commands start with it');
    assert.equal(closest('doc', ['doctor', 'demo-extract']), 'doctor');
    assert.equal(closest('xyz', ['run', 'status']), null);
  });

  it('--as-at and PPOC_AS_AT take DD/MM/YYYY as the input files do, stored as the calendar date', async () => {
    const db = join(tempDir('uk-as-at'), 'ppoc.sqlite');
    const flag = await runInProcess(['run', '--source', copyOfExample(), '--as-at', '31/05/2022', '--sqlite', db]);
    assert.equal(flag.code, 0, flag.stderr);
    const env = await runInProcess(['run', '--source', copyOfExample(), '--sqlite', db], { PPOC_AS_AT: ' 30/04/2022 ' });
    assert.equal(env.code, 0, env.stderr);
    assert.deepEqual(query(db, 'SELECT as_at_date FROM refresh_log ORDER BY started_at_utc'), [{ as_at_date: '2022-05-31' }, { as_at_date: '2022-04-30' }]);
    const bad = await runInProcess(['demo-extract', '--out', tempDir('demo'), '--as-at', '29/02/2023']);
    assert.equal(bad.code, 2);
    assert.deepEqual(lines(bad.stderr), ['ppoc-prep demo-extract: --as-at must be a calendar date YYYY-MM-DD or DD/MM/YYYY, got "29/02/2023"']);
  });

  it('every command checks the PPOC_* settings it reads before it runs, with the same one-line message', async () => {
    const bad: Record<string, [string, string, string]> = {
      log: ['PPOC_LOG_LEVEL', 'verbose', 'PPOC_LOG_LEVEL must be debug, info, warn or error, got "verbose"'],
      progress: ['PPOC_PROGRESS_AFTER_SECONDS', 'soon', 'PPOC_PROGRESS_AFTER_SECONDS must be a number of seconds from 0 to 86400, got "soon"'],
      limits: ['PPOC_MAX_FILE_MB', '0', 'PPOC_MAX_FILE_MB must be a size in megabytes greater than 0, got "0"'],
      shrink: ['PPOC_MAX_SHRINK_PERCENT', '150', 'PPOC_MAX_SHRINK_PERCENT must be a percentage from 0 to 100, got "150"'],
      staleness: ['PPOC_MAX_EXTRACT_AGE_HOURS', '-3', 'PPOC_MAX_EXTRACT_AGE_HOURS must be a number of hours above 0 and at most 8784, got "-3"'],
      alerts: ['PPOC_ALERT_WEBHOOK', `http://hooks.invalid/x`, 'PPOC_ALERT_WEBHOOK must be an https:// URL of an incoming webhook (value not shown)'],
    };
    let checked = 0;
    for (const [command, groups] of Object.entries(COMMAND_READS)) {
      for (const group of groups) {
        const [name, value, message] = bad[group];
        const { code, stderr } = await runInProcess([command], { [name]: value });
        assert.equal(code, 2, `${command} with ${name}=${value}`);
        assert.deepEqual(lines(stderr), [`ppoc-prep ${command}: ${message}`]);
        checked += 1;
      }
    }
    assert.ok(checked >= 20, `${checked} command/setting pairs`);
    assert.deepEqual(COMMAND_READS['demo-extract'], [], 'demo-extract reads no setting');
    const demo = await runInProcess(['demo-extract', '--out', tempDir('demo'), '--children', '3'], { PPOC_LOG_LEVEL: 'verbose' });
    assert.equal(demo.code, 0, demo.stderr);
    const help = await runInProcess(['run', '--help'], { PPOC_LOG_LEVEL: 'verbose' });
    assert.equal(help.code, 0, 'help prints whatever the settings');
  });

  it('words a native module built for another Node in one line that keeps the fix', () => {
    // Node's own message, as it throws it for a module built on Node 20 loaded by Node 24.
    const error = Object.assign(new Error(`The module '/srv/ppoc/node_modules/x/build/Release/x.node'
was compiled against a different Node.js version using
NODE_MODULE_VERSION 115. This version of Node.js requires
NODE_MODULE_VERSION 137. Please try re-compiling or re-installing
the module (for instance, using \`npm rebuild\` or \`npm install\`).`), { code: 'ERR_DLOPEN_FAILED' });
    assert.equal(runtimeProblem(error, { version: 'v24.21.0', execPath: '/usr/local/bin/node' }),
      '/srv/ppoc/node_modules/x/build/Release/x.node was built for Node 20 (NODE_MODULE_VERSION 115), but this is Node v24.21.0 ' +
      '(/usr/local/bin/node): run "npm rebuild" (or "npm ci") with this Node, or run ppoc-prep with the Node it was built for');
    const noSqlite = Object.assign(new Error('No such built-in module: node:sqlite'), { code: 'ERR_UNKNOWN_BUILTIN_MODULE' });
    assert.match(runtimeProblem(noSqlite, { version: 'v20.20.2', execPath: '/usr/bin/node' }) ?? '', /^this Node \(v20\.20\.2, \/usr\/bin\/node\) has no node:sqlite: ppoc-prep needs Node 22 \(22\.13 or later\) or Node 24; run it through npm/);
    assert.equal(runtimeProblem(new Error('database is locked')), null);
  });

  it('ends quietly with exit 0 when the reader of its output has gone (ppoc-prep … | head -1)', async () => {
    for (const args of [['--help'], ['help', 'run']]) {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // the reader is gone before the command writes
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(stderr, '', args.join(' '));
      assert.equal(code, 0, args.join(' '));
    }
  });
});
