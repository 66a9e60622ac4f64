import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The rules module is bundled into the visual: it must stay free of Node, DOM and project imports.
describe('core module boundary', () => {
  const dir = join(import.meta.dirname, '..', 'src');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    it(`${file} imports only sibling core modules and uses no Node or DOM API`, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports) assert.match(spec, /^\.\/[a-z0-9-]+$/, `${file} imports ${spec}`);
      assert.doesNotMatch(text, /\b(require\(|process\.|document\.|window\.|Buffer\b|node:)/, file);
      assert.doesNotMatch(text, /new Date\(\s*[^)]/, `${file} must not parse dates with Date`);
    });
  }
});
