import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openDatabase } from '../../src/warehouse/sqlite/database';
import { copyOfExample, query, runCli, snapshotCurated, tempDir } from '../helpers/cli';

/** Every file of the folder last modified `hours` ago, as a missed overnight export leaves them. */
function age(dir: string, hours: number): void {
  const when = new Date(Date.now() - hours * 3_600_000);
  for (const file of readdirSync(dir)) utimesSync(join(dir, file), when, when);
}

/** The example extract plus one Mosaic workflow per "why not?" reason (docs/operations.md). */
function extractWithWorkflows(): string {
  const dir = copyOfExample();
  appendFileSync(join(dir, 'assessments.csv'), [
    '100004,W10,SGO,,', '100006,W11,SINGLE,01/05/2022,N', '100007,W12,Adoption,01/04/2022,', '100008,W13,SINGLE,10/06/2022,Y', '',
  ].join('\n'));
  return dir;
}

describe('e2e: operations (stale extracts, status for monitors, explain\'s workflows, issues)', function () {
  this.timeout(180_000);

  it('fails a 3-day-old extract run without --as-at: exit 1, one line with "stale", the file and its age; previous tables kept', async () => {
    const db = join(tempDir('stale'), 'ppoc.sqlite');
    const extract = copyOfExample();
    const ok = await runCli(['run', '--source', extract, '--as-at', '2022-05-31', '--sqlite', db]);
    assert.equal(ok.code, 0, ok.stderr);
    const before = snapshotCurated(db);
    age(extract, 72);

    const stale = await runCli(['run', '--source', extract, '--sqlite', db]);
    assert.equal(stale.code, 1, stale.stdout + stale.stderr);
    const line = stale.stdout.split('\n').find((l) => /is stale/.test(l)) ?? '';
    assert.match(line, /^Reason: \w+\.csv: the extract is stale: the newest required file, \w+\.csv, was last modified 7[23]\.\d hours ago/);
    assert.deepEqual(snapshotCurated(db), before, 'previous curated tables unchanged');
    const [last] = query<{ status: string; message: string }>(db, 'SELECT * FROM refresh_log ORDER BY started_at_utc DESC LIMIT 1');
    assert.equal(last.status, 'failed');
    assert.match(last.message, /the extract is stale/);
    assert.equal(query(db, "SELECT * FROM data_quality_issue WHERE rule = 'stale_extract'").length, 1);
    assert.match(stale.stdout, /stale_extract \(error, 1\): e\.g\. \w+\.csv: the extract is stale/, 'the file is named once');

    const limit = await runCli(['run', '--source', extract, '--sqlite', db], { PPOC_MAX_EXTRACT_AGE_HOURS: '80' });
    assert.equal(limit.code, 0, 'within a larger PPOC_MAX_EXTRACT_AGE_HOURS');
    const allowed = await runCli(['run', '--source', extract, '--sqlite', db, '--allow-stale']);
    assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
    const bad = await runCli(['run', '--source', extract, '--sqlite', db], { PPOC_MAX_EXTRACT_AGE_HOURS: 'soon' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /PPOC_MAX_EXTRACT_AGE_HOURS must be a number of hours/);
  });

  it('status shows the latest run\'s source files, and --max-age-hours N exits 0 or 1 for monitors', async () => {
    const db = join(tempDir('status'), 'ppoc.sqlite');
    const never = await runCli(['status', '--sqlite', db, '--max-age-hours', '26']);
    assert.equal(never.code, 1, 'no database yet: not OK, for a monitor');
    assert.equal(never.stdout, `STALE: no database at ${db}: run "ppoc-prep run" (or "npm start") first\n`);
    assert.equal(never.stderr, '');
    const run = await runCli(['run', '--source', copyOfExample(), '--as-at', '2022-05-31', '--sqlite', db]);
    assert.equal(run.code, 0, run.stderr);
    const status = await runCli(['status', '--sqlite', db]);
    assert.match(status.stdout, /Source files of run \S+ \(succeeded\):/);
    assert.match(status.stdout, /episodes\.csv\s+\d+ B\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s+[0-9a-f]{16}…\s+9\s+0/);
    const files = query<{ file_name: string; sha256: string }>(db, 'SELECT * FROM source_file');
    assert.deepEqual(files.map((f) => f.file_name).sort(), [
      'allocations.csv', 'assessments.csv', 'episodes.csv', 'exclusions.csv', 'predictions.csv', 'targets.csv', 'teams.csv', 'user_access.csv',
    ]);
    assert.ok(files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256)));

    const fresh = await runCli(['status', '--sqlite', db, '--max-age-hours', '26']);
    assert.equal(fresh.code, 0, fresh.stdout);
    assert.match(fresh.stdout, /^OK: the last successful run \S+ finished 0\.\d hours ago .*within 26 hours\.\n$/);
    const writable = openDatabase(db);
    // As someone ageing it by hand would: SQLite's datetime() text, no T, no Z (read as UTC).
    writable.prepare("UPDATE refresh_log SET finished_at_utc = datetime('now', '-49 hours')").run();
    writable.close();
    const old = await runCli(['status', '--sqlite', db, '--max-age-hours', '26']);
    assert.equal(old.code, 1);
    assert.match(old.stdout, /^STALE: the last successful run \S+ finished 49\.0 hours ago \(.*\), more than 26 hours\.\n$/);
    assert.equal((await runCli(['status', '--sqlite', db, '--max-age-hours', '0'])).code, 2);
  });

  describe('on the example extract with a workflow for each "why not?"', () => {
    const db = join(tempDir('why'), 'ppoc.sqlite');
    let run: Awaited<ReturnType<typeof runCli>>;
    before(async () => {
      run = await runCli(['run', '--source', extractWithWorkflows(), '--as-at', '2022-05-31', '--sqlite', db]);
    });

    it('explain lists the child\'s Mosaic workflows with why each did or did not count; another workflow type is a warning', async () => {
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /assessments\.csv\s+7\s+0/, 'no workflow rejected');
      const expected: [string, RegExp][] = [
        ['100004', /W10: does not qualify: SGO workflow W10 has no section-9 start date/],
        ['100006', /W11: does not qualify: single assessment W11 started 2022-05-01 but the section-2 reunification box is not ticked/],
        ['100007', /W12: does not qualify: workflow type \[8 characters: letters\] is not an SGO or single assessment/],
        ['100008', /W13: does not qualify: single assessment W13 started after the as-at date 2022-05-31/],
        ['100001', /W0: qualifies: single assessment W0 started 2022-05-12: counts as the start of the Reunification plan/],
      ];
      for (const [person, line] of expected) {
        const explain = await runCli(['explain', person, '--sqlite', db]);
        assert.equal(explain.code, 0, explain.stderr);
        assert.match(explain.stdout, line, person);
      }
      const [warning] = query<Record<string, unknown>>(db, "SELECT * FROM data_quality_issue WHERE rule = 'unknown_workflow_type'");
      assert.deepEqual([warning.severity, warning.source_file, warning.line, warning.person_id], ['warning', 'assessments.csv', 7, '100007']);
      assert.equal(query(db, 'SELECT * FROM assessment_workflow').length, 7);
    });

    it('issues lists the latest run\'s issues with file, line, column, rule and message, filtered, as text or CSV', async () => {
      assert.match(run.stdout, /Most frequent data-quality rules/);
      assert.match(run.stdout, /exclusion_for_unknown_child \(warning, 1\): e\.g\. exclusions\.csv, line 2/);
      assert.match(run.stdout, /unknown_workflow_type \(warning, 1\): e\.g\. assessments\.csv, line 7, column workflow_type: /);

      const text = await runCli(['issues', '--sqlite', db]);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /^Data-quality issues of run \S+ \(succeeded, as at 2022-05-31\): 3 of 3\n/);
      assert.match(text.stdout, /warning\s+assessments\.csv\s+7\s+workflow_type\s+100007\s+unknown_workflow_type\s+workflow_type is not SGO/);

      const csv = await runCli(['issues', '--sqlite', db, '--format', 'csv', '--rule', 'UNKNOWN_workflow_type']);
      const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
      assert.deepEqual(rows.map((r) => [r.severity, r.source_file, r.line, r.column_name, r.person_id, r.rule]), [
        ['warning', 'assessments.csv', '7', 'workflow_type', '100007', 'unknown_workflow_type'],
      ]);
      const byFile = await runCli(['issues', '--sqlite', db, '--file', 'exclusions.csv', '--format', 'csv']);
      assert.equal((parse(byFile.stdout, { columns: true }) as unknown[]).length, 1);
      const none = await runCli(['issues', '--sqlite', db, '--person', '100001']);
      assert.match(none.stdout, /: 0 of 3\. Rules in this run: assessment_after_as_at, exclusion_for_unknown_child, unknown_workflow_type\./);
      assert.equal((await runCli(['issues', '--sqlite', db, '--format', 'xml'])).code, 2);
    });
  });
});
