import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/**
 * `npm ci` builds nothing (README "Node versions"): no package in the lock file runs an install
 * script that compiles (a node-gyp build needs a C++ compiler, which a council's server often
 * lacks, and a prebuilt binary fetched from outside the package registry is blocked by its
 * proxy). The packages that do have an install script are these, each read and found harmless;
 * a new one, or a changed script, fails here until someone reads it.
 */
const REVIEWED: Record<string, { script: string; command: string; why: string }> = {
  esbuild: {
    script: 'postinstall',
    command: 'node install.js',
    why: 'checks that its platform binary (the registry package @esbuild/linux-x64, an optional dependency) is in place; compiles nothing',
  },
  node: {
    script: 'preinstall',
    command: 'node installArchSpecificPackage',
    why: 'dev only: installs the registry package node-<platform>-<arch> (a prebuilt Node binary) and links bin/node to it',
  },
};

const root = new URL('../', import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const lock = json('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean; version?: string }> };
const pkg = json('package.json') as { allowScripts?: Record<string, boolean> };

describe('install scripts (an npm ci that builds nothing)', () => {
  const withScripts = Object.entries(lock.packages)
    .filter(([path, info]) => path !== '' && info.hasInstallScript)
    .map(([path, info]) => ({ name: path.replace(/^.*node_modules\//, ''), version: info.version }));

  it('the lock file has no install script but the reviewed ones (no native build)', () => {
    assert.deepEqual(withScripts.map((p) => p.name).sort(), Object.keys(REVIEWED).sort(),
      `packages with install scripts: ${withScripts.map((p) => `${p.name}@${p.version}`).join(', ')}`);
  });

  it('each reviewed script is still the one that was read', () => {
    for (const [name, reviewed] of Object.entries(REVIEWED)) {
      const scripts = (json(`node_modules/${name}/package.json`) as { scripts?: Record<string, string> }).scripts ?? {};
      assert.deepEqual(scripts, { [reviewed.script]: reviewed.command }, `${name}: ${reviewed.why}`);
    }
  });

  it('allowScripts in package.json allows exactly the reviewed packages', () => {
    assert.deepEqual(pkg.allowScripts, Object.fromEntries(Object.keys(REVIEWED).sort().map((name) => [name, true])));
  });
});
