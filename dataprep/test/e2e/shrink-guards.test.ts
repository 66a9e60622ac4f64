/**
 * Issue 20's shrink guards over several runs, for real: `ppoc-prep run` processes on one SQLite
 * file. Runs that each lose half the children (exactly the limit) can no longer take 80 plans
 * to 5 unnoticed: each run is compared with the largest of the last 7 accepted runs; a drop
 * accepted with --allow-shrink becomes the base; a backfill of older folders is compared only
 * with runs as at their date or before.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_EXTRACT, query, runCli, snapshotCurated, tempDir } from '../helpers/cli';

const REQUIRED = ['episodes.csv', 'allocations.csv', 'assessments.csv', 'predictions.csv'];

/**
 * An extract of `children` children: child i is the example's child (i − 1) mod 9 under the ID
 * 200000 + i (its episode, allocation, prediction, and assessment where the example has one).
 */
function extractOf(children: number, dir = join(tempDir('children'), 'extract')): string {
  mkdirSync(dir, { recursive: true });
  for (const file of REQUIRED) {
    const [header, ...rows] = readFileSync(join(EXAMPLE_EXTRACT, file), 'utf8').trimEnd().split('\n');
    const byChild = new Map(rows.map((row) => [row.slice(0, 6), row]));
    const out = [header];
    for (let i = 1; i <= children; i++) {
      const row = byChild.get(String(100001 + ((i - 1) % 9)));
      if (row) out.push(`${200000 + i}${row.slice(6)}`.replace(/^(\d+),W\d+,/, `$1,W${i},`));
    }
    writeFileSync(join(dir, file), `${out.join('\n')}\n`);
  }
  return dir;
}

const plans = (db: string) => query(db, 'SELECT * FROM planned_assessment').length;

describe('e2e: the shrink guards over several runs (issue 20; real processes, one SQLite file)', function () {
  this.timeout(180_000);

  it('80 plans cannot be halved down to 5 run by run; --allow-shrink accepts a drop, which becomes the base', async () => {
    const db = join(tempDir('ratchet'), 'ppoc.sqlite');
    const run = (children: number, asAt: string, args: string[] = []) =>
      runCli(['run', '--source', extractOf(children), '--as-at', asAt, '--sqlite', db, ...args]);

    assert.equal((await run(80, '2022-05-27')).code, 0);
    const halved = await run(40, '2022-05-28'); // exactly 50% fewer: the limit itself passes
    assert.equal(halved.code, 0, halved.stdout);
    assert.equal(plans(db), 40);

    const before = snapshotCurated(db);
    const ratchet = await run(20, '2022-05-29'); // 50% fewer than 40, 75% fewer than 80
    assert.equal(ratchet.code, 1, ratchet.stdout);
    assert.match(ratchet.stdout, /^Reason: planned_assessment would shrink from 80 to 20 rows \(75% fewer\); cic_cohort would shrink from 80 to 20 rows \(75% fewer\);.* more than PPOC_MAX_SHRINK_PERCENT \(50%\) allows against the largest of the last 7 accepted runs; check the extract, or run again with --allow-shrink if the drops are deliberate/m);
    assert.match(ratchet.stdout, /episodes\.csv has 20 data rows, down from 80 \(75% fewer\)/);
    assert.deepEqual(snapshotCurated(db), before, 'the tables of the 40-child run stay');
    const [failed] = query<{ status: string; message: string }>(db, 'SELECT status, message FROM refresh_log ORDER BY started_at_utc DESC LIMIT 1');
    assert.equal(failed.status, 'failed');
    assert.match(failed.message, /^planned_assessment would shrink from 80 to 20 rows/);
    assert.equal(query(db, "SELECT * FROM data_quality_issue WHERE rule = 'table_shrink'").length, 1);

    const accepted = await run(20, '2022-05-29', ['--allow-shrink']);
    assert.equal(accepted.code, 0, accepted.stdout);
    assert.match(accepted.stderr, /WARN planned_assessment would shrink from 80 to 20 rows \(75% fewer\): accepted by --allow-shrink/);
    assert.deepEqual(query(db, `SELECT figure FROM run_figure f JOIN refresh_log r ON r.run_id = f.run_id
      WHERE r.status = 'succeeded' AND f.drop_accepted = 'Yes' AND f.figure LIKE 'table_rows:%' ORDER BY figure`), [
      { figure: 'table_rows:cic_cohort' }, { figure: 'table_rows:planned_assessment' },
    ]);

    assert.equal((await run(10, '2022-05-30')).code, 0, 'half the accepted 20: the base is the accepted run, not the 80 before it');
    const five = await run(5, '2022-05-31');
    assert.equal(five.code, 1, five.stdout);
    assert.match(five.stdout, /planned_assessment would shrink from 20 to 5 rows \(75% fewer\)/, 'the accepted run is still in the window');
    assert.equal(plans(db), 10);
  });

  it('a backfill of older, smaller folders is compared only with runs as at their date or before; the next daily run with the daily runs', async () => {
    const db = join(tempDir('backfill'), 'ppoc.sqlite');
    assert.equal((await runCli(['run', '--source', extractOf(80), '--as-at', '2022-05-31', '--sqlite', db])).code, 0);
    const archive = tempDir('archive');
    extractOf(9, join(archive, '2022-03-31'));
    extractOf(12, join(archive, '2022-04-30'));
    const backfill = await runCli(['backfill', '--source-archive', archive, '--as-at', '2022-05-31', '--sqlite', db]);
    assert.equal(backfill.code, 0, backfill.stdout);
    assert.match(backfill.stdout, /Backfill finished: 2 dated folders, 2 refreshed/);
    const daily = await runCli(['run', '--source', extractOf(30), '--as-at', '2022-06-01', '--sqlite', db]);
    assert.equal(daily.code, 1, daily.stdout);
    assert.match(daily.stdout, /planned_assessment would shrink from 80 to 30 rows \(63% fewer\)/, 'the 80 of 2022-05-31, not the backfilled 12');
  });
});
