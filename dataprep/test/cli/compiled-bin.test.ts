/**
 * The `ppoc-prep` bin runs the compiled dist-node/ only when it is what the current sources
 * build: missing or stale code is refused in one line with the fix, never run. Checked on a
 * copy of the bin in a scratch tree (so the repository's own build is never touched), with a
 * stand-in compiled entry; and the real build's record names the real sources.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describeRange, enginesRange, satisfiesCaret, unsupportedNode } from '../../bin/node-version.mjs';
import { REPO, tempDir } from '../helpers/cli';

const STAND_IN = 'export async function main(argv) { process.stdout.write(`compiled main ran with ${argv.join(" ")}\\n`); return 0; }\n';

/** A scratch tree with the real bin, one source file and (optionally) a build record for it. */
function scratchTree(): { root: string; run: () => SpawnSyncReturns<string>; record: (source: string) => void } {
  const root = tempDir('bin');
  mkdirSync(join(root, 'dataprep', 'bin'), { recursive: true });
  for (const file of ['ppoc-prep.mjs', 'compiled.mjs', 'node-version.mjs']) copyFileSync(join(REPO, 'dataprep', 'bin', file), join(root, 'dataprep', 'bin', file));
  copyFileSync(join(REPO, 'package.json'), join(root, 'package.json'));
  mkdirSync(join(root, 'dataprep', 'src'), { recursive: true });
  writeFileSync(join(root, 'dataprep', 'src', 'main.ts'), 'export {};\n');
  const record = (source: string) => {
    mkdirSync(join(root, 'dist-node'), { recursive: true });
    writeFileSync(join(root, 'dist-node', 'main.mjs'), STAND_IN);
    const builtFrom = existsSync(join(root, source)) ? statSync(join(root, source)).mtimeMs : 0;
    writeFileSync(join(root, 'dist-node', 'build-info.json'), JSON.stringify({ inputs: { [source]: builtFrom } }));
  };
  const run = () => spawnSync(process.execPath, [join(root, 'dataprep', 'bin', 'ppoc-prep.mjs'), 'status'], { encoding: 'utf8' });
  return { root, run, record };
}

describe('the ppoc-prep bin and dist-node/', () => {
  it('refuses a Node outside package.json\'s engines before loading anything, in one line saying what to run (exit 4)', () => {
    const tree = scratchTree();
    tree.record('dataprep/src/main.ts');
    const pkg = JSON.parse(readFileSync(join(tree.root, 'package.json'), 'utf8'));
    writeFileSync(join(tree.root, 'package.json'), JSON.stringify({ ...pkg, engines: { node: '^99.1' } }));
    const result = tree.run();
    assert.equal(result.status, 4);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `ppoc-prep: this is Node ${process.versions.node} (${process.execPath}), but ppoc-prep needs Node 99.x (99.1 or later) ` +
      '(package.json engines): run it through npm ("npx ppoc-prep …" or "npm run ppoc-prep -- …"), which uses the Node that npm ci installs ' +
      'with the project, or install the current Node LTS\n');
  });

  it('reads engines as npm does: the bin\'s check agrees with semver on the versions around each line', () => {
    const range = enginesRange();
    assert.equal(describeRange(range), '22.x (22.13 or later) or 24.x');
    for (const version of ['20.19.0', '20.20.2', '21.7.3', '22.0.0', '22.12.9', '22.13.0', '22.23.3', '23.11.0', '24.0.0', '24.21.0', '25.0.0', '26.1.0']) {
      assert.equal(satisfiesCaret(version, range), semver.satisfies(version, range), version);
    }
    assert.equal(unsupportedNode(process.versions.node), null, 'the Node running the tests is supported');
  });

  it('refuses to start without a build, in one line naming the fix (exit 4)', () => {
    const tree = scratchTree();
    const result = tree.run();
    assert.equal(result.status, 4);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'ppoc-prep: the compiled code (dist-node/) is missing or incomplete: run "npm run build" (npm ci runs it too)\n');
  });

  it('runs the compiled entry when the sources are as built', () => {
    const tree = scratchTree();
    tree.record('dataprep/src/main.ts');
    const result = tree.run();
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, 'compiled main ran with status\n');
    assert.equal(result.status, 0);
  });

  it('refuses code built before a source changed, or from a source since removed', () => {
    const tree = scratchTree();
    tree.record('dataprep/src/main.ts');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(tree.root, 'dataprep', 'src', 'main.ts'), later, later);
    const edited = tree.run();
    assert.equal(edited.status, 4);
    assert.equal(edited.stdout, '', 'the stale code never ran');
    assert.equal(edited.stderr, 'ppoc-prep: the compiled code (dist-node/) was built before the latest change to dataprep/src/main.ts: run "npm run build" (npm ci runs it too)\n');

    tree.record('dataprep/src/gone.ts');
    assert.match(tree.run().stderr, /^ppoc-prep: the compiled code \(dist-node\/\) was built before the latest change to dataprep\/src\/gone\.ts: run "npm run build"/);
  });

  it('the real build records the sources it bundled, each with its modification time', () => {
    const info = JSON.parse(readFileSync(join(REPO, 'dist-node', 'build-info.json'), 'utf8')) as { inputs: Record<string, number> };
    for (const source of ['dataprep/src/cli/main.ts', 'dataprep/src/transform/index.ts', 'core/src/index.ts', 'scripts/build-node.mjs']) {
      assert.equal(typeof info.inputs[source], 'number', source);
    }
    assert.deepEqual(Object.keys(info.inputs).filter((input) => input.includes('node_modules')), [], 'npm packages stay outside the bundle');
  });

  it('a stack trace through the compiled code names the TypeScript file and line (source maps, as the bin enables them)', () => {
    const probe = `process.setSourceMapsEnabled(true);
      const { main } = await import(${JSON.stringify(join(REPO, 'dist-node', 'main.mjs'))});
      try { await main(['--help'], () => { throw new Error('probe'); }); } catch (error) { console.log(error.stack); }`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    assert.match(result.stdout, /^Error: probe$/m);
    assert.match(result.stdout, /dataprep\/src\/cli\/main\.ts:\d+:\d+/, result.stdout);
  });
});
