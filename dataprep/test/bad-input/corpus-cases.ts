/**
 * The bad-input corpus, as it was written: each case is the example extract with one thing
 * broken. `npx tsx dataprep/test/bad-input/write-corpus.ts` writes them to fixtures/bad-input/;
 * the files there are what the tests read (corpus.test.ts). The cases are in cases/, by concern;
 * what they are made with is in corpus-edits.ts.
 */
import { CELL_VALUE_CASES } from './cases/cell-values';
import { CSV_TEXT_CASES } from './cases/csv-text';
import { FILE_AND_ROW_CASES } from './cases/files-and-rows';
import { SHRINK_CASES } from './cases/shrink';
import { WORKBOOK_CASES } from './cases/workbooks';
import type { CorpusCase } from './corpus-edits';

export { CANARY, type CorpusCase, type Files } from './corpus-edits';

export const CASES: CorpusCase[] = [...SHRINK_CASES, ...CSV_TEXT_CASES, ...CELL_VALUE_CASES, ...WORKBOOK_CASES, ...FILE_AND_ROW_CASES];
