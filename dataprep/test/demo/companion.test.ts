import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseCalendarDate, type IsoDate } from '../../../core/src/index';
import { companionFilesFor } from '../../src/demo/index';
import { parseFiles, rowsOf, type ParsedExtract } from './helpers';
import { SSDA903_FAKE } from '../../../fixtures/paths';

const FAKE_EPISODES = join(SSDA903_FAKE, 'episodes.csv');
const AS_AT = '2018-03-31' as IsoDate;

describe('demo companionFilesFor (fake SSDA903 episodes)', () => {
  const text = readFileSync(FAKE_EPISODES, 'utf8');
  const episodes = parse(text, { columns: true }) as Record<string, string>[];
  let parsed: ParsedExtract;
  before(() => {
    parsed = parseFiles(companionFilesFor(text, { seed: 7, asAt: AS_AT }));
  });

  it('writes teams, allocations, assessments and predictions with contract headers', () => {
    assert.deepEqual([...parsed.header.keys()], ['teams.csv', 'allocations.csv', 'assessments.csv', 'predictions.csv']);
    assert.deepEqual(parsed.header.get('allocations.csv'), ['person_id', 'child_name', 'social_worker', 'team', 'locality']);
    assert.deepEqual(parsed.header.get('predictions.csv'), ['person_id', 'assessment_type', 'predicted_start_date', 'submitted_at', 'submitted_by']);
  });

  it('allocates every child with an open episode as at 2018-03-31, and only children of the file', () => {
    const asAt = (cell: string): IsoDate | null => parseCalendarDate(cell);
    const open = new Set(episodes
      .filter((e) => (asAt(e.DECOM) as IsoDate) <= AS_AT && (e.DEC === '' || (asAt(e.DEC) as IsoDate) > AS_AT))
      .map((e) => e.CHILD));
    assert.ok(open.size > 1000, String(open.size));
    const allocated = new Set(rowsOf(parsed, 'allocations.csv').map((a) => a.person_id));
    for (const child of open) assert.ok(allocated.has(child), child);
    const known = new Set(episodes.map((e) => e.CHILD));
    for (const child of allocated) assert.ok(known.has(child), child);
    assert.equal(allocated.size, rowsOf(parsed, 'allocations.csv').length, 'one allocation per child');
  });

  it('gives plans to roughly 30% of the allocated children, with workflow IDs unique', () => {
    const allocated = rowsOf(parsed, 'allocations.csv').length;
    const planned = new Set(rowsOf(parsed, 'predictions.csv').map((p) => p.person_id)).size;
    const share = planned / allocated;
    assert.ok(share > 0.2 && share < 0.4, String(share));
    const ids = rowsOf(parsed, 'assessments.csv').map((a) => a.workflow_id);
    assert.equal(new Set(ids).size, ids.length);
    for (const p of rowsOf(parsed, 'predictions.csv')) {
      assert.notEqual(parseCalendarDate(p.predicted_start_date), null);
      assert.ok((parseCalendarDate(p.submitted_at.split(/[T ]/)[0]) as IsoDate) <= AS_AT);
    }
  });

  it('is deterministic for a seed', () => {
    const again = companionFilesFor(text, { seed: 7, asAt: AS_AT });
    for (const [file, csv] of parsed.text) assert.equal(again.get(file), csv, file);
    assert.notEqual(companionFilesFor(text, { seed: 8, asAt: AS_AT }).get('predictions.csv'), parsed.text.get('predictions.csv'));
  });
});
