import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { query, runCli, tempDir } from '../helpers/cli';

describe('e2e: demo extract and npm start (quickstart)', function () {
  this.timeout(180_000);

  it('demo-extract writes a deterministic, contract-conforming extract the job accepts', async () => {
    const a = join(tempDir('demo'), 'a');
    const b = join(tempDir('demo'), 'b');
    const first = await runCli(['demo-extract', '--out', a, '--children', '300', '--seed', '42', '--as-at', '2024-02-29']);
    assert.equal(first.code, 0, first.stderr);
    await runCli(['demo-extract', '--out', b, '--children', '300', '--seed', '42', '--as-at', '2024-02-29']);
    const files = readdirSync(a).sort();
    for (const f of ['allocations.csv', 'assessments.csv', 'episodes.csv', 'predictions.csv']) assert.ok(files.includes(f), f);
    for (const f of files) assert.equal(readFileSync(join(a, f), 'utf8'), readFileSync(join(b, f), 'utf8'), f);

    const db = join(tempDir('demo-db'), 'ppoc.sqlite');
    const run = await runCli(['run', '--source', a, '--as-at', '2024-02-29', '--sqlite', db]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /In the LAST 3 months \d+ assessments? started on time/);
    const statuses = query<{ status: string }>(db, 'SELECT DISTINCT status FROM planned_assessment ORDER BY status');
    assert.ok(statuses.length >= 4, JSON.stringify(statuses));
    const rejected = query<{ n: number }>(db, "SELECT count(*) n FROM data_quality_issue WHERE severity = 'error'")[0].n;
    assert.ok(rejected > 0 && rejected < 20, `deliberate problems are few but present (${rejected})`);
  });

  it('quickstart creates the demo extract when absent and runs into the SQLite file', async () => {
    const dir = tempDir('quickstart');
    const env = { PPOC_SOURCE: join(dir, 'demo-extract'), PPOC_SQLITE: join(dir, 'ppoc.sqlite') };
    const result = await runCli(['quickstart'], env);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Wrote the synthetic demo extract/);
    assert.match(result.stdout, /SUCCEEDED/);
    assert.ok(existsSync(join(dir, 'demo-extract', 'episodes.csv')));
    const again = await runCli(['quickstart'], env);
    assert.equal(again.code, 0);
    assert.doesNotMatch(again.stdout, /Wrote the synthetic demo extract/, 'an existing extract is reused');
    assert.equal(query(env.PPOC_SQLITE, "SELECT * FROM refresh_log WHERE status = 'succeeded'").length, 2);
  });
});
