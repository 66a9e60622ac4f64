import assert from 'node:assert/strict';
import {
  countSentence, formatSentence, sentenceMembership, windowsFor, type IsoDate, type SentenceRow, type StatusKey,
} from '../src/index';

const d = (s: string) => s as IsoDate;
const row = (status: StatusKey | null, predicted: string | null, actual: string | null = null): SentenceRow => ({
  status, predicted: predicted as IsoDate | null, actual: actual as IsoDate | null,
});

describe('windows', () => {
  it('are [A − W months, A] and [A, A + W months], clamped at month ends', () => {
    assert.deepEqual(windowsFor(d('2022-05-31')), {
      last: { from: '2022-02-28', to: '2022-05-31' },
      next: { from: '2022-05-31', to: '2022-08-31' },
    });
    assert.deepEqual(windowsFor(d('2024-05-31')).last, { from: '2024-02-29', to: '2024-05-31' });
    assert.deepEqual(windowsFor(d('2023-11-30')).next, { from: '2023-11-30', to: '2024-02-29' });
    assert.deepEqual(windowsFor(d('2022-05-31'), 6).last, { from: '2021-11-30', to: '2022-05-31' });
  });
});

describe('summary sentence', () => {
  const A = d('2022-05-31');
  const windows = windowsFor(A);

  describe('membership', () => {
    it('counts starts whose date is inside the LAST window, both edges inclusive', () => {
      assert.equal(sentenceMembership(row('onTime', '2022-03-01', '2022-02-28'), windows).last, 'onTime');
      assert.equal(sentenceMembership(row('onTime', '2022-03-01', '2022-02-27'), windows).last, null);
      assert.equal(sentenceMembership(row('late', '2022-05-01', '2022-05-31'), windows).last, 'late');
      assert.equal(sentenceMembership(row('late', '2022-01-01', '2022-02-27'), windows).last, null);
    });
    it('counts not-yet-started predictions dated inside the window', () => {
      assert.equal(sentenceMembership(row('notYetStarted', '2022-02-28'), windows).last, 'yetToStart');
      assert.equal(sentenceMembership(row('notYetStarted', '2022-05-30'), windows).last, 'yetToStart');
      assert.equal(sentenceMembership(row('notYetStarted', '2022-02-27'), windows).last, null);
    });
    it('counts every upcoming plan in NEXT and nothing else', () => {
      assert.deepEqual(sentenceMembership(row('upcoming', '2022-05-31'), windows), { last: null, next: true });
      assert.deepEqual(sentenceMembership(row('plannedLater', '2022-09-01'), windows), { last: null, next: false });
      assert.deepEqual(sentenceMembership(row(null, null), windows), { last: null, next: false });
    });
  });

  it("gives the brief's example sentence for the example extract as at 2022-05-31", () => {
    const rows = [
      row('late', '2022-05-04', '2022-05-12'),
      row('onTime', '2022-03-17', '2022-03-17'),
      row('onTime', '2022-03-04', '2022-03-04'),
      row('notYetStarted', '2022-05-05'),
      row('upcoming', '2022-06-06'),
      row('upcoming', '2022-08-11'),
      row('upcoming', '2022-08-11'),
      row('upcoming', '2022-08-11'),
      row('upcoming', '2022-07-20'),
    ];
    const counts = countSentence(rows, A);
    assert.deepEqual(counts, { onTime: 2, late: 1, yetToStart: 1, planned: 5 });
    assert.equal(
      formatSentence(counts),
      'In the LAST 3 months 2 assessments started on time, 1 started late and 1 prediction is yet to start. ' +
        'In the NEXT 3 months 5 assessments are planned to start.',
    );
  });

  it('uses the singular only for exactly 1, the plural for 0 and many', () => {
    assert.equal(
      formatSentence({ onTime: 1, late: 0, yetToStart: 1, planned: 1 }),
      'In the LAST 3 months 1 assessment started on time, 0 started late and 1 prediction is yet to start. ' +
        'In the NEXT 3 months 1 assessment is planned to start.',
    );
    assert.equal(
      formatSentence({ onTime: 0, late: 0, yetToStart: 0, planned: 0 }),
      'In the LAST 3 months 0 assessments started on time, 0 started late and 0 predictions are yet to start. ' +
        'In the NEXT 3 months 0 assessments are planned to start.',
    );
    assert.equal(
      formatSentence({ onTime: 2, late: 3, yetToStart: 2, planned: 11 }, 6),
      'In the LAST 6 months 2 assessments started on time, 3 started late and 2 predictions are yet to start. ' +
        'In the NEXT 6 months 11 assessments are planned to start.',
    );
    assert.equal(
      formatSentence({ onTime: 0, late: 1, yetToStart: 0, planned: 1 }, 1),
      'In the LAST 1 month 0 assessments started on time, 1 started late and 0 predictions are yet to start. ' +
        'In the NEXT 1 month 1 assessment is planned to start.',
    );
  });

  it('counts nothing for an empty list', () => {
    assert.deepEqual(countSentence([], A), { onTime: 0, late: 0, yetToStart: 0, planned: 0 });
  });
});
