/**
 * The stale-extract check trusts file times only when none is in the future: one file with a
 * future time used to vouch for a week-old extract (issue 20). Unit cases, then a property over
 * random modification times (past, within the clock-skew tolerance, future) on the required files.
 */
import assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { assertFreshExtract, FUTURE_TOLERANCE_MS, StaleExtractError } from '../../src/sources/staleness';
import { removeExtracts, writeExtract } from './extract-fixture';

const NOW = new Date(Date.UTC(2022, 4, 31, 6, 30));
const HOUR = 3_600_000;
const REQUIRED = ['episodes.csv', 'allocations.csv', 'assessments.csv', 'predictions.csv'];

/** Sets each required file's modification time to NOW plus its offset (ms; negative is the past). */
function timed(offsets: readonly number[]): string {
  const dir = writeExtract();
  REQUIRED.forEach((file, i) => {
    const when = new Date(NOW.getTime() + offsets[i]);
    utimesSync(join(dir, file), when, when);
  });
  return dir;
}

function failure(dir: string, maxAgeHours = 36): StaleExtractError | null {
  try {
    assertFreshExtract(dir, maxAgeHours, NOW);
    return null;
  } catch (error) {
    assert.ok(error instanceof StaleExtractError, String(error));
    return error;
  }
}

describe('the stale-extract check: file times in the future', () => {
  after(removeExtracts);

  it('fails a 200-hour-old extract that one file modified in the future used to let through', () => {
    const error = failure(timed([-200 * HOUR, -200 * HOUR, 3 * HOUR, -200 * HOUR]));
    assert.ok(error);
    assert.equal(error.sourceFile, 'assessments.csv');
    assert.equal(error.rule, 'stale_extract');
    assert.equal(
      error.message,
      'assessments.csv: the extract\'s age cannot be trusted: assessments.csv was modified in the future (2022-05-31T09:30:00.000Z, ' +
        '3.0 hours ahead of this machine\'s clock); check the clocks of this machine and of the machine that wrote the extract, ' +
        'or re-run with --allow-stale to publish it deliberately',
    );
  });

  it('fails a fresh extract with a file in the future too: its time cannot be trusted', () => {
    assert.match(failure(timed([-HOUR, -HOUR, -HOUR, 24 * HOUR]))?.message ?? '', /^predictions\.csv: .* modified in the future/);
  });

  it('allows the clock skew a Windows domain allows (5 minutes), not more', () => {
    assert.equal(failure(timed([-HOUR, -HOUR, FUTURE_TOLERANCE_MS - 1000, -HOUR])), null);
    assert.match(failure(timed([-HOUR, -HOUR, FUTURE_TOLERANCE_MS + 1000, -HOUR]))?.message ?? '', /modified in the future/);
  });

  it('property: the check passes exactly when no file is past the tolerance and the newest is within the age limit', () => {
    const offset = fc.oneof(
      fc.integer({ min: -400 * HOUR, max: 0 }),
      fc.integer({ min: 0, max: FUTURE_TOLERANCE_MS * 2 }),
      fc.integer({ min: 0, max: 10_000 * HOUR }),
    );
    const seed = process.env.PPOC_FC_SEED ? Number(process.env.PPOC_FC_SEED) : Date.now() % 2 ** 31;
    fc.assert(
      fc.property(fc.array(offset.map((ms) => Math.round(ms / 1000) * 1000), { minLength: 4, maxLength: 4 }), (offsets) => {
        const error = failure(timed(offsets));
        const future = offsets.some((ms) => ms > FUTURE_TOLERANCE_MS);
        const stale = Math.max(...offsets) < -36 * HOUR;
        assert.equal(error === null, !future && !stale, `offsets ${offsets.map((ms) => ms / HOUR).join(', ')} h: ${error?.message}`);
        if (future) assert.match(error?.message ?? '', /was modified in the future/);
        else if (stale) assert.match(error?.message ?? '', /the extract is stale/);
      }),
      { numRuns: 60, seed },
    );
  });
});
