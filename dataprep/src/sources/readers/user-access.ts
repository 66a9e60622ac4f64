import type { UserAccessRecord } from '../../model/source-records';
import { localityOrAll, rowReaders, text } from '../fields';
import type { FileDefinition } from '../file-definition';
import { LOCALITY, TEAM, USER_PRINCIPAL_NAME } from './limits';

/** `user_access.csv` (optional): viewer scopes for Power BI row-level security. */
export const userAccessFile = (): FileDefinition<UserAccessRecord> => ({
  columns: [
    { name: 'user_principal_name', required: true },
    { name: 'locality', required: true },
    { name: 'team', required: false },
  ],
  personIdColumn: null,
  ...rowReaders(
    {
      user_principal_name: text('user_principal_name', {
        max: USER_PRINCIPAL_NAME,
        requiredRule: 'missing_required_value',
      }),
      locality: localityOrAll('locality', LOCALITY),
      team: text('team', { max: TEAM }),
    },
    (row, sourceFile, line) => ({ userPrincipalName: row.user_principal_name, locality: row.locality, team: row.team, sourceFile, line }),
  ),
});
