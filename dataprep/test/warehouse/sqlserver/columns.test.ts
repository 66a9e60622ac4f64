import assert from 'node:assert/strict';
import { TYPES } from 'tedious';
import { daysBetween, type IsoDate } from '../../../../core/src/index';
import { TABLES } from '../../../src/model/tables';
import {
  calendarDateValue, chunk, insertRowsPerStatement, MAX_PARAMETERS, MAX_VALUES_ROWS, toBulkRows,
} from '../../../src/warehouse/sqlserver/columns';
import { toMssqlConfig } from '../../../src/warehouse/sqlserver/mssql-connector';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';
import { plannedRow } from '../../helpers/refresh-set-fixture';

/** What tedious actually puts on the wire for a DATE parameter: days since 0001-01-01. */
function encodedDate(value: Date, useUTC: boolean): IsoDate {
  const type = TYPES.Date as unknown as {
    generateParameterData(p: { value: Date }, o: { useUTC: boolean }): Generator<Buffer>;
  };
  const [buffer] = [...type.generateParameterData({ value }, { useUTC })];
  const days = buffer.readUIntLE(0, 3);
  // Walk from the epoch by whole days with the rules module (no Date involved).
  const epochToRef = daysBetween('0001-01-01' as IsoDate, '2000-01-01' as IsoDate);
  const offset = days - epochToRef;
  const ref = Date.UTC(2000, 0, 1) + offset * 86_400_000;
  return new Date(ref).toISOString().slice(0, 10) as IsoDate;
}

describe('SQL Server column values', () => {
  const savedTz = process.env.TZ;
  before(() => {
    process.env.TZ = 'Europe/London'; // the server's and the MI team's zone
  });
  after(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  for (const day of ['2022-03-26', '2022-03-27', '2022-03-28', '2022-06-15', '2022-10-29', '2022-10-30', '2022-10-31', '2024-02-29']) {
    it(`sends ${day} as exactly that calendar day under Europe/London time`, () => {
      const [row] = toBulkRows(TABLES.planned_assessment, [plannedRow({ predicted_start_date: day as IsoDate })]);
      const value = row[TABLES.planned_assessment.columns.findIndex((c) => c.name === 'predicted_start_date')] as Date;
      assert.equal(encodedDate(value, true), day);
    });
  }

  it('shows why: a Date at local midnight in BST would be stored as the previous day', () => {
    assert.equal(new Date(2022, 5, 15).getTimezoneOffset(), -60, 'the test really runs in BST');
    assert.equal(encodedDate(new Date(2022, 5, 15), true), '2022-06-14');
    assert.equal(encodedDate(calendarDateValue('2022-06-15'), true), '2022-06-15');
  });

  it('runs the pool with useUTC so the driver reads UTC parts of the Date', () => {
    const config = toMssqlConfig(parseSqlServerSettings('Server=db01;Database=ppoc;User Id=u;Password=p'));
    assert.equal(config.options?.useUTC, true);
  });

  it('keeps years below 100 (Date.UTC would move them to the 1900s)', () => {
    assert.equal(calendarDateValue('0050-01-02').toISOString(), '0050-01-02T00:00:00.000Z');
  });

  it('rejects a non-ISO date, a flag that is not Yes/No, a fractional count and a missing NOT NULL value', () => {
    const convert = (overrides: object) => () => toBulkRows(TABLES.planned_assessment, [plannedRow(overrides as never)]);
    assert.throws(convert({ predicted_start_date: '15/06/2022' }), /planned_assessment\.predicted_start_date \(row 1\): not a calendar date/);
    assert.throws(convert({ in_care: 'Y' }), /in_care \(row 1\): must be Yes or No/);
    assert.throws(convert({ days_late: 1.5 }), /days_late \(row 1\): not a whole number/);
    assert.throws(convert({ person_id: '' }), /person_id \(row 1\): empty, but the column is NOT NULL/);
  });
});

describe('SQL Server chunk arithmetic', () => {
  it('caps a VALUES list at 1000 rows when columns are few', () => {
    assert.equal(insertRowsPerStatement(1), MAX_VALUES_ROWS);
    assert.equal(insertRowsPerStatement(2), 1000);
  });

  it('caps parameters below 2100 (2 go to sp_executesql) when columns are many', () => {
    assert.equal(insertRowsPerStatement(3), 699);
    assert.equal(insertRowsPerStatement(8), 262);
    assert.equal(insertRowsPerStatement(23), 91);
    for (let columns = 1; columns <= 60; columns += 1) {
      const rows = insertRowsPerStatement(columns);
      assert.ok(rows <= 1000 && rows * columns + 2 <= MAX_PARAMETERS, `${columns} columns`);
      assert.ok(rows === 1000 || (rows + 1) * columns + 2 > MAX_PARAMETERS, `${columns} columns: not the largest that fits`);
    }
  });

  it('splits into consecutive chunks with the remainder last, and nothing for no rows', () => {
    const rows = Array.from({ length: 2101 }, (_, i) => i);
    assert.deepEqual(chunk(rows, 1000).map((c) => c.length), [1000, 1000, 101]);
    assert.deepEqual(chunk(rows, 1000).flat(), rows);
    assert.deepEqual(chunk(rows.slice(0, 1000), 1000).map((c) => c.length), [1000]);
    assert.deepEqual(chunk([], 1000), []);
    assert.throws(() => chunk(rows, 0));
  });

  it('sends decimals as DECIMAL(p, s) numbers, refusing what the column cannot hold, naming table, column and row', () => {
    const t = TABLES.timeliness_by_month;
    const row = {
      month: '2022-05', locality: 'All', team: 'All', assessment_type: 'All', started: 3, started_on_time: 2, started_late: 1,
      pct_on_time: 66.7, median_days_late: 5.5, not_yet_started_at_month_end: null, target_pct_on_time: 100,
    };
    const [values] = toBulkRows(t, [row]);
    assert.deepEqual(values.slice(7), [66.7, 5.5, null, 100]);
    assert.throws(() => toBulkRows(t, [{ ...row, pct_on_time: 66.67 }]), /^SqlServerDataError: timeliness_by_month\.pct_on_time \(row 1\): not a number that fits DECIMAL\(4,1\)$/);
    assert.throws(() => toBulkRows(t, [{ ...row, pct_on_time: 1000 }]), /DECIMAL\(4,1\)/);
  });
});
