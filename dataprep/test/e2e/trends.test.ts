import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_TABLES, TABLES } from '../../src/model/tables';
import { EXAMPLE_EXTRACT, query, runCli, snapshotCurated, tempDir } from '../helpers/cli';

const DATES = ['2022-03-31', '2022-04-30', '2022-05-31'];

/** An archive of dated copies of the example extract, plus entries backfill must skip. */
function archive(dates: readonly string[] = DATES): string {
  const dir = tempDir('archive');
  for (const date of dates) cpSync(EXAMPLE_EXTRACT, join(dir, date), { recursive: true });
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'README.txt'), 'archive of the daily extracts\n');
  return dir;
}

const history = (db: string) => query(db, 'SELECT * FROM plan_status_history ORDER BY as_at_date, person_id, assessment_type');
const historyDates = (db: string) =>
  query<{ as_at_date: string; n: number }>(db, 'SELECT as_at_date, count(*) n FROM plan_status_history GROUP BY 1 ORDER BY 1')
    .map((r) => [r.as_at_date, r.n]);
const runs = (db: string) => query<{ status: string; as_at_date: string }>(db, 'SELECT status, as_at_date FROM refresh_log ORDER BY started_at_utc, rowid');

describe('e2e: backfill, trends and export through the CLI', function () {
  this.timeout(180_000);

  describe('a backfill over three dated copies of the example extract', () => {
    const dir = archive();
    const db = join(tempDir('backfill'), 'ppoc.sqlite');
    let first: Awaited<ReturnType<typeof runCli>>;
    before(async () => {
      first = await runCli(['backfill', '--source-archive', dir, '--sqlite', db]);
    });

    it('refreshes each folder as at its date, oldest first, showing folder n of N, skipping other names with a warning', () => {
      assert.equal(first.code, 0, first.stderr + first.stdout);
      const progress = first.stdout.split('\n').filter((l) => l.startsWith('folder '));
      assert.deepEqual(progress.map((l) => l.slice(0, 'folder 1 of 3: 2022-03-31 succeeded'.length)), [
        'folder 1 of 3: 2022-03-31 succeeded', 'folder 2 of 3: 2022-04-30 succeeded', 'folder 3 of 3: 2022-05-31 succeeded',
      ]);
      assert.match(first.stdout, /Warning: skipping "notes" in the archive: not named YYYY-MM-DD/);
      assert.match(first.stdout, /Warning: skipping "README.txt" in the archive: not a folder/);
      assert.deepEqual(runs(db), DATES.map((date) => ({ status: 'succeeded', as_at_date: date })));
    });

    it('fills the history for three dates and leaves the newest as the current tables', () => {
      assert.deepEqual(historyDates(db), DATES.map((date) => [date, 9]));
      assert.deepEqual(query(db, 'SELECT DISTINCT as_at_date FROM planned_assessment'), [{ as_at_date: '2022-05-31' }]);
      const nys = query(db, "SELECT as_at_date FROM plan_status_history WHERE person_id = '100004' ORDER BY 1");
      assert.equal(nys.length, 3);
      assert.deepEqual(query(db, "SELECT as_at_date, status FROM plan_status_history WHERE person_id = '100001' ORDER BY 1").map((r) => r.status),
        ['Upcoming - Planned Start in Next 3 Months', 'Upcoming - Planned Start in Next 3 Months', 'Started Late'],
        'as at 31 March and 30 April the 12 May start had not happened');
    });

    it('builds timeliness_by_month: All rows 2022-03 with 2 started on time, 2022-05 with 1 started late', () => {
      const all = query<Record<string, unknown>>(db,
        "SELECT * FROM timeliness_by_month WHERE locality = 'All' AND team = 'All' AND assessment_type = 'All' ORDER BY month");
      assert.deepEqual(all.map((r) => [r.month, r.started, r.started_on_time, r.started_late, r.pct_on_time, r.not_yet_started_at_month_end]), [
        ['2022-03', 2, 2, 0, 100, 0],
        ['2022-04', 0, 0, 0, null, 0],
        ['2022-05', 1, 0, 1, 0, 1],
      ]);
    });

    it('writes the page-2 tables with FCO slices and the one locality/team', () => {
      const slices = query(db, "SELECT full_care_order, plans FROM locality_summary WHERE locality = 'All' AND team = 'All' ORDER BY 1");
      assert.deepEqual(slices, [{ full_care_order: 'All', plans: 9 }, { full_care_order: 'No', plans: 0 }, { full_care_order: 'Yes', plans: 9 }]);
      assert.deepEqual(query(db, 'SELECT DISTINCT full_care_order FROM target_progress ORDER BY 1').map((r) => r.full_care_order), ['All', 'No', 'Yes']);
      assert.deepEqual(query(db, 'SELECT * FROM locality_team'), [
        { locality: 'High Peak & North Dales', team: 'CS HPND Children In Care Team', sort_order: 1 },
      ]);
    });

    it('changes nothing when run again: every folder is skipped as done', async () => {
      const before = { history: history(db), curated: snapshotCurated(db), runs: runs(db) };
      const again = await runCli(['backfill', '--source-archive', dir, '--sqlite', db]);
      assert.equal(again.code, 0, again.stderr);
      assert.equal((again.stdout.match(/^folder \d of 3: \S+ skipped: already refreshed successfully/gm) ?? []).length, 3);
      assert.deepEqual({ history: history(db), curated: snapshotCurated(db), runs: runs(db) }, before);
    });

    it('exports one CSV per table whose rows equal the table\'s, header = column names, owner-only', async () => {
      const out = join(tempDir('export'), 'nested', 'csv');
      const result = await runCli(['export', '--out', out, '--sqlite', db]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(statSync(out).mode & 0o777, 0o700);
      for (const table of EXPORT_TABLES) {
        const file = join(out, `${table}.csv`);
        assert.equal(statSync(file).mode & 0o777, 0o600, table);
        const text = readFileSync(file, 'utf8');
        const [header, ...rows] = parse(text, { relax_column_count: false }) as string[][];
        assert.deepEqual(header, TABLES[table].columns.map((c) => c.name), table);
        const [{ n }] = query<{ n: number }>(db, `SELECT count(*) n FROM "${table}"`);
        assert.equal(rows.length, n, table);
        assert.match(result.stdout, new RegExp(`${table}\\.csv\\s+${n}\\n`));
      }
      const planned = parse(readFileSync(join(out, 'planned_assessment.csv')), { columns: true }) as Record<string, string>[];
      const late = planned.find((r) => r.person_id === '100001')!;
      assert.deepEqual([late.predicted_start_date, late.actual_start_date, late.full_care_order, late.ceased_date], ['2022-05-04', '2022-05-12', 'Yes', '']);
      assert.match(readFileSync(join(out, 'locality_team.csv'), 'utf8'), /^locality,team,sort_order\r\nHigh Peak & North Dales,/);
    });
  });

  it('stops at a folder that fails (exit 1), keeps the history before it, and resumes there when run again', async () => {
    const dir = archive();
    const db = join(tempDir('backfill-fail'), 'ppoc.sqlite');
    rmSync(join(dir, '2022-04-30', 'episodes.csv'));
    const failed = await runCli(['backfill', '--source-archive', dir, '--sqlite', db]);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /^folder 2 of 3: 2022-04-30 FAILED: .*episodes\.csv/m);
    assert.match(failed.stdout, /Backfill stopped at folder 2 of 3 \(2022-04-30\)/);
    assert.doesNotMatch(failed.stdout, /folder 3 of 3/);
    assert.deepEqual(historyDates(db), [['2022-03-31', 9]]);
    assert.deepEqual(query(db, 'SELECT DISTINCT as_at_date FROM planned_assessment'), [{ as_at_date: '2022-03-31' }]);
    assert.deepEqual(runs(db).map((r) => r.status), ['succeeded', 'failed']);

    cpSync(join(EXAMPLE_EXTRACT, 'episodes.csv'), join(dir, '2022-04-30', 'episodes.csv'));
    const resumed = await runCli(['backfill', '--source-archive', dir, '--sqlite', db]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /^folder 1 of 3: 2022-03-31 skipped/m);
    assert.deepEqual(historyDates(db), DATES.map((date) => [date, 9]));
  });

  it('refuses a bad PPOC_HISTORY_DAYS and an archive without dated folders in one line (exit 2)', async () => {
    const db = join(tempDir('usage'), 'ppoc.sqlite');
    const bad = await runCli(['run', '--source', EXAMPLE_EXTRACT, '--sqlite', db], { PPOC_HISTORY_DAYS: '0' });
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.trim(), 'ppoc-prep run: PPOC_HISTORY_DAYS must be a whole number of days from 1 to 36600 (unset keeps all history), got "0"');
    const empty = await runCli(['backfill', '--source-archive', archive([]), '--sqlite', db]);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /^ppoc-prep backfill: no dated extract folders \(YYYY-MM-DD\) in /);
  });
});
