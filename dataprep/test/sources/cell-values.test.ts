import assert from 'node:assert/strict';
import { parseCount, parseDateTimeCell, parseFlag } from '../../src/sources/cell-values';
import { scanRecords } from '../../src/sources/csv-scan';
import { cellValue, excelDate } from '../../src/sources/xlsx/cell-value';
import { isDateFormat, isDateFormatCode } from '../../src/sources/xlsx/date-formats';

describe('sources: cell values', () => {
  it('parses date-times in every accepted form and rejects impossible times', () => {
    const at = (text: string) => parseDateTimeCell(text)?.at ?? null;
    assert.equal(at('2024-02-29'), '2024-02-29T00:00:00');
    assert.equal(at('2024-02-29T23:59'), '2024-02-29T23:59:00');
    assert.equal(at('2024-02-29T23:59:58.999'), '2024-02-29T23:59:58');
    assert.equal(at('29/02/2024 8:07:06'), '2024-02-29T08:07:06');
    assert.equal(at('29/02/2023'), null);
    assert.equal(at('2024-02-29T24:00'), null);
    assert.equal(at('2024-02-29T10:60'), null);
    assert.equal(at('2024-02-29T10'), null);
    assert.equal(at('29/02/2024T10:00'), null);
  });

  it('rounds an Excel date-time to the second without leaving its day', () => {
    const almostMidnight = new Date(Date.UTC(2022, 5, 15, 23, 59, 59, 400));
    assert.deepEqual(parseDateTimeCell(almostMidnight), { at: '2022-06-15T23:59:59', on: '2022-06-15' });
    const floatingPoint = new Date(Date.UTC(2022, 5, 15, 10, 29, 59, 999));
    assert.equal(parseDateTimeCell(floatingPoint)?.at, '2022-06-15T10:30:00');
  });

  it('reads flags and non-negative whole numbers', () => {
    assert.deepEqual(['Y', 'yes', 'TRUE', '1', 'n', 'No', 'false', '0', 'x', ''].map(parseFlag),
      [true, true, true, true, false, false, false, false, undefined, undefined]);
    assert.deepEqual(['0', '007', '2147483647', '2147483648', '-1', '1.0', '1e3', ' 1'].map(parseCount),
      [0, 7, 2147483647, null, null, null, null, null]);
  });

  it('turns workbook cells into text without scientific notation, and date-formatted numbers into dates', () => {
    const context = { sharedStrings: ['  a  ', '   '], dateStyles: [false, true], date1904: false };
    const cell = (type: string, text: string, style = 0) => cellValue(type, text, style, context);
    assert.deepEqual([cell('n', '100001'), cell('n', '1E+21'), cell('n', '12.5'), cell('n', ''), cell('n', '44686')],
      ['100001', '1000000000000000000000', '12.5', null, '44686']);
    assert.deepEqual([cell('b', '1'), cell('b', '0'), cell('e', '#N/A'), cell('str', ' UPPER _x000D_'), cell('inlineStr', 'x_x005F_x000D_')],
      ['true', 'false', '#N/A', 'UPPER', 'x_x000D_']);
    assert.deepEqual([cell('s', '0'), cell('s', '1')], ['a', null]);
    assert.throws(() => cell('s', '2'), /shared string 2/);
    assert.deepEqual(cell('n', '44686', 1), new Date(Date.UTC(2022, 4, 5)));
    assert.deepEqual(cell('n', '44575.4375', 1), new Date(Date.UTC(2022, 0, 14, 10, 30)));
    assert.deepEqual(cell('d', '2022-05-04T10:30:00Z'), new Date(Date.UTC(2022, 4, 4, 10, 30)));
    assert.deepEqual([cell('d', '2022-02-30'), cell('d', 'soon')], ['2022-02-30', 'soon']);
  });

  it('counts Excel dates in the 1900 system (with its 29 February 1900) and the 1904 one', () => {
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    assert.deepEqual([1, 59, 60, 61, 44686, 2_958_465, 2_958_466, -1].map((serial) => iso(excelDate(serial, false))), [
      '1900-01-01T00:00:00.000Z', '1900-02-28T00:00:00.000Z', null, '1900-03-01T00:00:00.000Z',
      '2022-05-05T00:00:00.000Z', '9999-12-31T00:00:00.000Z', null, null,
    ]);
    assert.deepEqual([0, 43224].map((serial) => iso(excelDate(serial, true))), ['1904-01-01T00:00:00.000Z', '2022-05-05T00:00:00.000Z']);
  });

  it('tells date formats from number formats, as Excel shows them', () => {
    assert.deepEqual([14, 22, 45, 0, 1, 49].map((id) => isDateFormat(id, undefined)), [true, true, true, false, false, false]);
    const dates = ['dd/mm/yyyy', 'DD/MM/YYYY;@', '[$-809]d mmmm yyyy', 'yyyy-mm-dd hh:mm', '[h]:mm:ss', 'h:mm AM/PM'];
    const numbers = ['General', '0', '#,##0.00', '0.0 "days"', '[Red]0;-0', '\\d0', '0.00E+00', '@', '0_m'];
    assert.deepEqual(dates.map(isDateFormatCode), dates.map(() => true));
    assert.deepEqual(numbers.map(isDateFormatCode), numbers.map(() => false));
  });
});

describe('sources: CSV record scan', () => {
  const scan = (text: string) => scanRecords(Buffer.from(text), 0);

  it('finds record starts across quoted newlines, escaped quotes and every line ending', () => {
    assert.deepEqual(scan('a,b\n"x\n""y""\r\nz",1\r\n\r\n2,3\r4,5'), { offsets: [0, 4, 22, 26], lines: [1, 2, 6, 7] });
  });

  it('skips empty lines and ignores a missing final newline', () => {
    assert.deepEqual(scan('\n\na\n\nb'), { offsets: [2, 5], lines: [3, 5] });
  });
});
