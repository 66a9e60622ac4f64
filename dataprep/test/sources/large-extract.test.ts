import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { readExtract } from '../../src/sources/index';
import { writeLargeExtract } from './large-extract';

describe('readExtract: a large extract', function () {
  this.timeout(120_000);
  const children = 20_000;
  let dir = '';
  before(() => {
    dir = writeLargeExtract(children);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`reads ${children} children (${2 * children} episodes) completely, in bounded CPU time`, async () => {
    const cpu = process.cpuUsage();
    const { data, issues, files } = await readExtract(dir);
    const used = process.cpuUsage(cpu);
    assert.deepEqual(issues, []);
    assert.deepEqual(files.map((f) => f.rowsRead), [2 * children, children, children, children, children]);
    assert.equal(data.episodes.length, 2 * children);
    const last = data.episodes[data.episodes.length - 1];
    assert.deepEqual([last.child, last.line, last.dec], [String(100000 + children - 1).padStart(7, '0'), 2 * children + 1, null]);
    assert.equal(data.predictions[children - 1].line, children + 1);
    // About 1.5 s of CPU on a busy 2-core machine; the bound only catches a quadratic slip.
    const cpuMs = (used.user + used.system) / 1000;
    assert.ok(cpuMs < 15_000, `took ${cpuMs.toFixed(0)} ms of CPU`);
  });
});
