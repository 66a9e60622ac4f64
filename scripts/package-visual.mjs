#!/usr/bin/env node
// `npm run package`: builds dist/*.pbiviz with pbiviz, offline. HOME points at a scratch folder
// because pbiviz writes certificates under $HOME/pbiviz-certs; --no-stats keeps the root clean.
// Extra arguments are passed on (e.g. `npm run package -- --certification-audit`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const home = join(root, '.tmp', 'home');
mkdirSync(home, { recursive: true });

// A stale package from an earlier build must not pass for this one.
const dist = join(root, 'dist');
for (const name of safeList(dist)) if (name.endsWith('.pbiviz')) rmSync(join(dist, name));

// --skip-api: never let pbiviz reach for the network to "fix" the API package (the unit tests
// check pbiviz.json's apiVersion against the installed powerbi-visuals-api instead).
const args = ['pbiviz', 'package', '--no-stats', '--skip-api', ...process.argv.slice(2)];
const result = spawnSync('npx', ['--no-install', ...args], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
  env: { ...process.env, HOME: home, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' },
});
process.stdout.write(result.stdout ?? '');
process.stderr.write(result.stderr ?? '');

const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
const failed =
  result.status !== 0 ||
  /\berror\b.*(TS\d+|failed|Cannot|Module not found)/i.test(output) ||
  /Package wasn't created/i.test(output) ||
  // pbiviz lists "features recommended for all custom visuals" it finds missing: keep it empty.
  /features recommended for all custom visuals/i.test(output) ||
  /Found \d+ (certification issue|external request)/i.test(output);
const packages = safeList(dist).filter((name) => name.endsWith('.pbiviz'));
if (failed || packages.length === 0) {
  console.error(`package-visual: pbiviz package failed (exit ${result.status}, ${packages.length} .pbiviz in dist/)`);
  process.exit(1);
}
for (const name of packages) console.log(`package-visual: dist/${name} ${Math.round(statSync(join(dist, name)).size / 1024)} KB`);

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
