#!/usr/bin/env node
// Entry point of the `ppoc-prep` command: runs the compiled JavaScript in dist-node/ (built by
// `npm ci` through `prepare`, or `npm run build`), never TypeScript. Code that is missing or
// older than the sources is refused with the fix, never run.
import { ENTRY, staleReason } from './compiled.mjs';

const stale = staleReason();
if (stale) {
  process.stderr.write(`ppoc-prep: ${stale}\n`);
  process.exit(4);
}
// Stack traces name the TypeScript file and line (source maps written by the build).
process.setSourceMapsEnabled(true);
// Everything the job creates (the SQLite file and SQLite's own -wal/-shm, exports, demo
// extracts) holds children's data: owner-only whatever the caller's umask (docs/security.md).
process.umask(0o077);
const { main } = await import(ENTRY);
process.exitCode = await main(process.argv.slice(2));
