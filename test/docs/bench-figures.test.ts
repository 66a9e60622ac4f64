import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readmeQuote, README_QUOTE, resultsMarkdown, type Results } from '../../bench/results';

/**
 * Figures in the docs come from the code (issue 18): `npm run bench` writes its figures as data
 * (bench/results.json) and, from them, bench/results.md and the README's quote; this checks
 * that neither was edited by hand since, and that the package size the README and
 * docs/visual.md state is the one the bench measured.
 */
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const results = JSON.parse(read('bench/results.json')) as Results;
const readme = read('README.md');

describe('figures in the docs (written by npm run bench)', () => {
  it('bench/results.md is what results.json renders to', () => {
    assert.equal(read('bench/results.md'), resultsMarkdown(results));
  });

  it('the README quotes exactly what results.json renders to, between its markers', () => {
    const start = readme.indexOf(README_QUOTE.start);
    const end = readme.indexOf(README_QUOTE.end);
    assert.ok(start >= 0 && end > start, 'the markers are there');
    assert.equal(readme.slice(start, end + README_QUOTE.end.length), readmeQuote(results).join('\n'));
    assert.match(readme.slice(start, end), /\| 100,000 \| [\d,]+ \| [\d.]+ s \|/, 'with the 100,000-child row');
  });

  it('the package size in the README and docs/visual.md is the packaged visual the bench measured', () => {
    assert.ok(results.visual && typeof results.visual !== 'string', 'the last full bench measured the visual');
    const kb = Math.round(results.visual.pbivizKb);
    assert.match(readme, new RegExp(`npm run package +# dist/\\S+ \\(offline, about ${kb} KB\\)`));
    assert.match(read('docs/visual.md'), new RegExp(`The package is about ${kb} KB`));
  });
});
