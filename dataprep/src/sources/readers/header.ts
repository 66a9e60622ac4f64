import type { HeaderRecord } from '../../model/source-records';
import { date, rowReaders, text } from '../fields';
import type { FileDefinition } from '../file-definition';
import { CODE, PERSON_ID } from './limits';
import { duplicatePerson } from './duplicates';

/** `header.csv` (optional): the SSDA903 Header. SEX and DOB are personal: never quoted. */
export const headerFile = (): FileDefinition<HeaderRecord> => ({
  columns: [
    { name: 'CHILD', required: true },
    { name: 'SEX', required: true },
    { name: 'DOB', required: true },
  ],
  personIdColumn: 'CHILD',
  ...rowReaders(
    {
      CHILD: text('CHILD', { max: PERSON_ID, requiredRule: 'missing_person_id' }),
      SEX: text('SEX', { max: CODE, repetitive: true }),
      DOB: date('DOB', { required: false, personal: true }),
    },
    (row, sourceFile, line) => ({ child: row.CHILD, sex: row.SEX, dob: row.DOB, sourceFile, line }),
  ),
  unique: { key: (record) => record.child, duplicate: duplicatePerson('CHILD') },
});
