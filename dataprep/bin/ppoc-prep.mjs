#!/usr/bin/env node
// Entry point of the `ppoc-prep` command: runs the compiled JavaScript in dist-node/ (built by
// `npm ci` through `prepare`, or `npm run build`), never TypeScript. Code that is missing or
// older than the sources is refused with the fix, never run; so is a Node it does not support.
import { ENTRY, staleReason } from './compiled.mjs';
import { unsupportedNode } from './node-version.mjs';

const refused = unsupportedNode() ?? staleReason();
if (refused) {
  process.stderr.write(`ppoc-prep: ${refused}\n`);
  process.exit(4);
}
// `ppoc-prep status | head -1`: once the reader has gone, stop quietly with exit 0, as Unix
// tools do, instead of an EPIPE stack trace (a refresh under way rolls back as if stopped).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
// Stack traces name the TypeScript file and line (source maps written by the build).
process.setSourceMapsEnabled(true);
// Everything the job creates (the SQLite file and SQLite's own -wal/-shm, exports, demo
// extracts) holds children's data: owner-only whatever the caller's umask (docs/security.md).
process.umask(0o077);
const { main } = await import(ENTRY);
process.exitCode = await main(process.argv.slice(2));
