/** Encodings, separators, quoting and headers of the CSV files. */
import { editRow, fails, put, rows, setCell, skipped, succeeds, text, type CorpusCase } from '../corpus-edits';

export const CSV_TEXT_CASES: CorpusCase[] = [
  // Encodings, separators, quoting and headers.
  {
    name: 'utf8-bom',
    expected: succeeds({ rows: { planned_assessment: 9 }, description: 'every file starts with a UTF-8 byte-order mark (Excel\'s "CSV UTF-8")' }),
    edit: (files) => {
      for (const [name, content] of files) files.set(name, `\uFEFF${String(content)}`);
    },
  },
  {
    name: 'utf16',
    expected: fails('episodes.csv: the file is UTF-16 or binary, not UTF-8 text', { description: 'episodes.csv saved as "Unicode text" (UTF-16 LE with BOM)' }),
    edit: (files) => void files.set('episodes.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text(files, 'episodes.csv'), 'utf16le')])),
  },
  {
    name: 'crlf',
    expected: succeeds({ rows: { planned_assessment: 9 }, description: 'every file with Windows line ends (CRLF)' }),
    edit: (files) => {
      for (const [name, content] of files) files.set(name, String(content).replace(/\n/g, '\r\n'));
    },
  },
  {
    name: 'semicolon-separated',
    expected: fails('the header is separated by semicolons: save the file as CSV (comma-separated)', { description: 'episodes.csv separated by semicolons (a European-locale Excel export)' }),
    edit: (files) => void files.set('episodes.csv', text(files, 'episodes.csv').replace(/,/g, ';')),
  },
  {
    name: 'quoted-newline',
    expected: succeeds({ rows: { planned_assessment: 9 }, description: 'a quoted child_name spanning two lines in allocations.csv' }),
    edit: (files) => setCell(files, 'allocations.csv', 0, 'child_name', 'Child\n100001'),
  },
  {
    name: 'unterminated-quote',
    expected: fails('predictions.csv: a quoted value is never closed (missing ") at line 5', { description: 'predicted_start_date opens a quote that never closes' }),
    edit: editRow('predictions.csv', 3, '05/05/2022', '"05/05/2022'),
  },
  {
    name: 'stray-quote',
    expected: fails('predictions.csv: a quote (") appears inside an unquoted value at line 5', { description: 'a quote in the middle of an unquoted value' }),
    edit: editRow('predictions.csv', 3, '05/05/2022', '05/0"5/2022'),
  },
  {
    name: 'wrong-field-count',
    expected: fails('episodes.csv: the row has a different number of fields from the header at line 4', { description: 'one episodes.csv row has an extra field' }),
    edit: editRow('episodes.csv', 2, /$/, ',extra'),
  },
  {
    name: 'duplicate-header',
    expected: fails('episodes.csv: column "DECOM" appears 2 times in the header (line 1); keep one', { description: 'DECOM twice in the episodes.csv header' }),
    edit: (files) => void files.set('episodes.csv', text(files, 'episodes.csv').replace(/^CHILD,DECOM,RNE,/, 'CHILD,DECOM,DECOM,')),
  },
  {
    name: 'header-over-column-limit',
    expected: fails('episodes.csv: the header at line 1 has 313 columns, over the limit of 200 (PPOC_MAX_COLUMNS)', { description: 'an episodes.csv header of 313 columns (300 blank names added), over the default PPOC_MAX_COLUMNS' }),
    edit: (files) => void files.set('episodes.csv', text(files, 'episodes.csv').replace(/\n/, `${','.repeat(300)}\n`)),
  },
  {
    name: 'misspelled-header',
    expected: fails('episodes.csv: required column "DECOM" is missing from the header (line 1)', { description: 'DECOM spelt DECCOM' }),
    edit: (files) => void files.set('episodes.csv', text(files, 'episodes.csv').replace('DECOM', 'DECCOM')),
  },
  {
    name: 'latin1-encoding',
    expected: fails('allocations.csv: the file is not valid UTF-8 (line 3); save it as CSV UTF-8', { description: 'allocations.csv in Windows-1252 with an accented name' }),
    edit: (files) => {
      setCell(files, 'allocations.csv', 1, 'child_name', 'Chloé 100002');
      files.set('allocations.csv', Buffer.from(text(files, 'allocations.csv'), 'latin1'));
    },
  },
  {
    name: 'one-megabyte-field',
    expected: skipped('too_long', 'allocations.csv', 3, { column: 'child_name', description: 'a child_name of 1 MB' }),
    edit: (files) => setCell(files, 'allocations.csv', 1, 'child_name', 'x'.repeat(1024 * 1024)),
  },
  {
    name: 'extra-columns-and-spaces',
    expected: succeeds({ rows: { planned_assessment: 9 }, description: 'extra columns, header names in other case with spaces, values padded with spaces' }),
    edit: (files) => {
      const lines = rows(files, 'predictions.csv').map((line, i) => `${i === 0 ? ' Notes' : ' anything '},${line.split(',').map((c) => ` ${c} `).join(',')}`);
      lines[0] = lines[0].toUpperCase();
      put(files, 'predictions.csv', lines);
    },
  },
];
