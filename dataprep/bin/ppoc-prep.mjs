#!/usr/bin/env node
// Entry point of the `ppoc-prep` command. The job runs its TypeScript directly through tsx
// (no build step to forget on the MI server); see README "Design".
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
