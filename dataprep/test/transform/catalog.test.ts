import { strict as assert } from 'node:assert';
import { catalogViolations } from '../../src/model/data-tests';
import type { RefreshSet } from '../../src/model/refresh-set';
import { CURATED_TABLES, TABLES } from '../../src/model/tables';
import { allocation, childWithPlan, episode, exclusion, merge, prediction, run, start, target } from './builders';

/** A fixture touching every table and most row shapes (left care, no allocation, unknown codes). */
function everyTable(): RefreshSet {
  return run(
    merge(
      childWithPlan('1', 'SGO', '2022-05-04', { actual: '2022-05-12' }),
      childWithPlan('2', 'Reunification', '2022-08-11'),
      {
        episodes: [episode('3', '2020-01-01', { dec: '2022-04-01', rec: 'E4A', place: 'Z1' }), episode('4', '2021-01-01', { ls: 'J9' })],
        predictions: [prediction('3', 'Reunification', '2022-03-01', '2022-01-14'), prediction('5', 'SGO', '2022-07-01', '2022-06-14')],
        assessments: [start('6', 'SGO', '2022-02-01')],
        allocations: [allocation('3', { locality: null, team: 'No Such Team' })],
        exclusions: [exclusion('7', null)],
        userAccess: [{ sourceFile: 'user_access.csv', line: 2, userPrincipalName: 'a@example.org', locality: 'All', team: null }],
        targets: [target('All', 'plans', '2022-01-01', '2022-12-31'), target('Locality A', 'sgo_exits', '2022-01-01', '2022-12-31')],
      },
    ),
    '2022-05-31',
  );
}

describe('transform: rows match the curated-table catalog', () => {
  let set: RefreshSet;
  before(() => {
    set = everyTable();
  });

  for (const name of CURATED_TABLES) {
    it(`${name}: exactly the catalog's columns, and every data test passes`, () => {
      const rows = set.tables[name] as unknown as Record<string, unknown>[];
      assert.ok(rows.length > 0, `${name} has rows in this fixture`);
      const names = TABLES[name].columns.map((c) => c.name).sort();
      for (const row of rows) assert.deepEqual(Object.keys(row).sort(), names);
    });
  }

  it('plan_status_history: exactly the catalog\'s columns', () => {
    assert.ok(set.history.rows.length > 0);
    const names = TABLES.plan_status_history.columns.map((c) => c.name).sort();
    for (const row of set.history.rows) assert.deepEqual(Object.keys(row).sort(), names);
  });

  it('passes the catalog data tests the pipeline runs before publishing', () => {
    assert.deepEqual(catalogViolations(set), []);
  });

  it('every issue is a warning with a rule, a message and no free text from the files', () => {
    assert.ok(set.issues.length > 0);
    for (const issue of set.issues) {
      assert.equal(issue.severity, 'warning');
      assert.match(issue.rule, /^[a-z_]+$/);
      assert.ok(issue.message.length > 0 && issue.message.length <= 1000);
      assert.doesNotMatch(issue.message, /Child \d|SW 0|free text/);
    }
  });
});
