import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The folders of dataprep/src are floors (README "Design"): a module imports from its own floor
 * or those below, never back up. Checked on the import lines of every source file.
 */
const SRC = resolve(import.meta.dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Project files a module imports, as paths relative to dataprep/src (`../x` → `x.ts`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\b[^;]*?from '(\.[^']+)'/gms)].map((m) => m[1]);
  return specifiers.map((s) => relative(SRC, resolve(dirname(file), s)).replaceAll('\\', '/') + '.ts');
}

const ALL = sources(SRC).map((file) => ({ file: relative(SRC, file).replaceAll('\\', '/'), imports: importsOf(file) }));
const importing = (from: string, to: string) =>
  ALL.filter((m) => m.file.startsWith(from)).flatMap((m) => m.imports.filter((i) => i.startsWith(to)).map((i) => `${m.file} -> ${i}`));

describe('import floors of dataprep/src', () => {
  it('finds the modules and their imports (the check below sees something)', () => {
    assert.ok(ALL.length > 100, `${ALL.length} modules`);
    assert.ok(importing('cli/', 'settings/').length > 0);
  });

  it('settings/ (the settings errors) imports nothing of the project; alerts/ and the rest never import cli/', () => {
    assert.deepEqual(ALL.filter((m) => m.file.startsWith('settings/')).flatMap((m) => m.imports), []);
    for (const floor of ['alerts/', 'pipeline/', 'sources/', 'transform/', 'model/', 'warehouse/', 'export/', 'demo/', 'files/']) {
      assert.deepEqual(importing(floor, 'cli/'), [], floor);
    }
  });

  it('no two modules import each other', () => {
    const byFile = new Map(ALL.map((m) => [m.file, new Set(m.imports)]));
    const mutual = ALL.flatMap((m) => m.imports.filter((i) => m.file < i && byFile.get(i)?.has(m.file)).map((i) => `${m.file} <-> ${i}`));
    assert.deepEqual(mutual, []);
  });
});
