// `NODE_OPTIONS=--import=<this file>` with RECORD_LOADS_TO=<file>: every module the process
// loads through the ES module loader is appended to that file, one URL a line (lazy-loading test).
import { register } from 'node:module';

register('./record-loads-hooks.mjs', import.meta.url);
