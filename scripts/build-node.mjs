#!/usr/bin/env node
// `npm run build` (and `npm ci`, through `prepare`): compiles the `ppoc-prep` command's
// TypeScript into dist-node/ with esbuild, so the command starts without compiling anything.
// One ES module per command and per lazily loaded part (code splitting keeps a dynamic
// `import()` a separate chunk, loaded only when reached); npm packages stay in node_modules
// (mssql, yauzl and saxes (workbooks), node-cron and nodemailer load only when used; SQLite is
// Node's own node:sqlite).
// Source maps let stack traces name the TypeScript lines. Plain JavaScript: it runs before
// any dev dependency is installed (`npm ci --omit=dev`).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUILD_INFO, DIST, modifiedAt, ROOT } from '../dataprep/bin/compiled.mjs';

const THIS_SCRIPT = 'scripts/build-node.mjs';

export async function buildNode() {
  const started = Date.now();
  rmSync(DIST, { recursive: true, force: true }); // no chunk of an earlier build survives
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'dataprep/src/cli/main.ts' },
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.fromEntries(
    [...Object.keys(result.metafile.inputs), THIS_SCRIPT].map((input) => [input, modifiedAt(join(ROOT, input))]),
  );
  writeFileSync(BUILD_INFO, `${JSON.stringify({ inputs }, null, 1)}\n`);
  return { files: Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.mjs')).length, ms: Date.now() - started };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { files, ms } = await buildNode();
  console.log(`dist-node/: ${files} modules in ${ms} ms`);
}
