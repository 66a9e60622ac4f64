import assert from 'node:assert/strict';
import { printable, terminalSafe } from '../../src/files/printable';
import { createLogger } from '../../src/pipeline/logger';

describe('names on the terminal: control characters shown escaped', () => {
  it('a name shows every control character escaped: C0, DEL, C1, bidirectional overrides, line separators', () => {
    assert.equal(printable('evil\u001b[31mRED\u0007'), 'evil\\x1b[31mRED\\x07');
    assert.equal(printable('a\nb\rc\td'), 'a\\nb\\rc\\td');
    assert.equal(printable('x\u007f\u009b2J'), 'x\\x7f\\x9b2J');
    assert.equal(printable('report\u202eexe.txt\u2066\u2028'), 'report\\u202eexe.txt\\u2066\\u2028');
    assert.equal(printable('C:\\ppoc\\data\\Zoë – 2022-05-31'), 'C:\\ppoc\\data\\Zoë – 2022-05-31', 'ordinary text, backslashes and accents untouched');
  });

  it('a whole output keeps its own newlines, CRLFs and tabs, and escapes anything else', () => {
    assert.equal(terminalSafe('line one\n\tline two\r\nthree'), 'line one\n\tline two\r\nthree');
    assert.equal(terminalSafe('100%\rDONE \u001b[2J\u202e'), '100%\\rDONE \\x1b[2J\\u202e');
  });

  it('the log escapes them too, in messages and in field values without spaces', () => {
    const logged: string[] = [];
    createLogger('info', (line) => logged.push(line)).info('source read', { file: 'a\u001b[2Jb' });
    assert.match(logged[0], / INFO source read file=a\\x1b\[2Jb$/);
  });
});
