/** Other file-level failures and row rules. */
import { fails, setCell, skipped, warning, type CorpusCase } from '../corpus-edits';

export const FILE_AND_ROW_CASES: CorpusCase[] = [
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
