import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import semver from 'semver';

/**
 * Runtime support (README "Node versions"): `engines` admits Node 20.19+, 22.13+ and 24, and
 * every installed package's own `engines` admits the lowest version of each of those lines, so
 * no dependency pins the job to Node 20. Only Node 20 runs here: the other lines are checked
 * from the lock file, not run.
 */
const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean; version?: string }>;
};
const LOWEST = ['20.19.0', '22.13.0', '24.0.0'];

describe('Node versions (engines)', () => {
  it('admit the LTS lines 20, 22 and 24, and the Node running this test', () => {
    for (const version of [...LOWEST, '22.99.0', '24.99.0']) assert.ok(semver.satisfies(version, pkg.engines.node), version);
    for (const version of ['18.20.0', '20.18.0', '21.7.0', '23.0.0', '25.0.0']) assert.ok(!semver.satisfies(version, pkg.engines.node), version);
    assert.ok(semver.satisfies(process.versions.node, pkg.engines.node), process.versions.node);
    assert.equal(lock.packages[''].engines && (lock.packages[''].engines as { node?: string }).node, pkg.engines.node, 'lock file in step');
  });

  it('are admitted by every installed package (production and dev) at the lowest version of each line', () => {
    const refusing: string[] = [];
    for (const [path, info] of Object.entries(lock.packages)) {
      const range = !Array.isArray(info.engines) ? info.engines?.node : undefined;
      if (path === '' || !range) continue;
      for (const version of LOWEST) {
        if (!semver.satisfies(version, range)) refusing.push(`${path.replace(/^.*node_modules\//, '')}@${info.version} (${range}) refuses ${version}`);
      }
    }
    assert.deepEqual(refusing, []);
  });
});
