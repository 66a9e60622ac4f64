// The Node versions ppoc-prep runs on: package.json's `engines` ("^22.13 || ^24", the LTS lines CI
// tests). The bin checks it before loading anything, so an older Node (no node:sqlite) gets one
// line saying what to run instead of a module error. Plain JavaScript: no dependency at run time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './compiled.mjs';

/** package.json's engines.node. */
export function enginesRange() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node;
}

/** Whether `version` (e.g. "22.13.1") is in `range`, a `||` list of caret ranges ("^22.13 || ^24"). */
export function satisfiesCaret(version, range) {
  const [major, minor, patch] = version.split('.').map(Number);
  return range.split('||').some((part) => {
    const caret = /^\s*\^(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(part);
    if (!caret) throw new Error(`engines range "${range}": only ^MAJOR[.MINOR[.PATCH]] parts are understood`);
    const [want, wantMinor = 0, wantPatch = 0] = caret.slice(1).map((n) => (n === undefined ? undefined : Number(n)));
    return major === want && (minor > wantMinor || (minor === wantMinor && patch >= wantPatch));
  });
}

/** "^22.13 || ^24" in words: "22.x (22.13 or later) or 24.x". */
export function describeRange(range) {
  return range.split('||').map((part) => {
    const [major, ...rest] = part.trim().replace(/^\^/, '').split('.');
    return rest.length && rest.some((n) => n !== '0') ? `${major}.x (${[major, ...rest].join('.')} or later)` : `${major}.x`;
  }).join(' or ');
}

/** The one-line reason this Node cannot run ppoc-prep, or null. */
export function unsupportedNode(version = process.versions.node, execPath = process.execPath, range = enginesRange()) {
  if (satisfiesCaret(version, range)) return null;
  return `this is Node ${version} (${execPath}), but ppoc-prep needs Node ${describeRange(range)} ` +
    `(package.json engines): run it through npm ("npx ppoc-prep …" or "npm run ppoc-prep -- …"), ` +
    'which uses the Node that npm ci installs with the project, or install the current Node LTS';
}
