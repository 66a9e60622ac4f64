/**
 * The compiled command loads only what a command uses (issue 9): which modules a real
 * `ppoc-prep` process loaded, recorded by a module loader hook, mapped back to the TypeScript
 * files through the build's source maps. A test of what is loaded, never of how long it takes.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BAD_INPUT } from '../../../fixtures/paths';
import { createSqliteWarehouse } from '../../src/warehouse/sqlite/index';
import { EXAMPLE_EXTRACT, REPO, runCli, tempDir, type CliResult } from '../helpers/cli';

const RECORDER = join(REPO, 'dataprep', 'test', 'helpers', 'record-loads.mjs');
const AS_AT = '2022-05-31';

interface Loaded {
  result: CliResult;
  /** npm packages loaded (folder names under node_modules). */
  packages: Set<string>;
  /** The repository's TypeScript files the loaded compiled modules were built from. */
  sources: Set<string>;
  /** Every module file loaded, relative to the repository. */
  files: string[];
}

/** Runs the real command with the recorder and says what it loaded. */
async function loadedBy(args: string[]): Promise<Loaded> {
  const log = join(tempDir('loads'), 'loaded.txt');
  const result = await runCli(args, { NODE_OPTIONS: `--import=${RECORDER}`, RECORD_LOADS_TO: log });
  const urls = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith('file:')) : [];
  const files = urls.map((url) => relative(REPO, fileURLToPath(url)));
  const packages = new Set(files.flatMap((f) => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1] ?? []));
  const sources = new Set<string>();
  for (const file of files.filter((f) => f.startsWith('dist-node/'))) {
    const map = JSON.parse(readFileSync(join(REPO, `${file}.map`), 'utf8')) as { sources: string[] };
    for (const source of map.sources) sources.add(relative(REPO, resolve(dirname(join(REPO, file)), source)));
  }
  return { result, packages, sources, files };
}

const under = (loaded: Loaded, folder: string) => [...loaded.sources].filter((s) => s.startsWith(folder));
const READERS = ['dataprep/src/sources/readers/', 'dataprep/src/sources/table-reader.ts', 'dataprep/src/sources/csv-table.ts', 'dataprep/src/sources/xlsx-table.ts'];
const readers = (loaded: Loaded) => [...loaded.sources].filter((s) => READERS.some((r) => s.startsWith(r)));
const OPTIONAL_PACKAGES = ['yauzl', 'saxes', 'mssql', 'tedious', 'node-cron', 'nodemailer'];

function assertCompiledOnly(loaded: Loaded): void {
  assert.ok(loaded.files.includes('dist-node/main.mjs'), `the compiled entry is loaded: ${loaded.files.join(', ')}`);
  assert.deepEqual(loaded.files.filter((f) => f.endsWith('.ts')), [], 'no TypeScript file is loaded');
  assert.equal(loaded.packages.has('tsx'), false, 'tsx is never loaded');
}

describe('compiled CLI: each command loads only what it uses', function () {
  this.timeout(120_000);
  let db: string;
  before(async () => {
    db = join(tempDir('lazy'), 'ppoc.sqlite');
    const run = await runCli(['run', '--source', EXAMPLE_EXTRACT, '--as-at', AS_AT, '--sqlite', db]);
    assert.equal(run.code, 0, run.stderr);
  });

  it('--help loads the command list only: no npm package, no reader, no rule', async () => {
    const loaded = await loadedBy(['--help']);
    assert.equal(loaded.result.code, 0, loaded.result.stderr);
    assertCompiledOnly(loaded);
    assert.ok(loaded.sources.has('dataprep/src/cli/main.ts'), 'the source maps name the TypeScript files');
    assert.deepEqual([...loaded.packages], []);
    assert.deepEqual(under(loaded, 'dataprep/src/transform/'), []);
    assert.deepEqual(readers(loaded), []);
    const errorClasses = ['dataprep/src/warehouse/warehouse.ts', 'dataprep/src/warehouse/sqlserver/config-error.ts'];
    assert.deepEqual(under(loaded, 'dataprep/src/warehouse/').filter((s) => !errorClasses.includes(s)), [], 'of the warehouses, only their error classes');
  });

  it('status and summary load the SQLite binding and the reads: neither the transform nor the readers, zod or csv-parse', async () => {
    for (const args of [['status', '--sqlite', db], ['summary', '--sqlite', db]]) {
      const loaded = await loadedBy(args);
      assert.equal(loaded.result.code, 0, loaded.result.stderr);
      assertCompiledOnly(loaded);
      assert.ok(loaded.sources.has('dataprep/src/warehouse/sqlite/database.ts'), args[0]);
      assert.deepEqual(['zod', 'csv-parse', ...OPTIONAL_PACKAGES].filter((p) => loaded.packages.has(p)), [], args[0]);
      assert.deepEqual(under(loaded, 'dataprep/src/transform/'), [], args[0]);
      assert.deepEqual(readers(loaded), [], args[0]);
    }
  });

  it('run on CSV files to SQLite loads the readers and the rules, but not the workbook reader\'s yauzl and saxes, mssql, node-cron or nodemailer', async () => {
    const loaded = await loadedBy(['run', '--source', EXAMPLE_EXTRACT, '--as-at', AS_AT, '--sqlite', join(tempDir('lazy-run'), 'ppoc.sqlite')]);
    assert.equal(loaded.result.code, 0, loaded.result.stderr);
    assertCompiledOnly(loaded);
    assert.ok(loaded.sources.has('dataprep/src/transform/index.ts'), 'the rules are loaded for a run');
    assert.ok(loaded.sources.has('dataprep/src/sources/readers/episodes.ts'), 'the readers are loaded for a run');
    assert.deepEqual(OPTIONAL_PACKAGES.filter((p) => loaded.packages.has(p)), []);
  });

  it('run with predictions.xlsx loads yauzl and saxes (the recorder sees lazily loaded packages), never exceljs', async () => {
    const loaded = await loadedBy(['run', '--source', join(BAD_INPUT, 'predictions-xlsx-valid'), '--as-at', AS_AT, '--sqlite', join(tempDir('lazy-xlsx'), 'ppoc.sqlite')]);
    assert.equal(loaded.result.code, 0, loaded.result.stderr);
    assert.ok(loaded.packages.has('yauzl') && loaded.packages.has('saxes'), [...loaded.packages].join(', '));
    assert.deepEqual(['exceljs', 'mssql'].filter((p) => loaded.packages.has(p)), []);
  });

  it('a run refused by the lock (exit 3) has loaded neither the readers nor the rules', async () => {
    const held = join(tempDir('lazy-lock'), 'ppoc.sqlite');
    const holder = createSqliteWarehouse(held);
    try {
      const loaded = await loadedBy(['run', '--source', EXAMPLE_EXTRACT, '--as-at', AS_AT, '--sqlite', held]);
      assert.equal(loaded.result.code, 3, loaded.result.stderr);
      assert.deepEqual(under(loaded, 'dataprep/src/transform/'), []);
      assert.deepEqual(readers(loaded), []);
      assert.deepEqual(['zod', 'csv-parse', ...OPTIONAL_PACKAGES].filter((p) => loaded.packages.has(p)), []);
    } finally {
      await holder.close();
    }
  });

  it('schedule --help loads node-cron (only the schedule command does)', async () => {
    const loaded = await loadedBy(['schedule', '--help']);
    assert.equal(loaded.result.code, 0, loaded.result.stderr);
    assert.ok(loaded.packages.has('node-cron'));
    assert.deepEqual(under(loaded, 'dataprep/src/transform/'), []);
  });
});
