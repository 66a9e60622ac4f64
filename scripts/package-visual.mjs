#!/usr/bin/env node
// `npm run package`: builds dist/*.pbiviz with pbiviz, offline. HOME points at a scratch folder
// because pbiviz writes certificates under $HOME/pbiviz-certs; --no-stats keeps the root clean.
//
//   npm run package                          a build for testing (placeholders allowed, with a note)
//   npm run package -- --release             a build to ship: refuses the placeholder publisher
//   npm run package -- --publisher FILE      the publisher details from FILE, not visual/publisher.json
//
// Other arguments are passed on to pbiviz (e.g. `-- --certification-audit`). The publisher's
// details (author, supportUrl, gitHubUrl) live in one place, visual/publisher.json
// (scripts/publisher.mjs); they are merged with pbiviz.json into .tmp/pbiviz.json, which
// pbiviz packages from.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { placeholderFields, readPublisher, withPublisher } from './publisher.mjs';

/** Microsoft's "recommended for all custom visuals" list: only this one may be missing (docs/visual.md, Highlights). */
const DELIBERATELY_UNSUPPORTED = new Set(['Highlight Data']);
/** Optional features this visual implements: pbiviz must not report them missing. */
const MUST_SUPPORT = ['Conditional Formatting', 'Sorting'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const home = join(root, '.tmp', 'home');
mkdirSync(home, { recursive: true });
const { release, publisherPath, passOn } = parseArguments(process.argv.slice(2));

const manifestPath = preparePublisher();

// A stale package from an earlier build must not pass for this one.
const dist = join(root, 'dist');
for (const name of safeList(dist)) if (name.endsWith('.pbiviz')) rmSync(join(dist, name));

// --skip-api: never let pbiviz reach for the network to "fix" the API package (the unit tests
// check pbiviz.json's apiVersion against the installed powerbi-visuals-api instead). --verbose:
// pbiviz lists the optional features it finds missing only then (checked below).
const args = ['pbiviz', 'package', '--no-stats', '--skip-api', '--verbose', '--pbiviz-file', relative(root, manifestPath), ...passOn];
const result = spawnSync('npx', ['--no-install', ...args], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
  env: { ...process.env, HOME: home, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' },
});
process.stdout.write(result.stdout ?? '');
process.stderr.write(result.stderr ?? '');

const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
const missing = listedFeatures(output, /features recommended for all custom visuals/i, /^\s*warn\s+(.+?) - https?:\/\//).filter((f) => !DELIBERATELY_UNSUPPORTED.has(f));
const optional = listedFeatures(output, /Visual can be improved by adding some features/i, /^\s*info\s+(.+?) - https?:\/\//);
const notRecognised = MUST_SUPPORT.filter((feature) => optional.some((listed) => listed.toLowerCase() === feature.toLowerCase()));
const failed =
  result.status !== 0 ||
  /\berror\b.*(TS\d+|failed|Cannot|Module not found)/i.test(output) ||
  /Package wasn't created/i.test(output) ||
  missing.length > 0 ||
  notRecognised.length > 0 ||
  /Found \d+ (certification issue|external request)/i.test(output);
if (missing.length > 0) console.error(`package-visual: pbiviz reports missing recommended features: ${missing.join(', ')}`);
if (notRecognised.length > 0) console.error(`package-visual: pbiviz does not recognise features this visual implements: ${notRecognised.join(', ')}`);
const packages = safeList(dist).filter((name) => name.endsWith('.pbiviz'));
if (failed || packages.length === 0) {
  console.error(`package-visual: pbiviz package failed (exit ${result.status}, ${packages.length} .pbiviz in dist/)`);
  process.exit(1);
}
for (const name of packages) console.log(`package-visual: dist/${name} ${Math.round(statSync(join(dist, name)).size / 1024)} KB${release ? ' (release)' : ''}`);

function parseArguments(argv) {
  const passOn = [];
  let release = false;
  let publisherPath = join(root, 'visual', 'publisher.json');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--release') release = true;
    else if (argv[i] === '--publisher') {
      if (!argv[i + 1]) fail('--publisher needs a file: npm run package -- --publisher path/to/publisher.json');
      publisherPath = resolve(argv[++i]);
    } else passOn.push(argv[i]);
  }
  return { release, publisherPath, passOn };
}

/** Checks the publisher's details and writes the merged manifest; a release refuses placeholders. */
function preparePublisher() {
  let publisher;
  try {
    publisher = readPublisher(publisherPath);
  } catch (error) {
    fail(error.message);
  }
  const placeholders = placeholderFields(publisher);
  const where = relative(root, publisherPath) || publisherPath;
  if (placeholders.length > 0 && release) {
    fail(`--release refuses placeholder publisher details in ${where}: ${placeholders.join(', ')}. Fill in your council's MI team, email and support page (docs/visual.md, "The publisher's details").`);
  }
  if (placeholders.length > 0) console.log(`package-visual: ${where} still has placeholders (${placeholders.join(', ')}): fine for testing; a build to ship uses --release, which refuses them.`);
  const manifest = withPublisher(JSON.parse(readFileSync(join(root, 'pbiviz.json'), 'utf8')), publisher);
  const path = join(root, '.tmp', 'pbiviz.json');
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return path;
}

/**
 * The features pbiviz lists after a heading line, one per line. "Highlight Data" may be
 * missing on purpose: Microsoft's documentation says "Table data view mapping doesn't support
 * the highlights feature", and this visual uses a table mapping (docs/visual.md, "Highlights").
 */
function listedFeatures(text, heading, item) {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return [];
  const features = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' && features.length === 0) continue;
    const match = item.exec(line);
    if (!match) break;
    features.push(match[1].trim());
  }
  return features.length > 0 ? features : ['(unparsed list)'];
}

function fail(message) {
  console.error(`package-visual: ${message}`);
  process.exit(1);
}

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
