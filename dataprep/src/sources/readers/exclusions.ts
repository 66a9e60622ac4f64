import type { ExclusionRecord } from '../../model/source-records';
import { date, rowReaders, text } from '../fields';
import type { FileDefinition } from '../file-definition';
import { PERSON_ID, REASON } from './limits';

/** `exclusions.csv` (optional): children MI has taken off the list; no date = always. */
export const exclusionsFile = (): FileDefinition<ExclusionRecord> => ({
  columns: [
    { name: 'person_id', required: true },
    { name: 'reason', required: false },
    { name: 'excluded_on', required: false },
  ],
  personIdColumn: 'person_id',
  ...rowReaders(
    {
      person_id: text('person_id', { max: PERSON_ID, requiredRule: 'missing_person_id' }),
      reason: text('reason', { max: REASON }),
      excluded_on: date('excluded_on', { required: false }),
    },
    (row, sourceFile, line) => ({ personId: row.person_id, reason: row.reason, excludedOn: row.excluded_on, sourceFile, line }),
  ),
});
