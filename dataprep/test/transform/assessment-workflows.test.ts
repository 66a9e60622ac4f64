import { strict as assert } from 'node:assert';
import type { AssessmentWorkflowRow } from '../../src/model/refresh-set';
import type { AssessmentRecord } from '../../src/model/source-records';
import { allocation, episode, exclusion, merge, prediction, run, start } from './builders';

const A = '2022-05-31';

/** Child 1 in care with an SGO and a Reunification plan first recorded 2022-01-14 (lookback from 2021-10-16). */
const child = {
  episodes: [episode('1', '2020-06-01')],
  allocations: [allocation('1')],
  predictions: [prediction('1', 'SGO', '2022-05-05', '2022-01-14'), prediction('1', 'Reunification', '2022-08-11', '2022-01-14')],
};

function workflows(assessments: AssessmentRecord[]): AssessmentWorkflowRow[] {
  return run(merge(child, { assessments }), A).tables.assessment_workflow;
}

const one = (row: AssessmentRecord) => {
  const [found] = workflows([row]);
  return { qualifies: found.qualifies, reason: found.reason };
};

describe('transform: assessment_workflow (every workflow, and why it did or did not count)', () => {
  it('an SGO workflow without a section-9 start date', () => {
    assert.deepEqual(one(start('1', 'SGO', null, { workflowId: 'W123' })), {
      qualifies: 'No', reason: 'SGO workflow W123 has no section-9 start date',
    });
  });

  it('a single assessment with a start date whose section-2 reunification box is not ticked (N or empty)', () => {
    for (const forReunification of [false, null]) {
      assert.deepEqual(one(start('1', 'Reunification', '2022-05-01', { workflowId: 'W456', forReunification })), {
        qualifies: 'No', reason: 'single assessment W456 started 2022-05-01 but the section-2 reunification box is not ticked',
      });
    }
  });

  it('a single assessment with neither a start date nor the tick, and one ticked without a start date', () => {
    assert.equal(one(start('1', 'Reunification', null, { workflowId: 'W7', forReunification: false })).reason,
      'single assessment W7 has no start date and the section-2 reunification box is not ticked');
    assert.equal(one(start('1', 'Reunification', null, { workflowId: 'W8' })).reason,
      'single assessment W8 is ticked for reunification but has no start date');
  });

  it('a workflow type other than SGO or SINGLE is kept, never counts, and says so', () => {
    const [row] = workflows([start('1', 'SGO', '2022-05-01', { workflowId: 'W9', workflowType: 'Adoption' })]);
    assert.deepEqual(row, {
      person_id: '1', workflow_id: 'W9', workflow_type: 'Adoption', start_date: '2022-05-01', for_reunification: 'No',
      qualifies: 'No', reason: 'workflow type [8 characters: letters] is not an SGO or single assessment (workflow W9)', as_at_date: A,
      locality: 'Locality A', team: 'Team A', // the child's allocation
    });
  });

  it('a start after the as-at date', () => {
    assert.deepEqual(one(start('1', 'SGO', '2022-06-10', { workflowId: 'W10' })), {
      qualifies: 'No', reason: 'SGO workflow W10 started after the as-at date 2022-05-31 (on 2022-06-10): not counted',
    });
  });

  it('the start that counts for a listed plan, and for a plan that is not listed', () => {
    assert.deepEqual(one(start('1', 'Reunification', '2022-05-12', { workflowId: 'W0' })), {
      qualifies: 'Yes', reason: 'single assessment W0 started 2022-05-12: counts as the start of the Reunification plan',
    });
    const [excluded] = run(merge(child, { assessments: [start('1', 'SGO', '2022-05-12', { workflowId: 'W1' })], exclusions: [exclusion('1', null)] }), A)
      .tables.assessment_workflow;
    assert.equal(excluded.reason, 'SGO workflow W1 started 2022-05-12: counts as the start of the SGO plan, which is not listed (see the plan\'s explanation)');
  });

  it('a qualifying start older than the lookback, and a later one when an earlier start counts', () => {
    const rows = workflows([
      start('1', 'SGO', '2021-01-04', { workflowId: 'W2' }),
      start('1', 'SGO', '2022-03-01', { workflowId: 'W3' }),
      start('1', 'SGO', '2022-04-01', { workflowId: 'W4' }),
    ]);
    assert.deepEqual(rows.map((r) => [r.workflow_id, r.qualifies, r.reason]), [
      ['W2', 'Yes', 'SGO workflow W2 started 2021-01-04: qualifies, but is older than the lookback (before 2021-10-16): an earlier attempt, not counted'],
      ['W3', 'Yes', 'SGO workflow W3 started 2022-03-01: counts as the start of the SGO plan'],
      ['W4', 'Yes', 'SGO workflow W4 started 2022-04-01: qualifies, but the earlier start W3 (2022-03-01) counts for the SGO plan'],
    ]);
  });

  it('a qualifying start with no prediction for that type', () => {
    const rows = run({ episodes: [episode('2', '2020-06-01')], assessments: [start('2', 'SGO', '2022-04-01', { workflowId: 'W5' })] }, A)
      .tables.assessment_workflow;
    assert.deepEqual(rows.map((r) => [r.qualifies, r.reason]), [
      ['Yes', 'SGO workflow W5 started 2022-04-01: qualifies, but there is no SGO prediction submitted on or before 2022-05-31'],
    ]);
  });

  it('keeps every workflow read, qualifying or not, one row each, ordered by person, start and ID', () => {
    const rows = workflows([
      start('1', 'Reunification', null, { workflowId: 'W20', forReunification: false }),
      start('1', 'SGO', '2022-02-01', { workflowId: 'W21' }),
      start('1', 'Reunification', '2022-01-01', { workflowId: 'W22', forReunification: false }),
    ]);
    assert.deepEqual(rows.map((r) => [r.workflow_id, r.start_date, r.for_reunification]), [
      ['W22', '2022-01-01', 'No'], ['W21', '2022-02-01', 'No'], ['W20', null, 'No'],
    ]);
  });
});
