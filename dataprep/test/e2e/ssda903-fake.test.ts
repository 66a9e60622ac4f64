import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCalendarDate } from '../../../core/src/index';
import { companionFilesFor } from '../../src/demo/index';
import { query, runCli, tempDir } from '../helpers/cli';
import { SSDA903_FAKE } from '../../../fixtures/paths';

const FAKE = SSDA903_FAKE;
const AS_AT = '2018-03-31';

interface Episode { CHILD: string; DECOM: string; LS: string; DEC: string }

/** Counts taken straight from the CSV, independently of the prep's code. */
function countsFromCsv() {
  const episodes = parse(readFileSync(join(FAKE, 'episodes.csv')), { columns: true, bom: true }) as Episode[];
  const current = new Map<string, Episode>();
  for (const e of episodes) {
    const start = parseCalendarDate(e.DECOM)!;
    const end = e.DEC ? parseCalendarDate(e.DEC) : null;
    if (start > AS_AT || (end !== null && end <= AS_AT)) continue; // not open at the as-at date
    const seen = current.get(e.CHILD);
    if (!seen || parseCalendarDate(seen.DECOM)! <= start) current.set(e.CHILD, e);
  }
  return { inCare: current.size, fco: [...current.values()].filter((e) => e.LS === 'C2').length };
}

describe('e2e: the synthetic SSDA903 files of an outside project (as at 2018-03-31)', function () {
  this.timeout(180_000);
  const dir = tempDir('ssda903');
  const db = join(dir, 'ppoc.sqlite');
  const extract = join(dir, 'extract');
  let run: Awaited<ReturnType<typeof runCli>>;

  before(async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(extract);
    copyFileSync(join(FAKE, 'episodes.csv'), join(extract, 'episodes.csv'));
    copyFileSync(join(FAKE, 'header.csv'), join(extract, 'header.csv'));
    const companions = companionFilesFor(readFileSync(join(FAKE, 'episodes.csv'), 'utf8'), { seed: 7, asAt: AS_AT as never });
    for (const [name, text] of companions) writeFileSync(join(extract, name), text);
    run = await runCli(['run', '--source', extract, '--as-at', AS_AT, '--sqlite', db]);
  });

  it('loads without a failed run', () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /episodes\.csv\s+5050\s+0/);
  });

  it('cic_cohort reconciles with counts taken directly from episodes.csv', () => {
    const expected = countsFromCsv();
    const [cohort] = query<{ n: number; fco: number }>(db,
      "SELECT count(*) n, sum(full_care_order = 'Yes') fco FROM cic_cohort");
    assert.equal(cohort.n, expected.inCare);
    assert.equal(cohort.fco, expected.fco);
    const [all] = query<{ children_in_care: number; fco_children: number }>(db,
      "SELECT * FROM locality_summary WHERE locality = 'All' AND team = 'All'");
    assert.equal(all.children_in_care, expected.inCare);
    assert.equal(all.fco_children, expected.fco);
  });

  it('reports the retired placement codes H5, P2 and Z1 as warnings, never as errors, and keeps the rows', () => {
    const warnings = query<{ rule: string; column_name: string; line: number }>(db,
      "SELECT * FROM data_quality_issue WHERE source_file = 'episodes.csv' AND rule = 'unknown_placement_code'");
    assert.ok(warnings.length > 0);
    assert.ok(warnings.every((w) => w.column_name === 'PLACE' && w.line > 1));
    const errors = query(db, "SELECT * FROM data_quality_issue WHERE source_file = 'episodes.csv' AND severity = 'error'");
    assert.equal(errors.length, 0);
    const shownBare = query<{ placement_type: string }>(db, "SELECT placement_type FROM cic_cohort WHERE placement_type IN ('H5', 'P2', 'Z1')");
    assert.ok(shownBare.length > 0, 'retired codes are shown as the bare code');
  });

  it('has care exits grouped by reason', () => {
    const groups = query<{ reason_group: string }>(db, 'SELECT DISTINCT reason_group FROM care_exit');
    assert.ok(groups.length >= 3, JSON.stringify(groups));
  });
});
