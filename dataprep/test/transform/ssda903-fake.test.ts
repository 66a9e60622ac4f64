import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseCalendarDate, type IsoDate } from '../../../core/src/index';
import type { RefreshSet } from '../../src/model/refresh-set';
import type { EpisodeRecord } from '../../src/model/source-records';
import { buildRefreshSet } from '../../src/transform/index';
import { options, sourceData } from './builders';
import { SSDA903_FAKE } from '../../../fixtures/paths';

/** The externally written synthetic 903 episodes (retired codes, random values), read with a tiny local reader. */
const FILE = join(SSDA903_FAKE, 'episodes.csv');
const A = '2018-06-30';

function readEpisodes(): EpisodeRecord[] {
  const records: Record<string, string>[] = parse(readFileSync(FILE, 'utf8'), { columns: true, bom: true });
  return records.map((c, index) => ({
    sourceFile: 'episodes.csv',
    line: index + 2,
    child: c.CHILD,
    decom: parseCalendarDate(c.DECOM) as IsoDate,
    ls: c.LS,
    place: c.PLACE,
    placeProvider: c.PLACE_PROVIDER,
    dec: c.DEC ? parseCalendarDate(c.DEC) : null,
    rec: c.REC || null,
  }));
}

/** Counts taken straight from the rows, independently of the transform's periods. */
function openEpisodesByChild(episodes: readonly EpisodeRecord[]): Map<string, EpisodeRecord[]> {
  const open = new Map<string, EpisodeRecord[]>();
  for (const episode of episodes) {
    if (episode.dec != null || episode.decom > A) continue;
    open.set(episode.child, [...(open.get(episode.child) ?? []), episode]);
  }
  return open;
}

describe('transform: the synthetic SSDA903 episodes', () => {
  let episodes: EpisodeRecord[];
  let set: RefreshSet;
  before(() => {
    episodes = readEpisodes();
    set = buildRefreshSet(sourceData({ episodes }), options(A));
  });

  it('has one cohort row per child with an open episode, and its FCO count from the latest open episode', () => {
    const open = openEpisodesByChild(episodes);
    assert.equal(set.tables.cic_cohort.length, open.size);
    const fco = [...open.values()].filter((list) => {
      const latest = [...list].sort((a, b) => (a.decom < b.decom ? -1 : a.decom > b.decom ? 1 : a.line - b.line)).at(-1)!;
      return latest.ls === 'C2';
    }).length;
    assert.equal(set.tables.cic_cohort.filter((r) => r.full_care_order === 'Yes').length, fco);
    const multiple = [...open.values()].filter((list) => list.length > 1).length;
    assert.equal(set.issues.filter((i) => i.rule === 'multiple_open_episodes').length, multiple);
  });

  it('warns on every retired placement code and never drops the row', () => {
    const retired = episodes.filter((e) => ['H5', 'P2', 'Z1'].includes(e.place)).length;
    assert.ok(retired > 0);
    assert.equal(set.issues.filter((i) => i.rule === 'unknown_placement_code').length, retired);
    assert.ok(set.tables.cic_cohort.some((r) => r.placement_type === 'H5'));
    assert.equal(set.issues.filter((i) => i.severity === 'error').length, 0);
  });

  it('takes every care exit from an episode row that ended with a leaving-care reason', () => {
    const endings = new Set(episodes.filter((e) => e.dec != null && e.rec !== 'X1').map((e) => `${e.child}|${e.dec}|${e.rec}`));
    assert.ok(set.tables.care_exit.length > 0);
    assert.ok(set.tables.care_exit.length <= endings.size);
    for (const exit of set.tables.care_exit) {
      assert.ok(endings.has(`${exit.person_id}|${exit.ceased_date}|${exit.reason_code}`), exit.person_id);
    }
    const cohort = new Set(set.tables.cic_cohort.map((r) => r.person_id));
    assert.ok(set.tables.care_exit.some((r) => !cohort.has(r.person_id)));
  });
});
