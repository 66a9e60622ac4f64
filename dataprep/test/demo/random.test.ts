import assert from 'node:assert/strict';
import { Rng, weights } from '../../src/demo/random';

describe('demo Rng (seeded sfc32)', () => {
  it('repeats the same sequence for a seed and differs for another', () => {
    const draw = (seed: number): number[] => {
      const rng = new Rng(seed);
      return Array.from({ length: 20 }, () => rng.next());
    };
    assert.deepEqual(draw(1), draw(1));
    assert.notDeepEqual(draw(1), draw(2));
    for (const x of draw(3)) assert.ok(x >= 0 && x < 1);
  });

  it('int() covers both bounds and nothing outside them', () => {
    const rng = new Rng(9);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(-2, 3));
    assert.deepEqual([...seen].sort((a, b) => a - b), [-2, -1, 0, 1, 2, 3]);
  });

  it('weighted() follows the weights roughly', () => {
    const rng = new Rng(4);
    const table = weights([['a', 60], ['b', 30], ['c', 10]] as const);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20000; i++) counts[rng.weighted(table)]++;
    assert.ok(Math.abs(counts.a / 20000 - 0.6) < 0.02, JSON.stringify(counts));
    assert.ok(Math.abs(counts.c / 20000 - 0.1) < 0.02, JSON.stringify(counts));
  });

  it('fork() gives an independent, reproducible stream', () => {
    const a = new Rng(5).fork(1);
    const b = new Rng(5).fork(1);
    const c = new Rng(5).fork(2);
    const take = (rng: Rng): number[] => [rng.next(), rng.next(), rng.next()];
    const first = take(a);
    assert.deepEqual(first, take(b));
    assert.notDeepEqual(first, take(c));
  });
});
