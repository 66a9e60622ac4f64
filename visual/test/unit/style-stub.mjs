// The visual imports its .less stylesheet for pbiviz's webpack; under mocha + tsx a stylesheet
// is loaded as an empty module instead.
import { register } from 'node:module';

const hook = `export async function load(url, context, next) {
  if (url.endsWith('.less') || url.endsWith('.css')) return { format: 'module', source: '', shortCircuit: true };
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
