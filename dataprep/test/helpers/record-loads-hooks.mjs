// Module loader hooks (they run on Node's loader thread); see record-loads.mjs.
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  if (!url.startsWith('node:') && process.env.RECORD_LOADS_TO) appendFileSync(process.env.RECORD_LOADS_TO, `${url}\n`);
  return nextLoad(url, context);
}
