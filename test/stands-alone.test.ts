/**
 * The repository stands alone: a clone anywhere, with nothing beside it, passes its tests.
 * No tracked file may name the product owners' folder beside the clone or an absolute path
 * of a folder outside the repository (a developer's machine, a home folder).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP_DIRS = new Set(['node_modules', '.git', '.tmp', 'dist', 'dist-node', 'data']);

/** Tracked files (git), or every file outside the build folders when there is no git checkout. */
function repositoryFiles(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
    return out.split('\0').filter((f) => f !== '' && isFile(join(REPO, f)));
  } catch {
    return walk(REPO).map((f) => relative(REPO, f).split(sep).join('/'));
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : walk(join(dir, e.name));
    return e.isFile() ? [join(dir, e.name)] : [];
  });
}

/** Patterns spelt in pieces so that this file does not match itself. */
const SHARED_FOLDER = new RegExp(['\\.\\.', '[/\\\\]shared\\b'].join(''));
const MACHINE_PATHS = new RegExp(
  [
    '(^|[\\s\'"`(=:])/(work|home|root|Users|mnt|opt/app)/[A-Za-z0-9_.-]+', // POSIX home and work folders
    '\\b[A-Za-z]:\\\\(Users|work|Projects)\\\\', // Windows profile folders
  ].join('|'),
);

function offences(file: string, parent: string): string[] {
  const text = readFileSync(join(REPO, file));
  if (text.includes(0)) return []; // binary (icons, workbooks)
  const lines = text.toString('utf8').split('\n');
  const found: string[] = [];
  lines.forEach((line, i) => {
    if (SHARED_FOLDER.test(line) || MACHINE_PATHS.test(line) || (parent.length > 1 && line.includes(parent + '/'))) {
      found.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
    }
  });
  return found;
}

describe('the repository stands alone', () => {
  it('names no folder outside itself: not the product owners\' folder beside the clone, no absolute path of any machine', () => {
    const files = repositoryFiles();
    assert.ok(files.length > 100, `expected the repository's files, found ${files.length}`);
    const parent = dirname(REPO);
    const found = files.flatMap((f) => offences(f, parent));
    assert.deepEqual(found, []);
  });

  it('catches the kinds of path it is meant to catch', () => {
    const probe = (line: string): boolean => SHARED_FOLDER.test(line) || MACHINE_PATHS.test(line);
    assert.ok(probe(`const F = '${['..', 'shared', 'data'].join('/')}';`));
    assert.ok(probe(`const F = '/${'work'}/shared/data/x.csv';`));
    assert.ok(probe(`cd /${'home'}/alice/ppoc`));
    assert.ok(probe(`C:${'\\'}Users${'\\'}bob${'\\'}ppoc`));
    assert.ok(!probe("executablePath: '/usr/bin/chromium'"));
    assert.ok(!probe("join(REPO, 'fixtures', 'example-extract')"));
  });

  it('keeps its fixtures inside: the example extract and the SSDA903 sample with its licence', () => {
    for (const f of ['fixtures/example-extract/episodes.csv', 'fixtures/ssda903-fake/episodes.csv', 'fixtures/ssda903-fake/LICENSE']) {
      assert.ok(isFile(join(REPO, f)), `${f} is missing`);
    }
  });
});
