/**
 * The sqlfluff suite without sqlfluff on the PATH: pending, with the reason in its title, on a
 * developer's machine; failing under PPOC_CI=1, which .ci/run sets. Real mocha child processes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from '../../helpers/cli';

function runWithoutSqlfluff(env: Record<string, string>): { status: number | null; out: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PPOC_')));
  const result = spawnSync(process.execPath, [
    join(REPO, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--node-option', 'import=tsx', '--extension', 'ts',
    '--reporter', 'spec', join(REPO, 'dataprep', 'test', 'warehouse', 'sqlserver', 'sqlfluff.test.ts'),
  ], { cwd: REPO, encoding: 'utf8', env: { ...clean, PATH: join(REPO, 'no-such-folder'), ...env }, timeout: 60_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('the sqlfluff suite when sqlfluff is not installed', function () {
  this.timeout(90_000);

  it('is reported pending, by name, on a developer machine', () => {
    const { status, out } = runWithoutSqlfluff({});
    assert.equal(status, 0, out);
    assert.match(out, /T-SQL parsed by sqlfluff — SKIPPED: sqlfluff is not installed \(apt-get install sqlfluff\)/);
    assert.match(out, /3 pending/);
  });

  it('fails when PPOC_CI=1 (CI must run it)', () => {
    const { status, out } = runWithoutSqlfluff({ PPOC_CI: '1' });
    assert.notEqual(status, 0);
    assert.match(out, /PPOC_CI=1 and sqlfluff is not installed/);
  });
});
