/**
 * One preview server and one chromium per test file, on the PACKAGED visual in dist/.
 */
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { findPackagedVisual } from '../../../preview/pbiviz';
import { startPreviewServer, type PreviewServer, type PreviewServerOptions } from '../../../preview/server';
import { launchChromium, ProblemLog } from './browser';

export interface SuiteContext {
  browser: Browser;
  server: PreviewServer;
  log: ProblemLog;
}

export function requirePackagedVisual(): string {
  const path = findPackagedVisual();
  if (!path) throw new Error('No packaged visual in dist/: run `npm run package` before `npm run test:browser`.');
  return path;
}

/** Registers before/after hooks; the returned object is filled in by `before`. */
export function previewSuite(options: Omit<PreviewServerOptions, 'port'> = {}): SuiteContext {
  const context = { log: new ProblemLog() } as SuiteContext;
  before(async function () {
    this.timeout(60000);
    context.server = await startPreviewServer({ pbivizPath: requirePackagedVisual(), ...options, port: 0 });
    context.browser = await launchChromium();
  });
  after(async () => {
    await context.browser?.close();
    await context.server?.close();
  });
  return context;
}

/** The last test of a file: nothing on any page logged an error, threw, or failed a request. */
export function itLoggedNoProblems(context: SuiteContext): void {
  it('logged no console errors, page errors or failed requests', () => {
    assert.deepEqual(context.log.problems, []);
  });
}
