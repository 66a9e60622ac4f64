// `NODE_OPTIONS=--import=<this file>` with RECORD_LOADS_TO=<file>: every module the process
// loads is appended to that file, one URL a line (the lazy-loading test): ES modules as the
// loader hook sees them, CommonJS ones (a package loaded with require) from the require cache
// when the process exits.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('./record-loads-hooks.mjs', import.meta.url);

const required = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const urls = Object.keys(required).map((file) => pathToFileURL(file).href);
  if (process.env.RECORD_LOADS_TO && urls.length) appendFileSync(process.env.RECORD_LOADS_TO, `${urls.join('\n')}\n`);
});
