import assert from 'node:assert/strict';
import { describeValue, isSafeToShow, shapeOf } from '../../src/model/value-shape';
import { IssueLog } from '../../src/transform/issues';
import { warnUnknownCodes } from '../../src/transform/episode-codes';
import { episode } from '../transform/builders';

describe('value shapes: what a message may show of a value from a file', () => {
  it('shows date-like tokens of digits and separators, and short codes or IDs with a digit', () => {
    for (const value of ['31/02/2022', '2022-13-01', '44718', '-5', '12.5', '2022-01-14 09:05', '2022-01-14T09:05:00', 'E4A', 'PR9', 'K3', 'W0', 'WF-000123']) {
      assert.equal(isSafeToShow(value), true, value);
      assert.equal(describeValue(value), JSON.stringify(value));
    }
  });

  it('describes anything else by its shape: names, free text, words, formulas, long values', () => {
    const cases: [string, string][] = [
      ['Zebedee Quartermaine-Canary', '[27 characters: letters, spaces and other characters]'],
      ['Adoption', '[8 characters: letters]'],
      ['CIN', '[3 characters: letters]'],
      ['SMITH', '[5 characters: letters]'],
      ['Jo', '[2 characters: letters]'],
      ['1 June 2020', '[11 characters: letters, digits and spaces]'],
      ['=HYPERLINK("http://x","y")', '[26 characters: letters and other characters, starting like a spreadsheet formula]'],
      ['+cmd', '[4 characters: letters and other characters, starting like a spreadsheet formula]'],
      ['x'.repeat(1024 * 1024), '[1048576 characters: letters]'],
      ['1'.repeat(26), '[26 characters: digits]'],
      ['Zoë 2', '[5 characters: letters, digits and spaces]'],
    ];
    for (const [value, shape] of cases) assert.equal(describeValue(value), shape, value);
  });

  it('never shows a personal field, even a date-like one', () => {
    assert.equal(describeValue('31/02/2010', { personal: true }), '[10 characters: digits and other characters]');
    assert.equal(shapeOf('a'), '1 character: letters');
  });

  it('an unknown code that is really a short name is described, not quoted', () => {
    const log = new IssueLog();
    warnUnknownCodes([episode('1', '2020-01-01', { place: 'Zeb Q' }), episode('2', '2020-01-01', { place: 'Q9' })], log);
    assert.deepEqual(log.issues.map((i) => i.message), [
      'Unknown placement type code [5 characters: letters and spaces] (shown as the bare code)',
      'Unknown placement type code "Q9" (shown as the bare code)',
    ]);
  });
});
