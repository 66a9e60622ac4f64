/** Server messages as SQL Server words them, with values that could be a child's ID or name. */
import assert from 'node:assert/strict';
import { requestError, scrub } from '../../../src/warehouse/sqlserver/connection-errors';
import { parseSqlServerSettings } from '../../../src/warehouse/sqlserver/settings';

const SETTINGS = parseSqlServerSettings('Server=db01;Database=ppoc;User Id=u;Password=Pw-1c0d-Secret', {});

describe('SQL Server messages are scrubbed of key and literal values', () => {
  it('removes duplicate key values (2627, 2601), truncated values (2628) and unconvertible values (245)', () => {
    const cases: [string, string][] = [
      [
        "Violation of PRIMARY KEY constraint 'PK_planned_assessment'. Cannot insert duplicate key in object 'ppoc_staging.planned_assessment'. The duplicate key value is (100123, SGO).",
        "Violation of PRIMARY KEY constraint 'PK_planned_assessment'. Cannot insert duplicate key in object 'ppoc_staging.planned_assessment'. The duplicate key value is (…).",
      ],
      [
        "Cannot insert duplicate key row in object 'ppoc.x' with unique index 'UX_x'. The duplicate key value is (O'Brien (Jo), 2).",
        "Cannot insert duplicate key row in object 'ppoc.x' with unique index 'UX_x'. The duplicate key value is (…).",
      ],
      [
        "String or binary data would be truncated in table 'ppoc_staging.cic_cohort', column 'child_name'. Truncated value: 'Jo O'Brien-Smi'.",
        "String or binary data would be truncated in table 'ppoc_staging.cic_cohort', column 'child_name'. Truncated value: '…'.",
      ],
      [
        "Conversion failed when converting the nvarchar value 'Jo's plan' to data type int.",
        "Conversion failed when converting the nvarchar value '…' to data type int.",
      ],
      [
        "Cannot insert the value NULL into column 'person_id', table 'ppoc_staging.cic_cohort'; column does not allow nulls. INSERT fails.",
        "Cannot insert the value NULL into column 'person_id', table 'ppoc_staging.cic_cohort'; column does not allow nulls. INSERT fails.",
      ],
    ];
    for (const [raw, clean] of cases) assert.equal(scrub(raw, []), clean);
  });

  it('keeps secrets and line breaks out of a request error, and says which server error it was', () => {
    const error = requestError({ number: 2627, message: 'Cannot insert duplicate key. The duplicate key value is (P1, SGO).\nPw-1c0d-Secret' }, SETTINGS);
    assert.equal(error.message, 'SQL Server error 2627: Cannot insert duplicate key. The duplicate key value is (…). ***');
  });
});
