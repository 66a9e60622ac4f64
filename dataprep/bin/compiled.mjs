// Where the compiled `ppoc-prep` lives and whether it is what the current sources build.
// Shared by the command (dataprep/bin/ppoc-prep.mjs), which refuses to run missing or stale
// code, and by the build (scripts/build-node.mjs), which writes the record read here.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DIST = join(ROOT, 'dist-node');
export const ENTRY = join(DIST, 'main.mjs');
/** Written last by the build: every file that went into the bundle, with its modification time. */
export const BUILD_INFO = join(DIST, 'build-info.json');

const FIX = 'run "npm run build" (npm ci runs it too)';

/**
 * Null when dist-node/ was built from the sources as they are now; otherwise the one-line
 * reason and the fix. The build records each input's modification time as it read it, so an
 * edit, a checkout or a merge since (or a deleted input) makes the build stale.
 */
export function staleReason() {
  let info;
  try {
    info = JSON.parse(readFileSync(BUILD_INFO, 'utf8'));
  } catch {
    return `the compiled code (dist-node/) is missing or incomplete: ${FIX}`;
  }
  for (const [input, builtFrom] of Object.entries(info.inputs)) {
    if (modifiedAt(join(ROOT, input)) !== builtFrom) return `the compiled code (dist-node/) was built before the latest change to ${input}: ${FIX}`;
  }
  return null;
}

/** A file's modification time in milliseconds, or null when it is gone. */
export function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}
