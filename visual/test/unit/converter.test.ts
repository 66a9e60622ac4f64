import { strict as assert } from 'node:assert';
import { convert } from '../../src/converter/convert';
import { cellValue, readDate, readText } from '../../src/converter/values';
import type { ViewModel } from '../../src/converter/view-model';
import { ALL_ROLES, builderDataView, EXAMPLE_SENTENCE, exampleRows, sentenceOf, tableDataView } from './helpers';
import type { IsoDate } from '../../../core/src/index';

const TODAY = '2022-05-31' as IsoDate;
const options = { windowMonths: 3, today: TODAY };
const cellsOf = (model: ViewModel, i: number) => model.columns.map((column) => cellValue(model.rows[i], column));

describe('converter', () => {
  it('gives the landing state when nothing is bound or there is no DataView', () => {
    assert.equal(convert(undefined, options).state, 'landing');
    assert.equal(convert(tableDataView([], []), options).state, 'landing');
  });

  it('keeps the bound columns in bound order with their display names, and hides asAtDate', () => {
    const dv = tableDataView(['status', 'child', 'asAtDate', 'personId'], [['Started Late', 'A', '2022-05-31', 'P1']], {
      titles: { child: 'Child name' },
    });
    const model = convert(dv, options);
    assert.deepEqual(model.columns.map((c) => c.role), ['status', 'child', 'personId']);
    assert.deepEqual(model.columns.map((c) => c.title), ['Status', 'Child name', 'Person ID']);
    assert.deepEqual(cellsOf(model, 0), ['Started Late', 'A', 'P1']);
  });

  it('titles an unnamed field with its role name, and shows a field bound to two roles once per role', () => {
    const dv = tableDataView(['personId'], [['P1']]);
    dv.table!.columns[0].displayName = '';
    assert.deepEqual(convert(dv, options).columns.map((c) => c.title), ['Person ID']);
    const shared = tableDataView(['team'], [['T1']]);
    shared.table!.columns[0].roles = { team: true, locality: true };
    const model = convert(shared, options);
    assert.deepEqual(model.columns.map((c) => c.role), ['team', 'locality']);
    assert.deepEqual(cellsOf(model, 0), ['T1', 'T1']);
  });

  it('computes the example sentence exactly', () => {
    const model = convert(tableDataView(ALL_ROLES, exampleRows()), { windowMonths: 3, today: '2030-01-01' as IsoDate });
    assert.equal(model.asAt, '2022-05-31');
    assert.equal(model.asAtFromData, true);
    assert.equal(sentenceOf(model), EXAMPLE_SENTENCE);
  });

  it('reads a DataView built with the testutils TestDataViewBuilder the same way', () => {
    const dates = exampleRows().map((row) => row.map((value, c) => (c >= 8 && c !== 10 && typeof value === 'string' ? new Date(`${value}T00:00:00`) : value)));
    const model = convert(builderDataView(ALL_ROLES, dates), { windowMonths: 3, today: '2030-01-01' as IsoDate });
    assert.equal(model.rows.length, 9);
    assert.equal(model.asAt, '2022-05-31');
    assert.equal(sentenceOf(model), EXAMPLE_SENTENCE);
  });

  it('uses the latest as-at date among rows, and today (never shown as the data\'s) when unbound or empty', () => {
    const rows = [['A', '2022-05-30'], ['B', '2022-05-31'], ['C', null]];
    assert.equal(convert(tableDataView(['personId', 'asAtDate'], rows), options).asAt, '2022-05-31');
    const empty = convert(tableDataView(['personId', 'asAtDate'], [['A', null]]), { windowMonths: 3, today: '2024-01-02' as IsoDate });
    assert.equal(empty.asAt, '2024-01-02');
    assert.equal(empty.asAtFromData, false);
    const unbound = convert(tableDataView(['personId'], [['A']]), { windowMonths: 3, today: '2024-01-03' as IsoDate });
    assert.deepEqual([unbound.asAt, unbound.asAtFromData, unbound.asAtBound], ['2024-01-03', false, false]);
    const dates = [['A', new Date(2022, 4, 30)], ['B', new Date(2022, 4, 31)], ['C', new Date(2022, 4, 29)], ['D', '2022-05-30']];
    assert.equal(convert(tableDataView(['personId', 'asAtDate'], dates), options).asAt, '2022-05-31');
    const text = [['A', '2022-06-01'], ['B', new Date(2022, 4, 31)]];
    assert.equal(convert(tableDataView(['personId', 'asAtDate'], text), options).asAt, '2022-06-01');
  });

  it('derives the status when Status is unbound, treating a start after the as-at date as no start', () => {
    const roles = ['personId', 'predictedStartDate', 'actualStartDate', 'asAtDate'] as const;
    const rows = [
      ['A', '2022-05-04', '2022-05-12', '2022-05-31'],
      ['B', '2022-05-04', '2022-05-04', '2022-05-31'],
      ['C', '2022-05-04', null, '2022-05-31'],
      ['D', '2022-05-31', null, '2022-05-31'],
      ['E', '2022-09-01', null, '2022-05-31'],
      ['F', '2022-05-04', '2022-06-10', '2022-05-31'],
      ['G', null, '2022-05-01', '2022-05-31'],
    ];
    const model = convert(tableDataView([...roles], rows), options);
    assert.deepEqual(model.rows.map((r) => r.status), ['late', 'onTime', 'notYetStarted', 'upcoming', 'plannedLater', 'notYetStarted', null]);
  });

  it('reads a bound status text forgivingly and derives it when blank or unreadable', () => {
    const roles = ['personId', 'predictedStartDate', 'status'] as const;
    const rows = [['A', '2022-05-04', '  started LATE '], ['B', '2022-05-04', ''], ['C', '2022-07-01', 'nonsense'], ['D', '2022-07-01', 'Upcoming - Planned Start in Next 6 Months']];
    const model = convert(tableDataView([...roles], rows), options);
    assert.deepEqual(model.rows.map((r) => r.status), ['late', 'notYetStarted', 'upcoming', 'upcoming']);
  });

  it('a row with no predicted date and no status counts nowhere', () => {
    const model = convert(tableDataView(['personId', 'predictedStartDate'], [['A', null], ['B', 'garbage']]), options);
    assert.deepEqual(model.counts, { onTime: 0, late: 0, yetToStart: 0, planned: 0 });
    assert.equal(model.rows[1].status, null);
  });

  it('gives the empty state when fields are bound but no rows arrive: titles, zeros, no invented as-at date or "All"', () => {
    const model = convert(tableDataView(['personId', 'child', 'asAtDate', 'team', 'fullCareOrder'], []), options);
    assert.equal(model.state, 'empty');
    assert.equal(model.columns.length, 3);
    assert.match(sentenceOf(model), /^In the LAST 3 months 0 assessments started on time, 0 started late and 0 predictions are yet to start/);
    assert.deepEqual([model.asAtFromData, model.asAtBound], [false, true]);
    assert.deepEqual(model.header, { fullCareOrder: null, localityTeam: null, assessmentType: null, status: null, placementType: null });
    const authorText = convert(tableDataView(['personId'], []), { ...options, fullCareOrderText: 'Yes' });
    assert.equal(authorText.header.fullCareOrder, 'Yes', 'the author\'s own text still stands');
  });

  it('follows the window length', () => {
    const model = convert(tableDataView(ALL_ROLES, exampleRows()), { windowMonths: 6, today: TODAY });
    assert.match(sentenceOf(model), /^In the LAST 6 months .* In the NEXT 6 months/);
  });

  it('notes a date field that receives numbers or text that is not a date, naming the field; nothing is counted', () => {
    const dv = tableDataView(['personId', 'predictedStartDate', 'actualStartDate', 'asAtDate'], [
      ['A', 2022, 'sometime in May', '2022-05-31'],
      ['B', 2021, null, '2022-05-31'],
      ['C', '2022-05-04', '04/05/2022', '2022-05-31'],
    ], { titles: { predictedStartDate: 'Year' } });
    const model = convert(dv, options);
    assert.deepEqual(model.dateProblems, {
      predictedStartDate: { role: 'Predicted Start Date', field: 'Year', numbers: 2, texts: 0, longest: '2022' },
      actualStartDate: { role: 'Actual Start Date', field: 'Actual Start Date', numbers: 0, texts: 1, longest: 'sometime in May' },
    });
    assert.equal(model.canCount, false);
    assert.equal(sentenceOf(model), 'The sentence cannot be counted: Predicted Start Date (Year), Actual Start Date do not hold dates.');
    const asAt = convert(tableDataView(['personId', 'predictedStartDate', 'asAtDate'], [['A', '2022-05-04', 45000]]), options);
    assert.deepEqual(Object.keys(asAt.dateProblems), ['asAtDate']);
    assert.equal(asAt.asAtFromData, false);
    const fine = convert(tableDataView(['personId', 'predictedStartDate'], [['A', null], ['B', new Date(Number.NaN)], ['C', '   ']]), options);
    assert.deepEqual([fine.dateProblems, fine.canCount], [{}, true], 'blanks and invalid Date objects are no binding problem');
  });

  it('survives rows of the wrong shape and values of the wrong type', () => {
    const rows = [null, 'text', ['A', { x: 1 }, 42, NaN], ['B', ['x'], new Date('invalid'), true]] as unknown[][];
    const model = convert(tableDataView(['personId', 'child', 'predictedStartDate', 'socialWorker'], rows), options);
    assert.equal(model.rows.length, 2);
    // The last column is the derived Status (no status without a readable predicted date).
    assert.deepEqual(cellsOf(model, 0), ['A', null, null, null, null]);
    assert.deepEqual(cellsOf(model, 1), ['B', null, null, 'Yes', null]);
  });
});

describe('value readers', () => {
  it('reads Date values by their local calendar parts and ISO strings by their first 10 characters', () => {
    assert.equal(readDate(new Date(2022, 4, 31)), '2022-05-31');
    assert.equal(readDate(new Date(2022, 2, 27, 0, 0, 0)), '2022-03-27');
    assert.equal(readDate('2022-05-31T00:00:00.000Z'), '2022-05-31');
    assert.equal(readDate('2022-05-31T23:30:00+01:00'), '2022-05-31');
    assert.equal(readDate('31/05/2022'), '2022-05-31');
    assert.equal(readDate('2022-02-30'), null);
    assert.equal(readDate('yesterday'), null);
    assert.equal(readDate(20220531), null);
    assert.equal(readDate(new Date(Number.NaN)), null);
  });

  it('reads text: blanks are null, numbers become text, never "null" or "undefined"', () => {
    assert.equal(readText(null), null);
    assert.equal(readText(undefined), null);
    assert.equal(readText('   '), null);
    assert.equal(readText(12345), '12345');
    assert.equal(readText(Infinity), null);
    assert.equal(readText({}), null);
  });
});
