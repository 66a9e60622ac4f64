import assert from 'node:assert/strict';
import { daysLate, deriveStatus, parseStatusText, STATUS_KEYS, STATUS_ORDER, statusText, type IsoDate } from '../src/index';

const d = (s: string) => s as IsoDate;
const A = d('2022-05-31');

describe('status rules', () => {
  it('has the exact texts and sort orders of docs/rules.md', () => {
    assert.equal(statusText('onTime'), 'Started on Time');
    assert.equal(statusText('late'), 'Started Late');
    assert.equal(statusText('notYetStarted'), 'Not Yet Started');
    assert.equal(statusText('upcoming'), 'Upcoming - Planned Start in Next 3 Months');
    assert.equal(statusText('plannedLater'), 'Planned - Later');
    assert.deepEqual(STATUS_ORDER, { notYetStarted: 1, upcoming: 2, late: 3, onTime: 4, plannedLater: 5 });
  });
  it('says Next W Months for another window length', () => {
    assert.equal(statusText('upcoming', 6), 'Upcoming - Planned Start in Next 6 Months');
  });

  describe('deriveStatus', () => {
    const cases: [string, string, string | null, string | null][] = [
      ['a start on the predicted day is on time', '2022-05-04', '2022-05-04', 'onTime'],
      ['a start before the predicted day is on time', '2022-05-04', '2022-03-01', 'onTime'],
      ['a start one day after is late', '2022-05-04', '2022-05-05', 'late'],
      ['a start on the as-at day counts', '2022-05-04', '2022-05-31', 'late'],
      ['a start after the as-at date is no start', '2022-05-04', '2022-06-01', 'notYetStarted'],
      ['a prediction due yesterday with no start is not yet started', '2022-05-30', null, 'notYetStarted'],
      ['a prediction due today is upcoming, not late', '2022-05-31', null, 'upcoming'],
      ['a prediction on A + 3 months is upcoming', '2022-08-31', null, 'upcoming'],
      ['a prediction one day after A + 3 months is planned later', '2022-09-01', null, 'plannedLater'],
      ['a start on a future prediction is on time', '2022-08-31', '2022-05-10', 'onTime'],
    ];
    for (const [name, predicted, actual, expected] of cases) {
      it(name, () => {
        assert.equal(deriveStatus({ predicted: d(predicted), actual: actual as IsoDate | null }, A), expected);
      });
    }
    it('clamps the upcoming window at month ends (A = 30 Nov 2022 → 28 Feb 2023)', () => {
      const a = d('2022-11-30');
      assert.equal(deriveStatus({ predicted: d('2023-02-28'), actual: null }, a), 'upcoming');
      assert.equal(deriveStatus({ predicted: d('2023-03-01'), actual: null }, a), 'plannedLater');
    });
    it('uses 29 February in a leap year (A = 30 Nov 2023)', () => {
      const a = d('2023-11-30');
      assert.equal(deriveStatus({ predicted: d('2024-02-29'), actual: null }, a), 'upcoming');
      assert.equal(deriveStatus({ predicted: d('2024-03-01'), actual: null }, a), 'plannedLater');
    });
    it('follows the window length', () => {
      assert.equal(deriveStatus({ predicted: d('2022-09-01'), actual: null }, A, 6), 'upcoming');
      assert.equal(deriveStatus({ predicted: d('2022-07-01'), actual: null }, A, 1), 'plannedLater');
    });
    it('gives no status without a predicted date', () => {
      assert.equal(deriveStatus({ predicted: null, actual: d('2022-05-01') }, A), null);
    });
  });

  describe('daysLate', () => {
    it('is S − P when started late', () => {
      const plan = { predicted: d('2022-05-04'), actual: d('2022-05-12') };
      assert.equal(daysLate('late', plan, A), 8);
    });
    it('is A − P when not yet started', () => {
      assert.equal(daysLate('notYetStarted', { predicted: d('2022-05-05'), actual: null }, A), 26);
    });
    it('is 0 otherwise', () => {
      assert.equal(daysLate('onTime', { predicted: d('2022-05-04'), actual: d('2022-05-04') }, A), 0);
      assert.equal(daysLate('upcoming', { predicted: d('2022-06-06'), actual: null }, A), 0);
      assert.equal(daysLate('plannedLater', { predicted: d('2022-12-06'), actual: null }, A), 0);
      assert.equal(daysLate(null, { predicted: null, actual: null }, A), 0);
    });
  });

  describe('parseStatusText', () => {
    it('reads every status text back, forgiving case and spaces', () => {
      for (const key of STATUS_KEYS) assert.equal(parseStatusText(statusText(key)), key);
      assert.equal(parseStatusText('  started ON time '), 'onTime');
      assert.equal(parseStatusText('Started On Time'), 'onTime');
      assert.equal(parseStatusText('Upcoming - Planned Start in Next 6 Months'), 'upcoming');
    });
    it('returns null for unknown text', () => {
      assert.equal(parseStatusText('Adopted'), null);
      assert.equal(parseStatusText(''), null);
      assert.equal(parseStatusText(null), null);
    });
  });
});
