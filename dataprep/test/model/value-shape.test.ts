import assert from 'node:assert/strict';
import { describeId, describeValue, isIdShaped, isSafeToShow, issuePersonId, shapeOf } from '../../src/model/value-shape';
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

  it('never shows a phone number, NI number or postcode, though they look like dates or codes', () => {
    const personal = [
      '07700 900123', '07700900123', '+44 7700 900123', '+447700900123', '020 7946 0958', '0161-496-0000', '(01632) 960000', '0044 20 7946 0958',
      'QQ 12 34 56 C', 'QQ123456C', 'ab123456d', 'DE1 3AA', 'DE13AA', 'SW1A 1AA', 'SW1A1AA', 'M1 1AE', 'B338TH',
    ];
    for (const value of personal) {
      assert.equal(isSafeToShow(value), false, value);
      assert.equal(isIdShaped(value), false, value);
      assert.match(describeValue(value), /^\[\d+ characters: /, value);
    }
    for (const value of ['100001', '44718', '2022-01-14 09:05', 'E4A', 'E11', 'PR9', 'W1234', 'WF-000123', '-5', '0', '01/02/2022']) {
      assert.equal(isSafeToShow(value), true, value);
    }
  });

  it('an ID column\'s value is an ID only when ID-shaped: a name there is described, never copied into person_id', () => {
    for (const id of ['100001', '000123', 'A123456', 'W0', 'WF-000123', 'X830000100001']) assert.equal(isIdShaped(id), true, id);
    for (const notId of ['Smith', 'John Smith', 'Zebedee Quartermaine-Canary', '31/02/2010', '2010-02-31', '=1+1', 'x'.repeat(51), '']) {
      assert.equal(isIdShaped(notId), false, notId);
    }
    assert.deepEqual(issuePersonId(' 100001 '), { personId: '100001', note: '' });
    assert.deepEqual(issuePersonId(null), { personId: null, note: '' });
    assert.deepEqual(issuePersonId('John Smith'), { personId: null, note: ' (the person ID column holds [10 characters: letters and spaces], not an ID: not copied)' });
    assert.equal(describeId('W12'), 'W12');
    assert.equal(describeId('Smith'), '[5 characters: letters]');
  });

  it('a name as the person ID of a transform finding is not copied into the issue either', () => {
    const log = new IssueLog();
    warnUnknownCodes([episode('Jo Bloggs', '2020-01-01', { place: 'Q9' })], log);
    assert.deepEqual([log.issues[0].personId, log.issues[0].message],
      [null, 'Unknown placement type code "Q9" (shown as the bare code) (the person ID column holds [9 characters: letters and spaces], not an ID: not copied)']);
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
