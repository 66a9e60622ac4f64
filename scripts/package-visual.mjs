#!/usr/bin/env node
// `npm run package`: builds dist/*.pbiviz with pbiviz, offline. HOME points at a scratch folder
// because pbiviz writes certificates under $HOME/pbiviz-certs; --no-stats keeps the root clean.
// Extra arguments are passed on (e.g. `npm run package -- --certification-audit`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DELIBERATELY_UNSUPPORTED = new Set(['Highlight Data']);
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
const missing = missingRecommendedFeatures(output).filter((feature) => !DELIBERATELY_UNSUPPORTED.has(feature));
const failed =
  result.status !== 0 ||
  /\berror\b.*(TS\d+|failed|Cannot|Module not found)/i.test(output) ||
  /Package wasn't created/i.test(output) ||
  missing.length > 0 ||
  /Found \d+ (certification issue|external request)/i.test(output);
if (missing.length > 0) console.error(`package-visual: pbiviz reports missing recommended features: ${missing.join(', ')}`);
const packages = safeList(dist).filter((name) => name.endsWith('.pbiviz'));
if (failed || packages.length === 0) {
  console.error(`package-visual: pbiviz package failed (exit ${result.status}, ${packages.length} .pbiviz in dist/)`);
  process.exit(1);
}
for (const name of packages) console.log(`package-visual: dist/${name} ${Math.round(statSync(join(dist, name)).size / 1024)} KB`);

/**
 * The features pbiviz lists under "features recommended for all custom visuals". Only
 * "Highlight Data" may be missing, on purpose: Microsoft's documentation says "Table data view
 * mapping doesn't support the highlights feature", and this visual uses a table mapping, so it
 * does not declare supportsHighlight (docs/visual.md, "Highlights").
 */
function missingRecommendedFeatures(text) {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /features recommended for all custom visuals/i.test(line));
  if (start < 0) return [];
  const features = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^\s*warn\s+(.+?) - https?:\/\//.exec(line);
    if (!match) break;
    features.push(match[1].trim());
  }
  return features.length > 0 ? features : ['(unparsed list)'];
}

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
