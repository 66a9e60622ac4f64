/**
 * The bad-input corpus, as it was written: each case is the example extract with one thing
 * broken. `npx tsx dataprep/test/bad-input/write-corpus.ts` writes them to fixtures/bad-input/;
 * the files there are what the tests read (corpus.test.ts).
 */
import ExcelJS from 'exceljs';
import { EXCEL_ORDER, inOrder, partsOf, zipOf, type ZipPart } from '../helpers/xlsx-zip';
import type { Expected } from './expected';

export type Files = Map<string, string | Buffer>;

export interface CorpusCase {
  name: string;
  expected: Expected;
  edit(files: Files): void | Promise<void>;
}

/** A name that must never reach a message, a log line or a non-name column. */
export const CANARY = 'Zebedee Quartermaine-Canary';

const text = (files: Files, file: string): string => String(files.get(file));
const rows = (files: Files, file: string): string[] => text(files, file).trimEnd().split('\n');
const put = (files: Files, file: string, lines: string[]): void => void files.set(file, `${lines.join('\n')}\n`);

/** Sets one cell (CSV-quoted when it must be) of data row `index` (0 = first data row, on line 2). */
function setCell(files: Files, file: string, index: number, column: string, value: string): void {
  const lines = rows(files, file);
  const at = lines[0].split(',').indexOf(column);
  if (at < 0) throw new Error(`${file} has no column ${column}`);
  const cells = lines[index + 1].split(',');
  cells[at] = /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  lines[index + 1] = cells.join(',');
  put(files, file, lines);
}

/** Replaces `from` by `to` on data row `index` of `file`. */
const editRow = (file: string, index: number, from: string | RegExp, to: string) => (files: Files) => {
  const lines = rows(files, file);
  lines[index + 1] = lines[index + 1].replace(from, to);
  put(files, file, lines);
};

/** Puts the canary name into each [file, data row, column]: a swapped column in a real export. */
const canaryIn = (...cells: [string, number, string][]) => (files: Files) => {
  for (const [file, index, column] of cells) setCell(files, file, index, column, CANARY);
};
const NEVER_CANARY = [CANARY, 'Zebedee', 'Quartermaine'];

const headerOnly = (file: string) => (files: Files) => put(files, file, rows(files, file).slice(0, 1));
const keepRows = (file: string, count: number) => (files: Files) => put(files, file, rows(files, file).slice(0, count + 1));

interface WorkbookOptions {
  rows?: number;
  /** Cells to set after the rows, by reference (stray cells). */
  cells?: Record<string, string>;
}

/** predictions.csv as a workbook (first sheet), header and rows as text cells; exceljs writes it. */
async function workbookOf(files: Files, options: WorkbookOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2022, 4, 31));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Predictions');
  const lines = rows(files, 'predictions.csv');
  for (const line of lines.slice(0, (options.rows ?? lines.length - 1) + 1)) sheet.addRow(line.split(','));
  for (const [reference, value] of Object.entries(options.cells ?? {})) sheet.getCell(reference).value = value;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** predictions.csv replaced by the workbook, changed by `rezip` (its parts in another order, a lying zip directory). */
async function toWorkbook(files: Files, options: WorkbookOptions = {}, rezip?: (parts: ZipPart[]) => ZipPart[]): Promise<void> {
  const workbook = await workbookOf(files, options);
  files.delete('predictions.csv');
  files.set('predictions.xlsx', rezip ? zipOf(rezip(await partsOf(workbook))) : workbook);
}

/** The parts with the shared strings changed (what their zip directory entry says). */
const sharedStrings = (change: Partial<ZipPart>) => (parts: ZipPart[]) =>
  inOrder(parts, EXCEL_ORDER).map((part) => (part.name === 'xl/sharedStrings.xml' ? { ...part, ...change } : part));

