/** predictions as an Excel workbook: valid, broken, over the limits, in another part order. */
import { EXCEL_ORDER, inOrder } from '../../helpers/xlsx-zip';
import { CANARY, fails, NEVER_CANARY, sharedStrings, succeeds, text, toWorkbook, warning, workbookOf, type CorpusCase } from '../corpus-edits';

export const WORKBOOK_CASES: CorpusCase[] = [
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
];
