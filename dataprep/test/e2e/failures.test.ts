import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyOfExample, query, runCli, snapshotCurated as snapshot, tempDir } from '../helpers/cli';

describe('e2e: bad input and failed runs', function () {
  this.timeout(120_000);

  it('a malformed file fails the run naming file, line and column; yesterday\'s tables stay; refresh_log shows it', async () => {
    const db = join(tempDir('fail'), 'ppoc.sqlite');
    const extract = copyOfExample();
    const ok = await runCli(['run', '--source', extract, '--as-at', '2022-05-31', '--sqlite', db]);
    assert.equal(ok.code, 0, ok.stderr);
    const before = snapshot(db);

    const episodes = join(extract, 'episodes.csv');
    const lines = readFileSync(episodes, 'utf8').split('\n');
    lines[4] = lines[4].replace('01/06/2020', '"01/06/2020'); // an unclosed quote on line 5
    writeFileSync(episodes, lines.join('\n'));
    const failed = await runCli(['run', '--source', extract, '--as-at', '2022-06-01', '--sqlite', db]);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout + failed.stderr, /episodes\.csv/);
    assert.match(failed.stdout + failed.stderr, /line 5/);
    assert.deepEqual(snapshot(db), before, 'previous curated tables untouched');
    const runs = query<{ status: string; message: string; as_at_date: string }>(db, 'SELECT * FROM refresh_log ORDER BY started_at_utc');
    assert.deepEqual(runs.map((r) => r.status), ['succeeded', 'failed']);
    assert.match(runs[1].message, /episodes\.csv/);
    const issues = query<{ rule: string; source_file: string }>(db, 'SELECT * FROM data_quality_issue WHERE severity = ?', 'error');
    assert.ok(issues.some((i) => i.source_file === 'episodes.csv'), JSON.stringify(issues));
  });

  it('a missing required file fails with its name', async () => {
    const db = join(tempDir('missing'), 'ppoc.sqlite');
    const extract = copyOfExample();
    rmSync(join(extract, 'assessments.csv'));
    const result = await runCli(['run', '--source', extract, '--as-at', '2022-05-31', '--sqlite', db]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /assessments\.csv/);
    assert.equal(query(db, 'SELECT * FROM planned_assessment').length, 0);
  });

  it('a bad row is skipped, recorded with file/line/column, and the run succeeds', async () => {
    const db = join(tempDir('row'), 'ppoc.sqlite');
    const extract = copyOfExample();
    const predictions = join(extract, 'predictions.csv');
    writeFileSync(predictions, `${readFileSync(predictions, 'utf8').trimEnd()}\n100009,SGO,31/02/2022,15/01/2022,TC\n`);
    const result = await runCli(['run', '--source', extract, '--as-at', '2022-05-31', '--sqlite', db]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /predictions\.csv\s+10\s+1/);
    const [issue] = query<Record<string, unknown>>(db, "SELECT * FROM data_quality_issue WHERE source_file = 'predictions.csv'");
    assert.equal(issue.line, 11);
    assert.equal(issue.column_name, 'predicted_start_date');
    assert.equal(issue.person_id, '100009');
    assert.equal(issue.severity, 'error');
  });

  it('settings from the environment are validated at start-up with a clear message', async () => {
    const bad = await runCli(['run'], { PPOC_SOURCE: copyOfExample(), PPOC_AS_AT: '31/02/2022' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /PPOC_AS_AT must be a calendar date YYYY-MM-DD or DD\/MM\/YYYY, got "31\/02\/2022"/);
    const window = await runCli(['run', '--source', 'x', '--window-months', '0']);
    assert.equal(window.code, 2);
    assert.match(window.stderr, /--window-months/);
    const noSource = await runCli(['run']);
    assert.equal(noSource.code, 2);
    assert.match(noSource.stderr, /--source DIR or set PPOC_SOURCE/);
    const unknownFlag = await runCli(['run', '--sauce', 'x']);
    assert.equal(unknownFlag.code, 2);
  });

  it('settings come from the environment when no flags are given', async () => {
    const db = join(tempDir('env'), 'ppoc.sqlite');
    const result = await runCli(['run'], { PPOC_SOURCE: copyOfExample(), PPOC_AS_AT: '2022-05-31', PPOC_SQLITE: db });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(query(db, 'SELECT * FROM planned_assessment').length, 9);
  });

  it('never prints a child\'s or social worker\'s name in logs or summaries', async () => {
    const db = join(tempDir('pii'), 'ppoc.sqlite');
    const extract = copyOfExample();
    const allocations = join(extract, 'allocations.csv');
    writeFileSync(allocations, readFileSync(allocations, 'utf8').replace('Child 100001', 'Zebedee Quuxley').replace('SW 04', 'Wilhelmina Snark'));
    const predictions = join(extract, 'predictions.csv');
    writeFileSync(predictions, `${readFileSync(predictions, 'utf8').trimEnd()}\n100001,Adoption,01/05/2022,15/01/2022,Zebedee Quuxley\n`);
    const outputs = [
      await runCli(['run', '--source', extract, '--as-at', '2022-05-31', '--sqlite', db], { PPOC_LOG_LEVEL: 'debug' }),
      await runCli(['explain', '100001', '--sqlite', db]),
      await runCli(['explain', '100004', '--sqlite', db]),
      await runCli(['status', '--sqlite', db]),
    ];
    for (const o of outputs) {
      assert.doesNotMatch(o.stdout + o.stderr, /Zebedee|Quuxley|Wilhelmina|Snark/);
    }
    assert.equal(query(db, "SELECT * FROM data_quality_issue WHERE message LIKE '%Zebedee%'").length, 0);
    const [stored] = query<{ child_name: string }>(db, "SELECT child_name FROM planned_assessment WHERE person_id = '100001'");
    assert.equal(stored.child_name, 'Zebedee Quuxley', 'the name is still stored for the report');
  });

  it('every command has --help (exit 0) and an unknown command is a usage error', async () => {
    for (const command of ['run', 'summary', 'explain', 'status', 'issues', 'demo-extract', 'migrate', 'schedule', 'quickstart']) {
      const result = await runCli([command, '--help']);
      assert.equal(result.code, 0, command);
      assert.match(result.stdout, /^Usage: ppoc-prep/, command);
    }
    assert.equal((await runCli(['--help'])).code, 0);
    assert.equal((await runCli(['frobnicate'])).code, 2);
  });

  it('`summary` before any run says so (no stack trace)', async () => {
    const db = join(tempDir('empty'), 'ppoc.sqlite');
    const result = await runCli(['summary', '--sqlite', db]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /run "ppoc-prep run"/);
  });
});
