import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, addMonths, parseCalendarDate, type IsoDate } from '../../../core/src/index';
import { DEMO_FILES, generateDemoExtract, writeDemoExtract } from '../../src/demo/index';
import { AS_AT, day, extract, OPTIONS_400, rowsOf } from './helpers';
import { EXAMPLE_EXTRACT } from '../../../fixtures/paths';

/** The columns docs/source-contract.md lists, copied by hand so a slip in the generator shows. */
const CONTRACT: Record<string, string[]> = {
  'episodes.csv': ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
  'header.csv': ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  'allocations.csv': ['person_id', 'child_name', 'social_worker', 'team', 'locality'],
  'teams.csv': ['team', 'locality'],
  'assessments.csv': ['person_id', 'workflow_id', 'workflow_type', 'start_date', 'for_reunification'],
  'predictions.csv': ['person_id', 'assessment_type', 'predicted_start_date', 'submitted_at', 'submitted_by'],
  'exclusions.csv': ['person_id', 'reason', 'excluded_on'],
  'user_access.csv': ['user_principal_name', 'locality', 'team'],
  'targets.csv': ['locality', 'measure', 'period_start', 'period_end', 'target'],
};

const EXAMPLE = EXAMPLE_EXTRACT;

/** Columns holding a date (D) or a date-time (T); E: may be empty. */
const DATE_COLUMNS: Record<string, Record<string, 'D' | 'DE' | 'T'>> = {
  'episodes.csv': { DECOM: 'D', DEC: 'DE' },
  'header.csv': { DOB: 'D', MC_DOB: 'DE' },
  'assessments.csv': { start_date: 'DE' },
  'predictions.csv': { predicted_start_date: 'D', submitted_at: 'T' },
  'exclusions.csv': { excluded_on: 'DE' },
  'targets.csv': { period_start: 'D', period_end: 'D' },
};

