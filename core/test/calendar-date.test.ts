import assert from 'node:assert/strict';
import {
  addDays, addMonths, calendarDateFromLocalDate, daysBetween, formatUkDate, fromDayNumber, isIsoDate,
  makeDate, parseCalendarDate, toDayNumber, todayInTimeZone, type IsoDate,
} from '../src/index';

const d = (s: string) => s as IsoDate;

describe('calendar dates', () => {
  describe('parseCalendarDate', () => {
    it('reads ISO and UK day-first dates to the same calendar date', () => {
      assert.equal(parseCalendarDate('2022-05-04'), '2022-05-04');
      assert.equal(parseCalendarDate('04/05/2022'), '2022-05-04');
      assert.equal(parseCalendarDate(' 4/5/2022 '), '2022-05-04');
    });
    it('accepts 29 February only in leap years (and 2000, not 1900)', () => {
      assert.equal(parseCalendarDate('29/02/2024'), '2024-02-29');
      assert.equal(parseCalendarDate('29/02/2023'), null);
      assert.equal(parseCalendarDate('2000-02-29'), '2000-02-29');
      assert.equal(parseCalendarDate('1900-02-29'), null);
    });
    it('rejects impossible and ambiguous forms', () => {
      for (const bad of ['31/04/2022', '2022-13-01', '2022-00-10', '00/01/2022', '2022/05/04', '05-04-2022',
        '2022-5-4', '12/03/22', 'yesterday', '', '2022-05-04T00:00:00', '44687']) {
        assert.equal(parseCalendarDate(bad), null, bad);
      }
      assert.equal(parseCalendarDate(null), null);
      assert.equal(parseCalendarDate(undefined), null);
    });
    it('isIsoDate accepts only canonical valid dates', () => {
      assert.equal(isIsoDate('2024-02-29'), true);
      assert.equal(isIsoDate('2023-02-29'), false);
      assert.equal(isIsoDate('04/05/2022'), false);
      assert.equal(isIsoDate(20220504), false);
    });
  });

  describe('day numbers', () => {
    it('round-trips every day across leap years and century edges', () => {
      let n = toDayNumber(d('1899-12-25'));
      let previous = '1899-12-24';
      for (let i = 0; i < 365 * 210; i += 1, n += 1) {
        const date = fromDayNumber(n);
        assert.ok(date > previous, `${date} after ${previous}`);
        assert.equal(toDayNumber(date), n);
        previous = date;
      }
    });
    it('has 1970-01-01 as day 0', () => {
      assert.equal(toDayNumber(d('1970-01-01')), 0);
      assert.equal(fromDayNumber(-1), '1969-12-31');
    });
  });

  describe('addDays / daysBetween', () => {
    it('crosses month, year and leap-day boundaries', () => {
      assert.equal(addDays(d('2024-02-28'), 1), '2024-02-29');
      assert.equal(addDays(d('2023-02-28'), 1), '2023-03-01');
      assert.equal(addDays(d('2022-12-31'), 1), '2023-01-01');
      assert.equal(addDays(d('2022-03-01'), -90), '2021-12-01');
      assert.equal(daysBetween(d('2022-05-04'), d('2022-05-12')), 8);
      assert.equal(daysBetween(d('2022-05-12'), d('2022-05-04')), -8);
    });
    it('is unaffected by the Europe/London clock changes', () => {
      assert.equal(daysBetween(d('2022-03-26'), d('2022-03-28')), 2);
      assert.equal(daysBetween(d('2022-10-29'), d('2022-10-31')), 2);
    });
  });

  describe('addMonths (docs/rules.md examples and clamping)', () => {
    const cases: [string, number, string][] = [
      ['2022-11-30', 3, '2023-02-28'],
      ['2023-11-30', 3, '2024-02-29'],
      ['2022-05-31', 3, '2022-08-31'],
      ['2022-08-31', -3, '2022-05-31'],
      ['2022-05-31', -3, '2022-02-28'],
      ['2024-05-31', -3, '2024-02-29'],
      ['2024-02-29', 12, '2025-02-28'],
      ['2024-02-29', -12, '2023-02-28'],
      ['2022-01-31', 1, '2022-02-28'],
      ['2022-03-31', -1, '2022-02-28'],
      ['2022-12-15', 1, '2023-01-15'],
      ['2023-01-15', -1, '2022-12-15'],
      ['2022-05-04', 0, '2022-05-04'],
      ['2022-10-31', 3, '2023-01-31'],
    ];
    for (const [from, n, expected] of cases) {
      it(`${from} ${n >= 0 ? '+' : '−'} ${Math.abs(n)} months = ${expected}`, () => {
        assert.equal(addMonths(d(from), n), expected);
      });
    }
  });

  it('formats as DD/MM/YYYY', () => {
    assert.equal(formatUkDate(d('2022-05-04')), '04/05/2022');
  });

  it('makeDate rejects out-of-range parts', () => {
    assert.equal(makeDate(2022, 2, 29), null);
    assert.equal(makeDate(2022, 12, 31), '2022-12-31');
    assert.equal(makeDate(2022.5, 1, 1), null);
  });

  describe('todayInTimeZone', () => {
    it('uses the London calendar date, not UTC, late on a summer evening', () => {
      // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
      assert.equal(todayInTimeZone('Europe/London', new Date(Date.UTC(2022, 5, 30, 23, 30))), '2022-07-01');
      // In winter London is UTC.
      assert.equal(todayInTimeZone('Europe/London', new Date(Date.UTC(2022, 11, 31, 23, 30))), '2022-12-31');
    });
  });

  it('calendarDateFromLocalDate reads local parts (how Power BI builds date values)', () => {
    assert.equal(calendarDateFromLocalDate(new Date(2022, 5, 15)), '2022-06-15');
    assert.equal(calendarDateFromLocalDate(new Date('not a date')), null);
  });
});
