import assert from 'node:assert/strict';
import { parseCount, parseDateTimeCell, parseFlag } from '../../src/sources/cell-values';
import { scanRecords } from '../../src/sources/csv-scan';
import { normaliseCell } from '../../src/sources/xlsx-table';

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

  it('turns exceljs cell values into text without scientific notation', () => {
    assert.equal(normaliseCell(100001), '100001');
    assert.equal(normaliseCell(1e21), '1000000000000000000000');
    assert.equal(normaliseCell(12.5), '12.5');
    assert.equal(normaliseCell(true), 'true');
    assert.equal(normaliseCell('  a  '), 'a');
    assert.equal(normaliseCell('   '), null);
    assert.equal(normaliseCell({ text: 'link', hyperlink: 'mailto:x@example.org' }), 'link');
    assert.equal(normaliseCell({ error: '#N/A' }), '#N/A');
    assert.equal(normaliseCell({ sharedFormula: 'A1', result: 7 }), '7');
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
