import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import semver from 'semver';

/**
 * Runtime support (README "Node versions"): `engines` admits exactly the LTS lines CI runs the
 * whole suite on, Node 22 (22.13+) and 24, and every installed package's own `engines` admits
 * the lowest version of each. CI runs `npm test` once per line and sets PPOC_EXPECT_NODE_MAJOR,
 * so its log shows which Node ran the tests.
 */
const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean; version?: string }>;
};
const LOWEST = ['22.13.0', '24.0.0'];

describe('Node versions (engines)', () => {
  it('admit the LTS lines 22 (22.13+) and 24 only, and the Node running this test', () => {
    for (const version of [...LOWEST, '22.99.0', '24.99.0']) assert.ok(semver.satisfies(version, pkg.engines.node), version);
    for (const version of ['18.20.0', '20.19.0', '22.12.0', '23.0.0', '25.0.0']) assert.ok(!semver.satisfies(version, pkg.engines.node), version);
    assert.ok(semver.satisfies(process.versions.node, pkg.engines.node), process.versions.node);
    assert.equal(lock.packages[''].engines && (lock.packages[''].engines as { node?: string }).node, pkg.engines.node, 'lock file in step');
  });

  it(`run on the Node major CI expects (PPOC_EXPECT_NODE_MAJOR=${process.env.PPOC_EXPECT_NODE_MAJOR ?? 'unset'}): this is Node ${process.versions.node}`, function () {
    const expected = process.env.PPOC_EXPECT_NODE_MAJOR;
    if (expected === undefined) {
      // Outside CI, npm puts the `node` devDependency (the Node 24 line) first on PATH.
      assert.ok(semver.satisfies(process.versions.node, pkg.engines.node), process.versions.node);
      return;
    }
    assert.equal(String(semver.major(process.versions.node)), expected);
  });

  it('bring Node 24 with the project (the `node` devDependency) for npm scripts on older machines', () => {
    assert.ok(semver.subset(pkg.devDependencies.node, '^24'), pkg.devDependencies.node);
    assert.equal(semver.major(lock.packages['node_modules/node']?.version ?? '0.0.0'), 24);
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