describe('demo extract: files and format', () => {
  it('is deterministic: the same seed gives byte-identical files, another seed different ones', () => {
    const again = generateDemoExtract(OPTIONS_400);
    const first = extract(OPTIONS_400).text;
    assert.deepEqual([...again.keys()], [...first.keys()]);
    for (const [file, text] of first) assert.equal(again.get(file), text, file);
    const other = generateDemoExtract({ ...OPTIONS_400, seed: 2 });
    assert.notEqual(other.get('episodes.csv'), first.get('episodes.csv'));
    assert.notEqual(other.get('predictions.csv'), first.get('predictions.csv'));
  });

  it('writes every contract file, each header exactly the contract columns', () => {
    const parsed = extract(OPTIONS_400);
    assert.deepEqual([...parsed.header.keys()].sort(), Object.keys(CONTRACT).sort());
    assert.deepEqual([...DEMO_FILES].sort(), Object.keys(CONTRACT).sort());
    for (const [file, columns] of Object.entries(CONTRACT)) assert.deepEqual(parsed.header.get(file), columns, file);
  });

  it('uses the same headers as the example extract fixture', () => {
    const parsed = extract(OPTIONS_400);
    for (const file of readdirSync(EXAMPLE).filter((f) => f.endsWith('.csv'))) {
      const exampleHeader = readFileSync(join(EXAMPLE, file), 'utf8').split('\n')[0].trim().split(',');
      assert.deepEqual(parsed.header.get(file), exampleHeader, file);
    }
  });

  it('row counts scale with the number of children', () => {
    const small = extract({ ...OPTIONS_400, children: 200 });
    const large = extract({ ...OPTIONS_400, children: 800 });
    assert.equal(rowsOf(small, 'header.csv').length, 200);
    assert.equal(rowsOf(large, 'header.csv').length, 800);
    for (const file of ['episodes.csv', 'allocations.csv', 'assessments.csv', 'predictions.csv']) {
      const ratio = rowsOf(large, file).length / rowsOf(small, file).length;
      assert.ok(ratio > 3 && ratio < 5.5, `${file}: ${ratio}`);
    }
    assert.equal(rowsOf(large, 'teams.csv').length, rowsOf(small, 'teams.csv').length);
  });

  it('writes only real calendar dates (or empty cells) in every date column', () => {
    const parsed = extract(OPTIONS_400);
    for (const [file, columns] of Object.entries(DATE_COLUMNS)) {
      for (const row of rowsOf(parsed, file)) {
        for (const [column, kind] of Object.entries(columns)) {
          const cell = row[column];
          if (kind === 'DE' && cell === '') continue;
          if (file === 'predictions.csv' && cell.startsWith('31/02/')) continue; // the deliberate one
          const datePart = kind === 'T' ? cell.split(/[T ]/)[0] : cell;
          assert.notEqual(parseCalendarDate(datePart), null, `${file} ${column} "${cell}"`);
        }
      }
    }
  });

  it('writes date-times the contract accepts and submissions never after the as-at date', () => {
    const forms = new Set<string>();
    for (const row of rowsOf(extract(OPTIONS_400), 'predictions.csv')) {
      const cell = row.submitted_at;
      assert.match(cell, /^(\d{2}\/\d{2}\/\d{4}( \d{2}:\d{2})?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})$/);
      forms.add(cell.length === 10 ? 'date' : cell.includes('T') ? 'iso' : 'uk');
      assert.ok(day(cell.split(/[T ]/)[0]) <= AS_AT, cell);
    }
    assert.deepEqual([...forms].sort(), ['date', 'iso', 'uk']);
  });

  it('gives targets for All and every locality, for each measure, over the financial year containing as-at', () => {
    const targets = rowsOf(extract(OPTIONS_400), 'targets.csv');
    const localities = new Set(rowsOf(extract(OPTIONS_400), 'teams.csv').map((r) => r.locality));
    const measures = ['assessments_started', 'assessments_started_on_time', 'sgo_exits', 'reunification_exits', 'plans'];
    for (const measure of measures) {
      for (const locality of ['All', ...localities]) {
        const row = targets.find((t) => t.measure === measure && t.locality === locality);
        assert.ok(row, `${measure} ${locality}`);
        assert.equal(row.period_start, '2024-04-01');
        assert.equal(row.period_end, '2025-03-31');
        assert.ok(Number(row.target) >= 1);
      }
    }
    const january = extract({ ...OPTIONS_400, children: 50, asAt: '2025-01-15' as IsoDate });
    assert.equal(rowsOf(january, 'targets.csv')[0].period_start, '2024-04-01');
  });

  it('has Derbyshire-like localities with 1–2 CIC teams each, and placeholder user principal names', () => {
    const teams = rowsOf(extract(OPTIONS_400), 'teams.csv');
    const perLocality = new Map<string, number>();
    for (const t of teams) perLocality.set(t.locality, (perLocality.get(t.locality) ?? 0) + 1);
    assert.equal(perLocality.size, 7);
    for (const n of perLocality.values()) assert.ok(n >= 1 && n <= 2);
    assert.ok(teams.some((t) => t.team === 'CS HPND Children In Care Team' && t.locality === 'High Peak & North Dales'));
    const access = rowsOf(extract(OPTIONS_400), 'user_access.csv');
    for (const a of access) assert.match(a.user_principal_name, /^[a-z.]+@example\.org$/);
    assert.equal(access.filter((a) => a.locality === 'All').length, 1);
  });

  it('allocates with a locality on most rows, leaving a few to the teams.csv fallback', () => {
    const parsed = extract(OPTIONS_400);
    const teams = new Set(rowsOf(parsed, 'teams.csv').map((t) => t.team));
    const allocations = rowsOf(parsed, 'allocations.csv');
    const empty = allocations.filter((a) => a.locality === '');
    assert.ok(empty.length >= 1 && empty.length < allocations.length * 0.1, String(empty.length));
    for (const a of allocations) {
      assert.ok(teams.has(a.team), a.team);
      assert.equal(a.child_name, `Child ${a.person_id}`);
      assert.match(a.social_worker, /^SW \d{3}$/);
    }
  });

  it('writeDemoExtract writes the same bytes and reports the row counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ppoc-demo-'));
    try {
      const options = { ...OPTIONS_400, children: 120 };
      const summary = await writeDemoExtract(join(dir, 'nested', 'out'), options);
      const expected = generateDemoExtract(options);
      assert.equal(summary.children, 120);
      assert.deepEqual(summary.files.map((f) => f.file), [...expected.keys()]);
      for (const { file, rows } of summary.files) {
        const text = readFileSync(join(dir, 'nested', 'out', file), 'utf8');
        assert.equal(text, expected.get(file), file);
        assert.equal(text.split('\n').length - 2, rows, file); // header + trailing newline
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('handles zero children (headers only, no crash) and still produces valid files', () => {
    const files = generateDemoExtract({ children: 0, seed: 1, asAt: AS_AT });
    assert.equal(files.get('episodes.csv'), `${CONTRACT['episodes.csv'].join(',')}\n`);
    assert.equal(files.get('header.csv'), `${CONTRACT['header.csv'].join(',')}\n`);
  });

  it('never writes an invalid date at a month end or leap day as-at', () => {
    for (const asAt of ['2024-02-29', '2023-03-31', '2023-12-31'] as IsoDate[]) {
      const parsed = extract({ children: 150, seed: 3, asAt });
      for (const row of rowsOf(parsed, 'episodes.csv')) {
        assert.ok(day(row.DECOM) <= asAt);
        if (row.DEC !== '') assert.ok(day(row.DEC) <= asAt);
      }
      // In care: aged 0–17. Left at 18 (E17/E15) up to two years ago: at most 20.
      const inCare = new Set(rowsOf(parsed, 'episodes.csv').filter((r) => r.DEC === '').map((r) => r.CHILD));
      for (const row of rowsOf(parsed, 'header.csv')) {
        const oldest = addDays(addMonths(asAt, -12 * (inCare.has(row.CHILD) ? 18 : 20)), 1);
        assert.ok(day(row.DOB) >= oldest && day(row.DOB) <= asAt, `${row.CHILD} ${row.DOB}`);
      }
    }
  });
});
