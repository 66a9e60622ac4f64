import type { TeamRecord } from '../../model/source-records';
import { rowReaders, text } from '../fields';
import type { FileDefinition } from '../file-definition';
import { LOCALITY, TEAM } from './limits';

const required = 'missing_required_value';

/** `teams.csv` (optional): team → locality, used when allocations have no locality. */
export const teamsFile = (): FileDefinition<TeamRecord> => ({
  columns: [
    { name: 'team', required: true },
    { name: 'locality', required: true },
  ],
  personIdColumn: null,
  ...rowReaders(
    {
      team: text('team', { max: TEAM, requiredRule: required }),
      locality: text('locality', { max: LOCALITY, requiredRule: required }),
    },
    (row, sourceFile, line) => ({ team: row.team, locality: row.locality, sourceFile, line }),
  ),
  unique: {
    key: (record) => record.team.toLowerCase(),
    duplicate: (_record, firstLine) => ({
      column: 'team',
      rule: 'duplicate_team',
      message: `team already appears on line ${firstLine}; only the first row is kept`,
    }),
  },
});
