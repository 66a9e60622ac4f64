/**
 * Writes fixtures/bad-input/ from corpus-cases.ts: `npx tsx dataprep/test/bad-input/write-corpus.ts`.
 * Each case folder is the example extract with one thing broken, plus its expected.json.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_INPUT, EXAMPLE_EXTRACT } from '../../../fixtures/paths';
import { CASES, type Files } from './corpus-cases';

function exampleFiles(): Files {
  const files: Files = new Map();
  for (const name of readdirSync(EXAMPLE_EXTRACT).filter((f) => /\.(csv|xlsx)$/.test(f))) {
    files.set(name, readFileSync(join(EXAMPLE_EXTRACT, name), 'utf8').replace(/\r\n/g, '\n')); // LF: the crlf case adds CRs
  }
  return files;
}

// Case folders only: the corpus README stays.
for (const entry of readdirSync(BAD_INPUT, { withFileTypes: true })) {
  if (entry.isDirectory()) rmSync(join(BAD_INPUT, entry.name), { recursive: true });
}
for (const corpusCase of CASES) {
  const files = exampleFiles();
  await corpusCase.edit(files);
  const dir = join(BAD_INPUT, corpusCase.name);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, 'expected.json'), `${JSON.stringify(corpusCase.expected, null, 2)}\n`);
}
console.log(`${CASES.length} cases written to ${BAD_INPUT}`);
