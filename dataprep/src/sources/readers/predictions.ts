import { ASSESSMENT_TYPES, type PredictionRecord } from '../../model/source-records';
import { choice, date, dateTime, rowReaders, text } from '../fields';
import type { FileDefinition } from '../file-definition';
import { NAME, PERSON_ID } from './limits';

/** `predictions.csv` / `predictions.xlsx`: prediction form submissions (revisions allowed). */
export const predictionsFile = (): FileDefinition<PredictionRecord> => ({
  columns: [
    { name: 'person_id', required: true },
    { name: 'assessment_type', required: true },
    { name: 'predicted_start_date', required: true },
    { name: 'submitted_at', required: true },
    { name: 'submitted_by', required: false },
  ],
  personIdColumn: 'person_id',
  ...rowReaders(
    {
      person_id: text('person_id', { max: PERSON_ID, requiredRule: 'missing_person_id' }),
      assessment_type: choice('assessment_type', ASSESSMENT_TYPES, 'unknown_assessment_type'),
      predicted_start_date: date('predicted_start_date', { required: true }),
      submitted_at: dateTime('submitted_at'),
      submitted_by: text('submitted_by', { max: NAME, repetitive: true }),
    },
    (row, sourceFile, line) => ({
      personId: row.person_id,
      assessmentType: row.assessment_type,
      predictedStartDate: row.predicted_start_date,
      submittedAt: row.submitted_at.at,
      submittedOn: row.submitted_at.on,
      submittedBy: row.submitted_by,
      sourceFile,
      line,
    }),
  ),
});
