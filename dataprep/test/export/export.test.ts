import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvRecord, excelSafe, looksLikeFormula } from '../../src/export/csv';
import { exportTables, ExportMovedError, type ExportSource } from '../../src/export/write-export';
import { EXPORT_TABLES, TABLES, type ExportTableName } from '../../src/model/tables';
import type { ExportRow, RefreshLogEntry } from '../../src/warehouse/warehouse';
import { tempDir } from '../helpers/cli';

const run = (runId: string) => ({ run_id: runId, as_at_date: '2022-05-31' }) as RefreshLogEntry;

/** A reader with given rows per table; `runs` answers latestSuccessfulRun in turn. */
function source(rows: Partial<Record<ExportTableName, ExportRow[]>>, runs: string[] = ['r1']): ExportSource & { calls: number } {
  let call = 0;
  return {
    calls: 0,
    async latestSuccessfulRun() {
      this.calls += 1;
      return run(runs[Math.min(call++, runs.length - 1)]);
    },
    async eachRow(table, onRow) {
      for (const row of rows[table] ?? []) onRow(row);
      return (rows[table] ?? []).length;
    },
  };
}

describe('export: CSV writing', () => {
  it('quotes only fields with a comma, quote, CR or LF, doubling quotes; null is empty; CRLF ends a record', () => {
    assert.equal(csvRecord(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', null, 66.7, 0, '']), 'plain,"a,b","say ""hi""","two\nlines","cr\r",,66.7,0,\r\n');
    assert.equal(csvRecord([' spaced ']), ' spaced \r\n');
  });

  it('round-trips awkward text through an RFC 4180 parser (csv-parse)', () => {
    const values = ['O\'Brien, "Jo"', 'line one\r\nline two', 'Zoë – ñ', '=1+1', '', 'x'];
    const text = csvRecord(['a', 'b', 'c', 'd', 'e', 'f']) + csvRecord(values);
    assert.deepEqual(parse(text), [['a', 'b', 'c', 'd', 'e', 'f'], values]);
  });

  it('spots text a spreadsheet may run as a formula, and --excel-safe prefixes it with an apostrophe', () => {
    assert.deepEqual(['=SUM(A1)', '+44', '-1', '@x', '\tx', ' =1', 'Smith', 'a=b', 'Smith-Jones', 'Team; North', 5, null].map(looksLikeFormula),
      [true, true, true, true, true, true, false, false, false, false, false, false]);
    assert.deepEqual(['=SUM(A1)', 'Smith', -3].map(excelSafe), ["'=SUM(A1)", 'Smith', -3]);
  });

  it('--excel-safe also neutralises a formula after any locale\'s separator or a line break: Smith;=HYPERLINK(…)', () => {
    const cases: [string, string][] = [
      ['Smith;=HYPERLINK("http://evil.test";"Click")', 'Smith;\'=HYPERLINK("http://evil.test";"Click")'],
      ['a,=1+1', "a,'=1+1"], ['a|@SUM(1)', "a|'@SUM(1)"], ['a\t-2', "a\t'-2"], ['note\n+1', "note\n'+1"],
      ['x; "=1+1"', 'x;\' "=1+1"'], ['=1;=2', "'=1;'=2"],
    ];
    for (const [value, safe] of cases) {
      assert.equal(looksLikeFormula(value), true, value);
      assert.equal(excelSafe(value), safe, value);
    }
  });

  it('property: no cell of an --excel-safe record, split at , ; | or a tab as a spreadsheet would, starts a formula', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '|', '\t', '\n', '\r', '"', "'", '=', '+', '-', '@', '1'), maxLength: 14 });
    const seed = process.env.PPOC_FC_SEED ? Number(process.env.PPOC_FC_SEED) : Date.now() % 2 ** 31;
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (values) => {
      const record = csvRecord(['x', ...values.map(excelSafe), 'y']);
      for (const separator of [',', ';', '|', '\t']) {
        for (const cell of spreadsheetCells(record, separator)) {
          assert.doesNotMatch(cell, /^\s*[=+\-@]/, `${JSON.stringify(values)} split at ${JSON.stringify(separator)}: cell ${JSON.stringify(cell)}`);
        }
      }
    }), { numRuns: 500, seed });
  });
});

/**
 * Cells as a spreadsheet opening a CSV file reads them when it splits at `separator`: a cell that
 * starts with a quote runs to the closing quote (`""` is one quote) and takes what follows up to
 * the next separator literally; any other cell runs to the separator or line break, quotes and all.
 */
function spreadsheetCells(text: string, separator: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] !== '"') cell += text[i];
        else if (text[i + 1] === '"') cell += text[i++];
        else break;
      }
      i++;
    }
    for (; i < text.length && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r'; i++) cell += text[i];
    cells.push(cell);
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
  }
  return cells;
}

