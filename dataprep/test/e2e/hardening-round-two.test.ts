/**
 * Issue 20's breaks (part A), each done for real against the `ppoc-prep` command: a million-column
 * header under a small heap, file times in the future, future-dated and escape-coded archive
 * folders, a backfill that rewinds the live tables, a FIFO exclusions.csv after rejected rows.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyOfExample, EXAMPLE_EXTRACT, query, runCli, snapshotCurated, tempDir } from '../helpers/cli';

const AS_AT = '2022-05-31';
const run = (source: string, db: string, args: string[] = [], env: Record<string, string> = {}) =>
  runCli(['run', '--source', source, '--sqlite', db, ...args], env, 60_000);

/** Every file of the folder modified `hours` from now (negative: in the past). */
function touch(dir: string, hours: number, only?: string): void {
  const when = new Date(Date.now() + hours * 3_600_000);
  for (const file of only ? [only] : readdirSync(dir)) utimesSync(join(dir, file), when, when);
}

describe('e2e: hardening, round two (issue 20, part A; real processes)', function () {
  this.timeout(180_000);

  it('refuses a million-column header, or a row of a million fields (7.9 MB each), in one line under a 48 MB heap', async () => {
    const named = (count: number) => Array.from({ length: count }, (_, i) => `c${i}`).join(',');
    const wideHeader = copyOfExample();
    writeFileSync(join(wideHeader, 'episodes.csv'), `CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,${named(999_987)}\n`);
    const wideRow = copyOfExample();
    appendFileSync(join(wideRow, 'episodes.csv'), `100099,01/06/2020,S,C2,N1,U1,PR1,,,,,,,${named(1_000_000)}\n`);
    const heap = { NODE_OPTIONS: '--max-old-space-size=48' };
    const [header, row] = await Promise.all([wideHeader, wideRow].map((extract) => run(extract, join(tempDir('wide'), 'ppoc.sqlite'), ['--as-at', AS_AT], heap)));
    assert.equal(header.code, 1, header.stdout + header.stderr);
    assert.match(header.stdout, /^Reason: episodes\.csv: the header at line 1 has 1,000,000 columns, over the limit of 200 \(PPOC_MAX_COLUMNS\)$/m);
    assert.equal(row.code, 1, row.stdout + row.stderr);
    assert.match(row.stdout, /^Reason: episodes\.csv: the row has a different number of fields from the header at line 11$/m);
  });

  describe('time you can trust', () => {
    it('fails a 200-hour-old extract with one file modified in the future ("modified in the future"); --allow-stale publishes it', async () => {
      const extract = copyOfExample();
      const db = join(tempDir('future'), 'ppoc.sqlite');
      assert.equal((await run(extract, db, ['--as-at', AS_AT])).code, 0);
      const before = snapshotCurated(db);
      touch(extract, -200);
      touch(extract, 48, 'allocations.csv');
      const future = await run(extract, db);
      assert.equal(future.code, 1, future.stdout + future.stderr);
      assert.match(future.stdout, /^Reason: allocations\.csv: the extract's age cannot be trusted: allocations\.csv was modified in the future \(.*, 4[78]\.\d hours ahead of this machine's clock\)/m);
      assert.deepEqual(snapshotCurated(db), before, 'yesterday\'s tables kept');
      assert.equal(query(db, "SELECT * FROM data_quality_issue WHERE rule = 'stale_extract'").length, 1);
      const allowed = await run(extract, db, ['--allow-stale']);
      assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
    });

    it('backfill refuses a folder dated after today (or after --as-at) before refreshing anything, naming it', async () => {
      const archive = tempDir('archive');
      for (const date of ['2022-03-31', '2062-04-30']) cpSync(EXAMPLE_EXTRACT, join(archive, date), { recursive: true });
      const db = join(tempDir('backfill-future'), 'ppoc.sqlite');
      const refused = await runCli(['backfill', '--source-archive', archive, '--sqlite', db]);
      assert.equal(refused.code, 2, refused.stdout + refused.stderr);
      assert.match(refused.stderr, /^ppoc-prep backfill: the archive holds a folder dated after \d{4}-\d\d-\d\d: "2062-04-30"; a future-dated extract would become the current tables/);
      assert.equal(existsSync(db), false, 'nothing opened, nothing refreshed');
      rmSync(join(archive, '2062-04-30'), { recursive: true });
      const early = await runCli(['backfill', '--source-archive', archive, '--sqlite', db, '--as-at', '2022-03-30']);
      assert.equal(early.code, 2);
      assert.match(early.stderr, /dated after 2022-03-30: "2022-03-31"/);
      assert.equal((await runCli(['backfill', '--source-archive', archive, '--sqlite', db, '--as-at', '2022-03-31'])).code, 0);
    });

    it('refuses an as-at date after today (flag or PPOC_AS_AT, run or backfill) before opening anything, in one line (exit 2)', async () => {
      const db = join(tempDir('run-future'), 'ppoc.sqlite');
      const flag = await run(EXAMPLE_EXTRACT, db, ['--as-at', '2062-04-30']);
      assert.equal(flag.code, 2, flag.stdout + flag.stderr);
      assert.match(flag.stderr, /^ppoc-prep run: --as-at 2062-04-30 is after today \(\d{4}-\d\d-\d\d, Europe\/London\): a refresh dated in the future would become the live tables; give today's date or an earlier one\n$/);
      const env = await run(EXAMPLE_EXTRACT, db, [], { PPOC_AS_AT: '30/04/2062' });
      assert.equal(env.code, 2, env.stdout + env.stderr);
      assert.match(env.stderr, /^ppoc-prep run: PPOC_AS_AT 2062-04-30 is after today/);
      const archive = tempDir('archive');
      cpSync(EXAMPLE_EXTRACT, join(archive, '2022-03-31'), { recursive: true });
      const backfill = await runCli(['backfill', '--source-archive', archive, '--sqlite', db, '--as-at', '2062-04-30']);
      assert.equal(backfill.code, 2, backfill.stdout + backfill.stderr);
      assert.match(backfill.stderr, /^ppoc-prep backfill: --as-at 2062-04-30 is after today/);
      assert.equal(existsSync(db), false, 'nothing opened, nothing refreshed');
    });

    it('after a backfill rewinds the live tables, status names the live as-at date and exits 1 (also for monitors) until a run', async () => {
      const archive = tempDir('archive');
      for (const date of ['2022-03-31', '2022-04-30']) cpSync(EXAMPLE_EXTRACT, join(archive, date), { recursive: true });
      const db = join(tempDir('rewind'), 'ppoc.sqlite');
      assert.equal((await run(EXAMPLE_EXTRACT, db, ['--as-at', AS_AT])).code, 0);
      const ok = await runCli(['status', '--sqlite', db]);
      assert.equal(ok.code, 0, ok.stdout + ok.stderr);
      assert.match(ok.stdout, /^Live tables: as at 2022-05-31 \(run \S+\)\.$/m);

      const backfill = await runCli(['backfill', '--source-archive', archive, '--sqlite', db]);
      assert.equal(backfill.code, 0, backfill.stdout + backfill.stderr);
      assert.match(backfill.stdout, /Warning: the current tables are now as at 2022-04-30, older than the run as at 2022-05-31/);
      const rewound = await runCli(['status', '--sqlite', db]);
      assert.equal(rewound.code, 1, rewound.stdout + rewound.stderr);
      assert.match(rewound.stdout, /^REWOUND: the live tables are as at 2022-04-30 \(run \S+\), older than 2022-05-31, the newest as-at date of a successful run: .*run "ppoc-prep run"/m);
      const monitor = await runCli(['status', '--sqlite', db, '--max-age-hours', '26']);
      assert.equal(monitor.code, 1);
      assert.match(monitor.stdout, /^REWOUND: the live tables are as at 2022-04-30 .*\n$/);

      assert.equal((await run(EXAMPLE_EXTRACT, db, ['--as-at', AS_AT])).code, 0);
      assert.equal((await runCli(['status', '--sqlite', db])).code, 0, 'a run brings them up to date');
      assert.equal((await runCli(['status', '--sqlite', db, '--max-age-hours', '26'])).code, 0);
    });
  });

  it('backfill shows an archive entry named with escape codes and a newline escaped, never raw', async () => {
    const archive = tempDir('archive');
    cpSync(EXAMPLE_EXTRACT, join(archive, '2022-03-31'), { recursive: true });
    mkdirSync(join(archive, 'evil\u001b[2J\u001b[31mRED\nOK \u202eexe.txt'));
    const result = await runCli(['backfill', '--source-archive', archive, '--sqlite', join(tempDir('escape'), 'ppoc.sqlite')]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^Warning: skipping "evil\\x1b\[2J\\x1b\[31mRED\\nOK \\u202eexe\.txt" in the archive: not named YYYY-MM-DD$/m);
    assert.doesNotMatch(result.stdout + result.stderr, /[\u001b\u202e]/);
  });

  it('export into a folder where a table\'s name is a folder: the real reason in one line (not EBADF), no temporary CSV left', async () => {
    const db = join(tempDir('export-db'), 'ppoc.sqlite');
    assert.equal((await run(EXAMPLE_EXTRACT, db, ['--as-at', AS_AT])).code, 0);
    const out = tempDir('export-out');
    mkdirSync(join(out, 'planned_assessment.csv'));
    const result = await runCli(['export', '--out', out, '--sqlite', db]);
    assert.equal(result.code, 4, result.stdout + result.stderr);
    assert.equal(result.stderr, `ppoc-prep export: cannot write planned_assessment.csv in ${out}: a folder has that name (EISDIR); no file of the folder was replaced\n`);
    assert.deepEqual(readdirSync(out), ['planned_assessment.csv'], 'no temporary CSV (with names) left, no other file written');
  });

  it('personal text in ID and type columns: issues records no name as person ID; explain names no unknown workflow type', async () => {
    const extract = copyOfExample();
    appendFileSync(join(extract, 'assessments.csv'), '100001,W90,Quartermaine,01/04/2022,\nZebedee Quartermaine,W91,SGO,31/02/2022,\n');
    const db = join(tempDir('personal'), 'ppoc.sqlite');
    assert.equal((await run(extract, db, ['--as-at', AS_AT])).code, 0);
    const outputs = await Promise.all([
      runCli(['explain', '100001', '--sqlite', db]), runCli(['issues', '--sqlite', db]), runCli(['issues', '--sqlite', db, '--format', 'csv']),
    ]);
    assert.match(outputs[0].stdout, /W90: does not qualify: workflow type \[12 characters: letters\] is not an SGO or single assessment/);
    assert.match(outputs[1].stdout, /invalid_date .*\(the person ID column holds \[20 characters: letters and spaces\], not an ID: not copied\)/);
    for (const output of outputs) assert.doesNotMatch(output.stdout + output.stderr, /Zebedee|Quartermaine/);
    assert.deepEqual(query(db, "SELECT person_id FROM data_quality_issue WHERE source_file = 'assessments.csv' AND line = 6"), [{ person_id: null }]);
  });

  it('a FIFO exclusions.csv after rows were rejected: data_quality_issue holds the rejected rows as the summary counts them', async () => {
    const extract = copyOfExample();
    appendFileSync(join(extract, 'episodes.csv'), '100099,31/02/2022,S,C2,N1,U1,PR1,,,,,,\n');
    rmSync(join(extract, 'exclusions.csv'));
    assert.equal(spawnSync('mkfifo', [join(extract, 'exclusions.csv')]).status, 0, 'mkfifo');
    const db = join(tempDir('fifo'), 'ppoc.sqlite');
    const result = await run(extract, db, ['--as-at', AS_AT]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^Reason: exclusions\.csv: not a regular file \(a named pipe\)/m);
    assert.match(result.stdout, /^Rows read \d+, rejected 1, written 0\.$/m);
    const issues = query<{ rule: string; source_file: string; line: number | null }>(db, 'SELECT rule, source_file, line FROM data_quality_issue ORDER BY rule');
    assert.deepEqual(issues, [
      { rule: 'file_rejected', source_file: 'exclusions.csv', line: null },
      { rule: 'invalid_date', source_file: 'episodes.csv', line: 11 },
    ]);
  });
});
