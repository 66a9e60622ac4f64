import assert from 'node:assert/strict';
import { groupBy, PairMap } from '../../src/transform/grouping';

describe('grouping helpers', () => {
  it('groupBy keeps the first-seen order of groups and the input order inside each, runs or not', () => {
    const items = ['a1', 'a2', 'b1', 'a3', 'c1', 'c2', 'b2', 'a4'];
    const groups = groupBy(items, (item) => item[0]);
    assert.deepEqual([...groups.entries()], [
      ['a', ['a1', 'a2', 'a3', 'a4']],
      ['b', ['b1', 'b2']],
      ['c', ['c1', 'c2']],
    ]);
    assert.deepEqual([...groupBy([], (item: string) => item).keys()], []);
  });

  it('PairMap finds a pair as written, and forgets everything on clear', () => {
    const map = new PairMap<number>();
    map.set('Erewash', 'Team A', 1);
    map.set('Erewash', 'Team B', 2);
    map.set('Erewash\u0000Team A', '', 3); // no key string: a separator in a name cannot collide
    assert.equal(map.get('Erewash', 'Team A'), 1);
    assert.equal(map.get('Erewash', 'Team B'), 2);
    assert.equal(map.get('erewash', 'Team A'), undefined);
    assert.equal(map.get('Erewash\u0000Team A', ''), 3);
    map.clear();
    assert.equal(map.get('Erewash', 'Team A'), undefined);
  });
});
