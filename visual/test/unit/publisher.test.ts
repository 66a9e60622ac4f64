// The publisher's details of the package (item 7 of issue 21): one file MI fills in, merged
// into pbiviz.json for packaging; a release build refuses the shipped placeholders.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placeholderFields, readPublisher, withPublisher } from '../../../scripts/publisher.mjs';

const REAL = { author: { name: 'Derbyshire County Council MI', email: 'mi.team@derbyshire.gov.uk' }, supportUrl: 'https://www.derbyshire.gov.uk/ppoc', gitHubUrl: '' };

describe('publisher details (visual/publisher.json)', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ppoc-publisher-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('the shipped file is all placeholders: the name, the example.org email and support page', () => {
    assert.deepEqual(placeholderFields(readPublisher('visual/publisher.json')), ['author.name', 'author.email', 'supportUrl']);
  });

  it('a council\'s real details have no placeholders; an example.org GitHub page is one', () => {
    assert.deepEqual(placeholderFields(readPublisher(file('real.json', REAL))), []);
    assert.deepEqual(placeholderFields({ ...REAL, gitHubUrl: 'https://example.com/ppoc' }), ['gitHubUrl']);
  });

  it('refuses a file that is missing, not JSON, or has no name, email or https support page', () => {
    assert.throws(() => readPublisher(join(dir, 'none.json')), /none\.json: not found/);
    assert.throws(() => readPublisher(file('bad.json', '{ author: ')), /bad\.json: not valid JSON/);
    assert.throws(() => readPublisher(file('empty.json', { author: { name: '', email: 'x' }, supportUrl: 'www.x.org/help' })), /author\.name is empty; author\.email is not an email address; supportUrl is not an https:\/\/ address/);
  });

  it('puts the details where pbiviz reads them, keeping everything else of pbiviz.json', () => {
    const manifest = JSON.parse(readFileSync('pbiviz.json', 'utf8'));
    const merged = withPublisher(manifest, REAL);
    assert.deepEqual(merged.author, REAL.author);
    assert.equal(merged.visual.supportUrl, REAL.supportUrl);
    assert.equal(merged.visual.guid, manifest.visual.guid);
    assert.equal(merged.apiVersion, manifest.apiVersion);
  });

  it('`npm run package -- --release` refuses placeholders before it builds anything', () => {
    const run = spawnSync(process.execPath, ['scripts/package-visual.mjs', '--release', '--publisher', 'visual/publisher.json'], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /--release refuses placeholder publisher details in visual\/publisher\.json: author\.name, author\.email, supportUrl/);
  });
});