const fails = (message: string, extra: Partial<Expected> = {}): Expected => ({ exit: 1, outcome: 'fails', message, ...extra });
const skipped = (rule: string, file: string, line: number, extra: Partial<Expected> = {}): Expected => ({ exit: 0, outcome: 'skipped', rule, file, line, ...extra });
const warning = (rule: string, file: string, line: number, extra: Partial<Expected> = {}): Expected => ({ exit: 0, outcome: 'warning', rule, file, line, ...extra });
const succeeds = (extra: Partial<Expected> = {}): Expected => ({ exit: 0, outcome: 'succeeds', ...extra });

export const CASES: CorpusCase[] = [
  // Empty exports and the shrink guard.
  ...['episodes.csv', 'allocations.csv', 'assessments.csv', 'predictions.csv'].map((file) => ({
    name: `${file.replace('.csv', '')}-header-only`,
    expected: fails(`${file}: the file has no data rows`, { description: `${file} has its header and no rows` }),
    edit: headerOnly(file),
  })),
  {
    name: 'predictions-xlsx-header-only',
    expected: fails('predictions.xlsx: the file has no data rows', { description: 'predictions.xlsx has a header row and nothing else' }),
    edit: (files) => toWorkbook(files, { rows: 0 }),
  },
  {
    name: 'episodes-empty-file',
    expected: fails('episodes.csv: the file is empty (no header row)', { description: 'episodes.csv is 0 bytes' }),
    edit: (files) => void files.set('episodes.csv', ''),
  },
  {
    name: 'allocations-blank-rows-only',
    expected: fails('allocations.csv: the file has no data rows', { description: 'allocations.csv has a header, empty lines and a row of empty cells' }),
    edit: (files) => put(files, 'allocations.csv', [rows(files, 'allocations.csv')[0], '', ',,,,', '']),
  },
  {
    name: 'predictions-90-percent-drop',
    expected: fails('planned_assessment would shrink from 9 to 1 row (89% fewer)', { description: 'predictions.csv keeps 1 of its 9 rows: planned_assessment would lose 89% of the last successful run\'s rows' }),
    edit: keepRows('predictions.csv', 1),
  },
  {
    name: 'predictions-90-percent-drop-allowed',
    expected: succeeds({ args: ['--allow-shrink'], rows: { planned_assessment: 1 }, description: 'the same drop with --allow-shrink: a deliberate change succeeds' }),
    edit: keepRows('predictions.csv', 1),
  },
  {
    name: 'episodes-most-children-gone',
    expected: fails('cic_cohort would shrink from 9 to 2 rows (78% fewer)', { description: 'episodes.csv keeps 2 of its 9 children' }),
    edit: keepRows('episodes.csv', 2),
  },
  // Issue 20: partial exports that keep every table's rows but blank what the dashboard shows.
  {
    name: 'allocations-one-row',
    expected: fails('the share of plans with a social worker or team would fall from 100% (9 of 9) to 11% (1 of 9), a relative fall of 89%; ' +
      'allocations.csv has 1 data row, down from 9 (89% fewer)', {
      description: 'allocations.csv keeps 1 of its 9 rows: every plan but one would lose its social worker and team, with every table the same size',
    }),
    edit: keepRows('allocations.csv', 1),
  },
  {
    name: 'allocations-one-row-allowed',
    expected: succeeds({ args: ['--allow-shrink'], rows: { planned_assessment: 9 }, description: 'the same drop with --allow-shrink: accepted, and the base from now on' }),
    edit: keepRows('allocations.csv', 1),
  },
  {
    name: 'assessments-one-row',
    expected: fails('actual starts in the 12 months to 2022-05-31 would fall from 3 to 1 (67% fewer); assessments.csv has 1 data row, down from 3 (67% fewer)', {
      description: 'assessments.csv keeps 1 of its 3 rows: two plans would lose their actual start, with every table the same size',
    }),
    edit: keepRows('assessments.csv', 1),
  },
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
  // Dates.
  {
    name: 'impossible-date',
    expected: skipped('invalid_date', 'predictions.csv', 6, { column: 'predicted_start_date', message: 'predicted_start_date "31/02/2022" is not a valid date', description: '31/02/2022' }),
    edit: (files) => setCell(files, 'predictions.csv', 4, 'predicted_start_date', '31/02/2022'),
  },
  {
    name: 'us-order-date',
    expected: skipped('invalid_date', 'predictions.csv', 6, { column: 'predicted_start_date', description: '06/30/2022: month and day the US way round' }),
    edit: (files) => setCell(files, 'predictions.csv', 4, 'predicted_start_date', '06/30/2022'),
  },
  {
    name: 'excel-serial-date',
    expected: skipped('invalid_date', 'predictions.csv', 6, { column: 'predicted_start_date', message: 'it looks like an Excel serial number', description: 'a date saved as Excel\'s day number (44718 is 2022-06-06)' }),
    edit: (files) => setCell(files, 'predictions.csv', 4, 'predicted_start_date', '44718'),
  },
  {
    name: 'future-decom',
    expected: warning('episode_starts_after_as_at', 'episodes.csv', 10, { column: 'DECOM', description: 'an open episode starting after the as-at date' }),
    edit: (files) => setCell(files, 'episodes.csv', 8, 'DECOM', '10/06/2022'),
  },
  // Spreadsheet formulas, markup and SQL in cells.
  {
    name: 'formula-hyperlink',
    expected: skipped('invalid_date', 'predictions.csv', 6, { column: 'predicted_start_date', message: 'starting like a spreadsheet formula', never: ['HYPERLINK', 'evil.test'], description: '=HYPERLINK(...) in a date column' }),
    edit: (files) => setCell(files, 'predictions.csv', 4, 'predicted_start_date', '=HYPERLINK("http://evil.test/x","Click")'),
  },
  {
    name: 'formula-plus-cmd',
    expected: warning('unknown_workflow_type', 'assessments.csv', 3, { never: ['calc'], description: '+cmd|... (DDE) in workflow_type: kept by its shape, never as text' }),
    edit: (files) => setCell(files, 'assessments.csv', 1, 'workflow_type', "+cmd|' /C calc'!A0"),
  },
  {
    name: 'formula-at-sum',
    expected: skipped('invalid_flag', 'assessments.csv', 3, { never: ['SUM('], description: '@SUM(...) in for_reunification' }),
    edit: (files) => setCell(files, 'assessments.csv', 1, 'for_reunification', '@SUM(1+1)*cmd'),
  },
  {
    name: 'html-in-names',
    expected: succeeds({ rows: { planned_assessment: 9 }, description: 'markup in child_name and social_worker: stored as text, escaped by the visual' }),
    edit: (files) => {
      setCell(files, 'allocations.csv', 0, 'child_name', '<script>alert(1)</script>');
      setCell(files, 'allocations.csv', 1, 'social_worker', '<img src=x onerror=alert(1)>');
    },
  },
  {
    name: 'sql-in-names',
    expected: succeeds({ rows: { planned_assessment: 9, cic_cohort: 9 }, description: 'SQL in child_name: only ever a parameter value' }),
    edit: (files) => setCell(files, 'allocations.csv', 0, 'child_name', "Robert'); DROP TABLE planned_assessment;--"),
  },
  // Personal text where it does not belong (a swapped column).
  {
    name: 'names-in-date-columns',
    expected: skipped('invalid_date', 'predictions.csv', 3, { never: NEVER_CANARY, description: 'a child\'s name in DECOM, DEC, predicted_start_date, submitted_at, start_date and period_start' }),
    edit: canaryIn(
      ['predictions.csv', 1, 'predicted_start_date'], ['predictions.csv', 2, 'submitted_at'], ['episodes.csv', 3, 'DECOM'],
      ['episodes.csv', 4, 'DEC'], ['assessments.csv', 2, 'start_date'], ['targets.csv', 1, 'period_start'],
    ),
  },
  {
    name: 'names-in-every-date',
    expected: fails('episodes.csv: 9 of 9 rows are invalid', { never: NEVER_CANARY, description: 'episodes.csv with names in every DECOM (the whole column swapped)' }),
    edit: canaryIn(...Array.from({ length: 9 }, (_, i): [string, number, string] => ['episodes.csv', i, 'DECOM'])),
  },
  {
    name: 'names-in-code-columns',
    expected: skipped('too_long', 'episodes.csv', 2, { never: NEVER_CANARY, description: 'names in LS, PLACE, workflow_type, assessment_type and measure' }),
    edit: canaryIn(
      ['episodes.csv', 0, 'LS'], ['episodes.csv', 1, 'PLACE'], ['assessments.csv', 0, 'workflow_type'],
      ['predictions.csv', 3, 'assessment_type'], ['targets.csv', 0, 'measure'],
    ),
  },
  {
    name: 'names-in-flag-and-number-columns',
    expected: skipped('invalid_flag', 'assessments.csv', 2, { never: NEVER_CANARY, description: 'names in for_reunification and target' }),
    edit: canaryIn(['assessments.csv', 0, 'for_reunification'], ['targets.csv', 0, 'target']),
  },
  {
    name: 'name-in-person-id',
    expected: skipped('invalid_date', 'predictions.csv', 3, {
      message: '(the person ID column holds [27 characters: letters, spaces and other characters], not an ID: not copied)',
      never: NEVER_CANARY, description: 'a name in predictions.csv person_id on a row that is skipped: the issue records no person ID, only its shape',
    }),
    edit: (files) => {
      setCell(files, 'predictions.csv', 1, 'person_id', CANARY);
      setCell(files, 'predictions.csv', 1, 'predicted_start_date', '31/02/2022');
    },
  },
  {
    name: 'phone-ni-postcode-in-dates',
    expected: skipped('invalid_date', 'predictions.csv', 3, {
      column: 'predicted_start_date', message: 'predicted_start_date [12 characters: digits and spaces] is not a valid date',
      never: ['07700 900123', 'QQ 12 34 56 C', 'SW1A1AA'],
      description: 'a phone number, an NI number and a postcode in date columns: date- or code-like, but never quoted',
    }),
    edit: (files) => {
      setCell(files, 'predictions.csv', 1, 'predicted_start_date', '07700 900123');
      setCell(files, 'predictions.csv', 2, 'submitted_at', 'QQ 12 34 56 C');
      setCell(files, 'assessments.csv', 0, 'start_date', 'SW1A1AA');
    },
  },
  {
    name: 'dob-never-shown',
    expected: skipped('invalid_date', 'header.csv', 3, { column: 'DOB', never: ['31/02/2010'], description: 'an impossible DOB in header.csv: personal, never quoted even though date-like' }),
    edit: (files) => void files.set('header.csv', 'CHILD,SEX,DOB\n100001,1,01/01/2010\n100002,2,31/02/2010\n100003,1,2011-03-04\n'),
  },
  // Workbooks.
  {
    name: 'predictions-xlsx-valid',
    expected: succeeds({ rows: { planned_assessment: 9 }, description: 'predictions as a workbook (control case)' }),
    edit: (files) => toWorkbook(files),
  },
  {
    name: 'predictions-xlsx-is-csv',
    expected: fails('predictions.xlsx: the file is not a readable Excel workbook (.xlsx)', { description: 'predictions.xlsx that is really CSV text (renamed)' }),
    edit: (files) => {
      files.set('predictions.xlsx', text(files, 'predictions.csv'));
      files.delete('predictions.csv');
    },
  },
  {
    name: 'predictions-xlsx-corrupt',
    expected: fails('predictions.xlsx: the file is not a readable Excel workbook (.xlsx)', { description: 'a workbook cut off half-way (an interrupted copy)' }),
    edit: async (files) => {
      await toWorkbook(files);
      const whole = files.get('predictions.xlsx') as Buffer;
      files.set('predictions.xlsx', whole.subarray(0, Math.floor(whole.length / 2)));
    },
  },
  {
    name: 'xlsx-over-row-limit',
    expected: fails('predictions.xlsx: the workbook has more than 5 rows (PPOC_MAX_XLSX_ROWS)', { env: { PPOC_MAX_XLSX_ROWS: '5' }, description: 'a workbook of 10 rows with PPOC_MAX_XLSX_ROWS=5' }),
    edit: (files) => toWorkbook(files),
  },
  {
    name: 'xlsx-unpacks-over-limit',
    expected: fails('predictions.xlsx: the workbook unpacks to more than 0.03 MB (PPOC_MAX_FILE_MB)', { env: { PPOC_MAX_FILE_MB: '0.03' }, description: 'a workbook under PPOC_MAX_FILE_MB packed, over it unpacked (a 32,000-character note)' }),
    edit: (files) => toWorkbook(files, { cells: { F2: 'x'.repeat(32_000) } }),
  },
  {
    name: 'xlsx-stray-cells',
    expected: warning('cell_outside_header', 'predictions.xlsx', 1, { column: 'XFD', rows: { planned_assessment: 9 }, never: NEVER_CANARY, description: 'stray cells at XFD1 and far right of a data row: warnings, no row widened' }),
    edit: (files) => toWorkbook(files, { cells: { XFD1: 'x', XFA5: CANARY } }),
  },
  {
    name: 'xlsx-excel-part-order',
    expected: succeeds({ rows: { planned_assessment: 9 }, description: "a workbook in Excel's own part order (the sheet before the shared strings)" }),
    edit: (files) => toWorkbook(files, {}, (parts) => inOrder(parts, EXCEL_ORDER)),
  },
  {
    name: 'xlsx-directory-understates-part',
    expected: fails('predictions.xlsx: the file is not a readable Excel workbook (.xlsx)', { description: "the zip directory says the shared strings inflate to 10 bytes (stopped there, never inflated in full)" }),
    edit: (files) => toWorkbook(files, {}, sharedStrings({ declaredSize: 10 })),
  },
  {
    name: 'xlsx-directory-leaves-out-part',
    expected: fails('predictions.xlsx: the file is not a readable Excel workbook (.xlsx)', { description: 'the shared strings are in the zip but not in its directory (never inflated)' }),
    edit: (files) => toWorkbook(files, {}, sharedStrings({ listed: false })),
  },
  {
    name: 'both-predictions-files',
    expected: fails('predictions.csv and predictions.xlsx are both in the extract folder', { description: 'predictions.csv and predictions.xlsx together' }),
    edit: async (files) => void files.set('predictions.xlsx', await workbookOf(files)),
  },
  // Other file-level failures and row rules.
  {
    name: 'file-over-size-limit',
    expected: fails('over the limit of 0.0002 MB (PPOC_MAX_FILE_MB)', { env: { PPOC_MAX_FILE_MB: '0.0002' }, description: 'files larger than PPOC_MAX_FILE_MB' }),
    edit: () => {},
  },
  {
    name: 'missing-required-file',
    expected: fails('assessments.csv: required file is missing from the extract folder', { description: 'no assessments.csv' }),
    edit: (files) => void files.delete('assessments.csv'),
  },
  {
    name: 'mostly-invalid-rows',
    expected: fails('predictions.csv: 5 of 9 rows are invalid', { description: 'more than half of predictions.csv has an unknown assessment type' }),
    edit: (files) => {
      for (let i = 0; i < 5; i++) setCell(files, 'predictions.csv', i, 'assessment_type', 'Adoption');
    },
  },
  {
    name: 'unknown-placement-code',
    expected: warning('unknown_placement_code', 'episodes.csv', 4, { column: 'PLACE', message: 'Unknown placement type code "Q9"', description: 'a placement code not in the SSDA903 list' }),
    edit: (files) => setCell(files, 'episodes.csv', 2, 'PLACE', 'Q9'),
  },
  {
    name: 'duplicate-workflow-id',
    expected: skipped('duplicate_workflow_id', 'assessments.csv', 3, { column: 'workflow_id', description: 'workflow W0 twice' }),
    edit: (files) => setCell(files, 'assessments.csv', 1, 'workflow_id', 'W0'),
  },
  {
    name: 'negative-target',
    expected: skipped('invalid_number', 'targets.csv', 2, { message: 'target "-5" is not a non-negative whole number', description: 'a negative target' }),
    edit: (files) => setCell(files, 'targets.csv', 0, 'target', '-5'),
  },
];
