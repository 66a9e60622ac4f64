import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { csvDocument, csvLine } from '../../src/demo/index';

describe('demo csvLine (RFC 4180)', () => {
  it('leaves plain values bare and writes null/undefined as empty', () => {
    assert.equal(csvLine(['100001', 'Child 100001', null, undefined, 3, '']), '100001,Child 100001,,,3,');
  });

  it('quotes values with commas, quotes or line breaks, doubling inner quotes', () => {
    assert.equal(csvLine(['a,b']), '"a,b"');
    assert.equal(csvLine(['say "hi"']), '"say ""hi"""');
    assert.equal(csvLine(['two\nlines', 'cr\rhere']), '"two\nlines","cr\rhere"');
    assert.equal(csvLine(['High Peak & North Dales']), 'High Peak & North Dales');
  });

  it('round-trips awkward values through csv-parse', () => {
    const rows = [
      ['plain', 'with, comma', 'with "quotes"', 'line\nbreak', '', ' spaced '],
      ['"', ',', '""', 'a\r\nb', 'Care proceedings withdrawn; child remains at home', '=1+1'],
    ];
    const text = csvDocument(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'], rows);
    const parsed = parse(text) as string[][];
    assert.deepEqual(parsed, [['c1', 'c2', 'c3', 'c4', 'c5', 'c6'], ...rows]);
  });

  it('ends the document with one newline after the last row', () => {
    assert.equal(csvDocument(['a', 'b'], [['1', '2']]), 'a,b\n1,2\n');
    assert.equal(csvDocument(['a'], []), 'a\n');
  });
});
