import type { AllocationRecord } from '../../model/source-records';
import { rowReaders, text } from '../fields';
import type { FileDefinition } from '../file-definition';
import { duplicatePerson } from './duplicates';
import { LOCALITY, NAME, PERSON_ID, TEAM } from './limits';

/** `allocations.csv`: one row per child currently allocated; `locality` is an optional column. */
export const allocationsFile = (): FileDefinition<AllocationRecord> => ({
  columns: [
    { name: 'person_id', required: true },
    { name: 'child_name', required: true },
    { name: 'social_worker', required: true },
    { name: 'team', required: true },
    { name: 'locality', required: false },
  ],
  personIdColumn: 'person_id',
  ...rowReaders(
    {
      person_id: text('person_id', { max: PERSON_ID, requiredRule: 'missing_person_id' }),
      child_name: text('child_name', { max: NAME }),
      social_worker: text('social_worker', { max: NAME, repetitive: true }),
      team: text('team', { max: TEAM, repetitive: true }),
      locality: text('locality', { max: LOCALITY, repetitive: true }),
    },
    (row, sourceFile, line) => ({
      personId: row.person_id,
      childName: row.child_name,
      socialWorker: row.social_worker,
      team: row.team,
      locality: row.locality,
      sourceFile,
      line,
    }),
  ),
  unique: { key: (record) => record.personId, duplicate: duplicatePerson('person_id') },
});