describe('export: files', () => {
  const child = { person_id: '1', child_name: '=HYPERLINK("x")', assessment_type: 'SGO', predicted_start_date: '2022-05-04', days_late: 8 };

  it('writes one file per table, header = catalog columns, owner-only whatever the umask, no temporary files left', async () => {
    const dir = join(tempDir('export-unit'), 'out');
    const umask = process.umask(0o000);
    try {
      const result = await exportTables(source({ planned_assessment: [child] }), dir, { excelSafe: false });
      assert.deepEqual(result.files.map((f) => f.file), EXPORT_TABLES.map((t) => `${t}.csv`));
      assert.deepEqual(readdirSync(dir).sort(), EXPORT_TABLES.map((t) => `${t}.csv`).sort());
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      for (const f of result.files) assert.equal(statSync(join(dir, f.file)).mode & 0o777, 0o600, f.file);
    } finally {
      process.umask(umask);
    }
    const [header, row] = parse(readFileSync(join(dir, 'planned_assessment.csv'))) as string[][];
    assert.deepEqual(header, TABLES.planned_assessment.columns.map((c) => c.name));
    assert.equal(row[header.indexOf('child_name')], '=HYPERLINK("x")', 'values are never altered by default');
    assert.equal(row[header.indexOf('social_worker')], '', 'a missing value is an empty field');
  });

  it('counts formula-like cells, and alters them only with --excel-safe', async () => {
    const dir = tempDir('export-safe');
    const plain = await exportTables(source({ planned_assessment: [child] }), dir, { excelSafe: false });
    assert.equal(plain.files.find((f) => f.table === 'planned_assessment')?.formulaLike, 1);
    await exportTables(source({ planned_assessment: [child] }), dir, { excelSafe: true });
    assert.match(readFileSync(join(dir, 'planned_assessment.csv'), 'utf8'), /,"'=HYPERLINK\(""x""\)",/);
  });

  it('replaces an existing file or link at the final name instead of writing through it', async () => {
    const dir = tempDir('export-link');
    const elsewhere = join(tempDir('export-elsewhere'), 'precious.txt');
    writeFileSync(elsewhere, 'keep me');
    symlinkSync(elsewhere, join(dir, 'locality_team.csv'));
    await exportTables(source({}), dir, { excelSafe: false });
    assert.equal(readFileSync(elsewhere, 'utf8'), 'keep me');
    assert.ok(!lstatSync(join(dir, 'locality_team.csv')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'locality_team.csv'), 'utf8'), 'locality,team,sort_order\r\n');
  });

  it('a folder at a table\'s name: the real reason in one line, no file replaced, no temporary file left', async () => {
    const dir = tempDir('export-folder');
    await exportTables(source({ planned_assessment: [child] }), dir, { excelSafe: false });
    const before = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    rmSync(join(dir, 'locality_team.csv'));
    mkdirSync(join(dir, 'locality_team.csv'));
    delete before['locality_team.csv'];
    await assert.rejects(exportTables(source({}), dir, { excelSafe: false }), (error: Error) => {
      assert.equal(error.name, 'ExportFileError');
      assert.equal(error.message, `cannot write locality_team.csv in ${dir}: a folder has that name (EISDIR); no file of the folder was replaced`);
      return true;
    });
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
    for (const [file, text] of Object.entries(before)) assert.equal(readFileSync(join(dir, file), 'utf8'), text, `${file} untouched`);
  });

  it('removes the temporary files of a killed export, and only those', async () => {
    const dir = tempDir('export-leftovers');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number; // a process that has ended
    const abandoned = ['planned_assessment.csv.1a2b3c4d.tmp', `cic_cohort.csv.${dead}.0f0f0f0f.tmp`];
    const kept = [
      `care_exit.csv.${process.pid}.1a2b3c4d.tmp`, // an export still running (this process)
      'notes.tmp', 'planned_assessment.csv.tmp', 'other.csv.1a2b3c4d.tmp', 'planned_assessment.csv.1A2B3C4D.tmp', 'cic_cohort.csv.x.1a2b3c4d.tmp',
    ];
    for (const name of [...abandoned, ...kept]) writeFileSync(join(dir, name), 'x');
    symlinkSync(join(dir, 'notes.tmp'), join(dir, 'locality_team.csv.2b3c4d5e.tmp')); // matches, but a link: not the job's file
    await exportTables(source({}), dir, { excelSafe: false });
    const left = readdirSync(dir).filter((f) => !f.endsWith('.csv')).sort();
    assert.deepEqual(left, [...kept, 'locality_team.csv.2b3c4d5e.tmp'].sort());
  });

  it('writes again when a refresh finished during the export, and gives up after three tries', async () => {
    const moved = source({}, ['r1', 'r2', 'r2', 'r2']);
    const result = await exportTables(moved, tempDir('export-moved'), { excelSafe: false });
    assert.equal(result.runId, 'r2');
    assert.equal(moved.calls, 4);
    const restless = source({}, ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    await assert.rejects(exportTables(restless, tempDir('export-restless'), { excelSafe: false }), ExportMovedError);
  });
});
