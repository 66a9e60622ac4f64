#!/usr/bin/env node
// Entry point of the `ppoc-prep` command. The job runs its TypeScript directly through tsx
// (no build step to forget on the MI server); see README "Design".
import { register } from 'tsx/esm/api';

// Everything the job creates (the SQLite file and SQLite's own -wal/-shm, exports, demo
// extracts) holds children's data: owner-only whatever the caller's umask (docs/security.md).
process.umask(0o077);
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
