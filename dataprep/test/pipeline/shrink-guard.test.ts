/**
 * The shrink guards case by case (pure: figures in, breaches out): the limit itself, a first run,
 * an empty base, the 7-run window, an accepted drop becoming the base, shares as relative falls.
 */
import assert from 'node:assert/strict';
import type { IsoDate } from '../../../core/src/index';
import type { PastRun } from '../../src/model/run-figures';
import { findBreaches, GUARD_WINDOW_RUNS, shrinkMessage, type GuardContext } from '../../src/pipeline/shrink-guard';

const context: GuardContext = { maxPercent: 50, asAt: '2022-05-31' as IsoDate, fileNames: { 'file_rows:allocations': 'allocations.csv' } };
const ROWS = 'table_rows:planned_assessment';
const ALLOCATIONS = 'file_rows:allocations';

let n = 0;
function past(values: Record<string, number>, accepted: string[] = [], asAt = '2022-05-30'): PastRun {
  n += 1;
  return { runId: `run-${n}`, asAtDate: asAt as IsoDate, values, accepted: new Set(accepted) };
}
const figures = (breaches: { figure: string }[]) => breaches.map((b) => b.figure);

describe('the shrink guards (findBreaches)', () => {
  it('a first run, or a figure no earlier run has, has no base: nothing to compare', () => {
    assert.deepEqual(findBreaches({ [ROWS]: 1 }, [], context), []);
    assert.deepEqual(findBreaches({ [ROWS]: 1 }, [past({ [ALLOCATIONS]: 80 })], context), []);
  });

  it('an empty base (0) cannot fall', () => {
    assert.deepEqual(findBreaches({ [ROWS]: 0 }, [past({ [ROWS]: 0 })], context), []);
  });

  it('exactly at the limit passes; one more row lost is a breach, with both figures', () => {
    assert.deepEqual(findBreaches({ [ROWS]: 50 }, [past({ [ROWS]: 100 })], context), []);
    assert.deepEqual(findBreaches({ [ROWS]: 49 }, [past({ [ROWS]: 100 })], context), [
      { figure: ROWS, text: 'planned_assessment would shrink from 100 to 49 rows (51% fewer)' },
    ]);
    assert.deepEqual(findBreaches({ [ROWS]: 3 }, [past({ [ROWS]: 7 })], { ...context, maxPercent: 57 }), [
      { figure: ROWS, text: 'planned_assessment would shrink from 7 to 3 rows (57.1% fewer)' }, // 57.14%: never shown as 57%
    ]);
    assert.deepEqual(findBreaches({ [ROWS]: 4 }, [past({ [ROWS]: 7 })], { ...context, maxPercent: 57 }), []);
  });

  it('0% refuses any fall; 100% refuses none (a figure cannot fall by more than all of it)', () => {
    assert.equal(findBreaches({ [ROWS]: 99 }, [past({ [ROWS]: 100 })], { ...context, maxPercent: 0 }).length, 1);
    assert.equal(findBreaches({ [ROWS]: 100 }, [past({ [ROWS]: 100 })], { ...context, maxPercent: 0 }).length, 0);
    assert.equal(findBreaches({ [ROWS]: 0 }, [past({ [ROWS]: 100 })], { ...context, maxPercent: 100 }).length, 0);
  });

  it('compares with the largest of the last 7 runs, so small losses cannot ratchet a table down', () => {
    // 80 → 41 passes (49% fewer); the next run's 21 is compared with 80, not 41.
    const history = [past({ [ROWS]: 41 }), past({ [ROWS]: 80 })];
    assert.deepEqual(findBreaches({ [ROWS]: 41 }, history.slice(1), context), []);
    assert.deepEqual(figures(findBreaches({ [ROWS]: 21 }, history, context)), [ROWS]);
  });

  it('looks back 7 runs, no further', () => {
    const window = Array.from({ length: GUARD_WINDOW_RUNS - 1 }, () => past({ [ROWS]: 10 }));
    assert.equal(GUARD_WINDOW_RUNS, 7);
    assert.deepEqual(figures(findBreaches({ [ROWS]: 10 }, [...window, past({ [ROWS]: 100 })], context)), [ROWS], 'the 7th run counts');
    assert.deepEqual(findBreaches({ [ROWS]: 10 }, [...window, past({ [ROWS]: 10 }), past({ [ROWS]: 100 })], context), [], 'the 8th does not');
  });

  it('an accepted drop becomes the base of its figure: runs before it no longer count for it, and still count for the others', () => {
    const accepted = past({ [ROWS]: 5, [ALLOCATIONS]: 40 }, [ROWS]);
    const before = past({ [ROWS]: 80, [ALLOCATIONS]: 80 });
    assert.deepEqual(findBreaches({ [ROWS]: 5, [ALLOCATIONS]: 40 }, [accepted, before], context), []);
    assert.deepEqual(figures(findBreaches({ [ROWS]: 2, [ALLOCATIONS]: 39 }, [accepted, before], context)), [ROWS, ALLOCATIONS]);
    assert.deepEqual(findBreaches({ [ROWS]: 3 }, [past({ [ROWS]: 4 }), accepted, before], context), [], 'the newest accepted run ends the window');
  });

  it('the share of plans with a worker or team falls relatively (not in percentage points), and says so', () => {
    const base = past({ [ROWS]: 100, plans_with_worker_or_team: 90 });
    // 90% → 46%: 44 points, a relative fall of 48.9%: passes. 90% → 44%: a relative fall of 51.1%.
    assert.deepEqual(findBreaches({ [ROWS]: 50, plans_with_worker_or_team: 23 }, [base], context), []);
    assert.deepEqual(findBreaches({ [ROWS]: 100, plans_with_worker_or_team: 44 }, [base], context), [{
      figure: 'plans_with_worker_or_team',
      text: 'the share of plans with a social worker or team would fall from 90% (90 of 100) to 44% (44 of 100), a relative fall of 51%',
    }]);
    assert.deepEqual(findBreaches({ [ROWS]: 0, plans_with_worker_or_team: 0 }, [base], context).map((b) => b.figure), [ROWS],
      'no plans: the table guard speaks, the share has no value');
  });

  it('names actual starts with the 12 months they count, and a file by this run\'s name of it', () => {
    const breaches = findBreaches(
      { actual_starts_12_months: 1, 'file_rows:predictions': 2 },
      [past({ actual_starts_12_months: 3, 'file_rows:predictions': 9 })],
      { ...context, fileNames: { 'file_rows:predictions': 'predictions.xlsx' } },
    );
    assert.deepEqual(breaches.map((b) => b.text), [
      'actual starts in the 12 months to 2022-05-31 would fall from 3 to 1 (67% fewer)',
      'predictions.xlsx has 2 data rows, down from 9 (78% fewer)',
    ]);
  });

  it('compares actual starts (over the 12 months to each run\'s date) only with runs as at a month before or later', () => {
    const starts = { actual_starts_12_months: 1 };
    assert.equal(findBreaches(starts, [past({ actual_starts_12_months: 3 }, [], '2022-04-30')], context).length, 1, 'a month before: the years overlap by 11 months');
    assert.deepEqual(findBreaches(starts, [past({ actual_starts_12_months: 3 }, [], '2022-04-29')], context), [], 'earlier: another year');
    assert.deepEqual(figures(findBreaches({ [ROWS]: 1 }, [past({ [ROWS]: 3 }, [], '2018-05-31')], context)), [ROWS], 'the other figures have no such limit');
  });

  it('words the failure with every breach, the setting, the window and the flag', () => {
    const one = findBreaches({ [ROWS]: 9 }, [past({ [ROWS]: 41 })], context);
    assert.equal(shrinkMessage(one, 50), 'planned_assessment would shrink from 41 to 9 rows (78% fewer), more than PPOC_MAX_SHRINK_PERCENT (50%) ' +
      'allows against the largest of the last 7 accepted runs; check the extract, or run again with --allow-shrink if the drop is deliberate');
    const two = findBreaches({ [ROWS]: 9, [ALLOCATIONS]: 1 }, [past({ [ROWS]: 41, [ALLOCATIONS]: 41 })], context);
    assert.equal(shrinkMessage(two, 50), 'planned_assessment would shrink from 41 to 9 rows (78% fewer); allocations.csv has 1 data row, ' +
      'down from 41 (98% fewer); each more than PPOC_MAX_SHRINK_PERCENT (50%) allows against the largest of the last 7 accepted runs; ' +
      'check the extract, or run again with --allow-shrink if the drops are deliberate (it accepts them all)');
  });
});
