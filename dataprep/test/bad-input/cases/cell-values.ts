/** Dates, spreadsheet formulas, markup and SQL in cells, and personal text where it does not belong. */
import { CANARY, canaryIn, fails, NEVER_CANARY, setCell, skipped, succeeds, warning, type CorpusCase } from '../corpus-edits';

export const CELL_VALUE_CASES: CorpusCase[] = [
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
];
