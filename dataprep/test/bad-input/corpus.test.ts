/**
 * The bad-input corpus (fixtures/bad-input/): every case run through the `ppoc-prep run` code
 * in-process against yesterday's tables (the example extract's), checked against its
 * expected.json; the issue's acceptance cases also as real processes.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_INPUT } from '../../../fixtures/paths';
import { EXAMPLE_EXTRACT, query, REPO, runCli, snapshotCurated, tempDir, type CliResult } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { CANARY } from './corpus-cases';
import { readExpected, type Expected } from './expected';

const AS_AT = '2022-05-31';
const CASES = readdirSync(BAD_INPUT).filter((name) => statSync(join(BAD_INPUT, name)).isDirectory()).sort();
/** A stack frame: `    at fn (file.ts:12:5)`. */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/** Every value of every table in the SQLite file, as text to search. */
export function everythingIn(db: string): string {
  const tables = query<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
  return tables.map((t) => JSON.stringify(query(db, `SELECT * FROM "${t.name}"`))).join('\n');
}

interface Issue { severity: string; source_file: string | null; line: number | null; column_name: string | null; rule: string; message: string }

/** Checks a finished run of one case against its expected.json. */
export function checkOutcome(name: string, expected: Expected, result: CliResult, db: string, before: Record<string, unknown[]>): void {
  const output = `${result.stdout}\n${result.stderr}`;
  assert.equal(result.code, expected.exit, `${name}: exit code\n${output}`);
  assert.doesNotMatch(output, STACK_FRAME, `${name}: a stack trace was printed`);
  const [latest] = query<{ status: string; message: string }>(db, 'SELECT status, message FROM refresh_log ORDER BY started_at_utc DESC, rowid DESC LIMIT 1');
  if (expected.outcome === 'fails') {
    assert.equal(latest.status, 'failed', name);
    assert.ok(latest.message.includes(expected.message ?? ''), `${name}: "${latest.message}" lacks "${expected.message}"`);
    assert.ok(result.stdout.includes(expected.message ?? ''), `${name}: the printed reason lacks "${expected.message}"`);
    assert.deepEqual(snapshotCurated(db), before, `${name}: yesterday's tables changed`);
  } else {
    assert.equal(latest.status, 'succeeded', `${name}: ${latest.message}`);
  }
  if (expected.outcome === 'skipped' || expected.outcome === 'warning') {
    const severity = expected.outcome === 'skipped' ? 'error' : 'warning';
    const issues = query<Issue>(db, 'SELECT * FROM data_quality_issue WHERE rule = ? AND severity = ?', String(expected.rule), severity);
    const found = issues.find((i) => (expected.file === undefined || i.source_file === expected.file) && (expected.line === undefined || i.line === expected.line)
      && (expected.column === undefined || i.column_name === expected.column));
    assert.ok(found, `${name}: no ${severity} ${expected.rule} at ${expected.file} line ${expected.line}: ${JSON.stringify(issues)}`);
    if (expected.message) assert.ok(found.message.includes(expected.message), `${name}: "${found.message}" lacks "${expected.message}"`);
  }
  for (const [table, rows] of Object.entries(expected.rows ?? {})) {
    assert.equal(query(db, `SELECT * FROM "${table}"`).length, rows, `${name}: rows in ${table}`);
  }
  const everything = `${output}\n${everythingIn(db)}`;
  for (const text of expected.never ?? []) assert.ok(!everything.includes(text), `${name}: "${text}" appears in an output or table`);
}

describe('bad-input corpus', function () {
  this.timeout(120_000);
  let template: string;
  before(async () => {
    // Yesterday's tables: the example extract, published once and copied for every case.
    template = join(tempDir('corpus'), 'template.sqlite');
    const result = await runInProcess(['run', '--source', EXAMPLE_EXTRACT, '--as-at', AS_AT, '--sqlite', template]);
    assert.equal(result.code, 0, result.stderr);
  });

  /** A fresh copy of yesterday's tables and what they hold. */
  function yesterday(): { db: string; before: Record<string, unknown[]> } {
    const db = join(tempDir('corpus-case'), 'ppoc.sqlite');
    copyFileSync(template, db);
    return { db, before: snapshotCurated(db) };
  }

  it('the README states how many cases there are', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const stated = /\*\*(\d+)\*\* bad-input cases/.exec(readme);
    assert.ok(stated, 'README: "**N** bad-input cases"');
    assert.equal(Number(stated[1]), CASES.length);
  });

  it('covers the issue\'s list and every outcome', () => {
    const expectations = CASES.map((name) => readExpected(join(BAD_INPUT, name)));
    assert.ok(CASES.length >= 40, `${CASES.length} cases`);
    assert.deepEqual(new Set(expectations.map((e) => e.outcome)), new Set(['fails', 'skipped', 'warning', 'succeeds']));
  });

  it('runs every case in-process and meets its expected.json', async () => {
    for (const name of CASES) {
      const expected = readExpected(join(BAD_INPUT, name));
      const { db, before } = yesterday();
      const result = await runInProcess(['run', '--source', join(BAD_INPUT, name), '--as-at', AS_AT, '--sqlite', db, ...(expected.args ?? [])], expected.env);
      checkOutcome(name, expected, result, db, before);
    }
  });

  describe('the issue\'s acceptance cases as real `ppoc-prep run` processes', () => {
    const ACCEPTANCE = [
      'episodes-header-only', 'allocations-header-only', 'assessments-header-only', 'predictions-header-only',
      'predictions-90-percent-drop', 'predictions-90-percent-drop-allowed', 'allocations-one-row', 'assessments-one-row',
      'future-decom', // names-in-date-columns: below
    ];
    for (let i = 0; i < ACCEPTANCE.length; i += 2) {
      const pair = ACCEPTANCE.slice(i, i + 2);
      it(pair.join(', '), async () => {
        await Promise.all(pair.map(async (name) => {
          const expected = readExpected(join(BAD_INPUT, name));
          const { db, before } = yesterday();
          const args = ['run', '--source', join(BAD_INPUT, name), '--as-at', AS_AT, '--sqlite', db, ...(expected.args ?? [])];
          checkOutcome(name, expected, await runCli(args, expected.env), db, before);
        }));
      });
    }

    it('names swapped into date columns reach no output, log line or table: run, a failed run, explain, status', async () => {
      const { db } = yesterday();
      const debug = { PPOC_LOG_LEVEL: 'debug' };
      const outputs = [
        await runCli(['run', '--source', join(BAD_INPUT, 'names-in-date-columns'), '--as-at', AS_AT, '--sqlite', db], debug),
        await runCli(['run', '--source', join(BAD_INPUT, 'names-in-every-date'), '--as-at', AS_AT, '--sqlite', db], debug),
      ];
      assert.deepEqual(outputs.map((o) => o.code), [0, 1]);
      outputs.push(...await Promise.all([
        runCli(['status', '--sqlite', db]), runCli(['explain', '100002', '--sqlite', db]), runCli(['explain', '100004', '--sqlite', db]),
      ]));
      assert.match(outputs[3].stdout, /invalid_date \(predictions\.csv line 3, predicted_start_date\): predicted_start_date \[27 characters: letters, spaces and other characters\]/);
      const everything = `${outputs.map((o) => `${o.stdout}\n${o.stderr}`).join('\n')}\n${everythingIn(db)}`;
      for (const text of [CANARY, 'Zebedee', 'Quartermaine']) assert.ok(!everything.includes(text), text);
    });
  });
});
