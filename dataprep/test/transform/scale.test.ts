import { strict as assert } from 'node:assert';
import { addDays, type IsoDate } from '../../../core/src/index';
import type { SourceData } from '../../src/model/source-records';
import { buildRefreshSet } from '../../src/transform/index';
import { allocation, episode, options, prediction, sourceData, start } from './builders';

const A = '2022-05-31' as IsoDate;
const CHILDREN = 100_000;

/**
 * 100,000 children: every third has two X1-chained episodes, every fifth has left care,
 * every child has an allocation and a prediction, every second a qualifying start.
 */
function bigExtract(): SourceData {
  const data = sourceData();
  for (let i = 0; i < CHILDREN; i += 1) {
    const id = String(1_000_000 + i);
    const left = i % 5 === 0;
    if (i % 3 === 0) {
      data.episodes.push(episode(id, '2019-01-01', { dec: '2020-01-01', rec: 'X1', line: 2 * i + 2 }));
    }
    const ending = left ? { dec: addDays(A, -(i % 200)), rec: i % 2 ? 'E45' : 'E4A' } : {};
    data.episodes.push(episode(id, '2020-01-01', { ...ending, line: 2 * i + 3 }));
    data.allocations.push(allocation(id, { team: `Team ${i % 40}`, locality: `Locality ${i % 8}`, line: i + 2 }));
    const type = i % 2 ? 'SGO' : 'Reunification';
    data.predictions.push(prediction(id, type, addDays(A, (i % 300) - 150), '2022-01-14', { line: i + 2 }));
    if (i % 2 === 0) data.assessments.push(start(id, type, addDays(A, -(i % 120)), { line: i + 2 }));
  }
  return data;
}

describe('transform: scale', () => {
  it('builds 100,000 children in one pass (the bench times it; this checks the result)', function () {
    this.timeout(60_000);
    const data = bigExtract();
    const set = buildRefreshSet(data, options(A));
    const leftChildren = CHILDREN / 5;
    assert.equal(set.tables.cic_cohort.length, CHILDREN - leftChildren);
    assert.equal(set.tables.care_exit.length, leftChildren);
    assert.equal(set.tables.plan_explanation.length, CHILDREN);
    const listed = set.tables.planned_assessment.length;
    assert.ok(listed > CHILDREN - leftChildren && listed < CHILDREN, `listed ${listed}`);
    const chained = set.tables.cic_cohort.find((r) => r.person_id === '1000003');
    assert.equal(chained?.period_of_care_start, '2019-01-01');
    const all = set.tables.locality_summary[0];
    assert.equal(all.plans, listed);
    assert.equal(all.children_in_care, CHILDREN - leftChildren);
  });
});
