/** Empty exports, the shrink guard, and partial exports that blank what the dashboard shows. */
import { fails, headerOnly, keepRows, put, rows, succeeds, toWorkbook, type CorpusCase } from '../corpus-edits';

export const SHRINK_CASES: CorpusCase[] = [
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
];
