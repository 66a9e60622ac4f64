import assert from 'node:assert/strict';
import { addMonths, LEGAL_STATUS, PLACEMENT_PROVIDER, PLACEMENT_TYPE, type IsoDate } from '../../../core/src/index';
import { DELIBERATE } from '../../src/demo/index';
import { AS_AT, day, extract, OPTIONS_2000, OPTIONS_400, rowsOf, type ParsedExtract, type Row } from './helpers';

function byChild(rows: Row[]): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const r of rows) map.set(r.CHILD, [...(map.get(r.CHILD) ?? []), r]);
  return map;
}

/** The child's last episode when it ended (DEC ≤ as-at, REC not X1): a care exit. */
function exits(parsed: ParsedExtract): { child: string; dec: IsoDate; rec: string }[] {
  const out: { child: string; dec: IsoDate; rec: string }[] = [];
  for (const [child, episodes] of byChild(rowsOf(parsed, 'episodes.csv'))) {
    const last = episodes[episodes.length - 1];
    if (last.DEC !== '' && last.REC !== 'X1') out.push({ child, dec: day(last.DEC), rec: last.REC });
  }
  return out;
}

describe('demo extract: content', () => {
  it('gives every child 1–4 contiguous episodes, X1 between episodes of a period, none before birth', () => {
    const parsed = extract(OPTIONS_2000);
    const dob = new Map(rowsOf(parsed, 'header.csv').map((r) => [r.CHILD, day(r.DOB)]));
    let reentries = 0;
    for (const [child, episodes] of byChild(rowsOf(parsed, 'episodes.csv'))) {
      assert.ok(episodes.length >= 1 && episodes.length <= 4, child);
      assert.ok(day(episodes[0].DECOM) >= (dob.get(child) as IsoDate), child);
      for (let i = 0; i + 1 < episodes.length; i++) {
        const [e, next] = [episodes[i], episodes[i + 1]];
        if (e.DEC === '') continue; // the deliberate child with two open episodes
        if (e.REC === 'X1') {
          assert.equal(e.DEC, next.DECOM, `${child} episode ${i + 1}`);
          assert.notEqual(next.RNE, 'S');
        } else {
          reentries++;
          assert.ok(day(next.DECOM) > day(e.DEC), `${child} re-entered after leaving`);
          assert.equal(next.RNE, 'S');
        }
      }
    }
    assert.ok(reentries > 20, `some children re-entered care (${reentries})`);
  });

  it('has children who left care in the last 3 months and in the last 12, by SGO, reunification, adoption and others', () => {
    const all = exits(extract(OPTIONS_2000));
    const last3 = all.filter((e) => e.dec >= addMonths(AS_AT, -3));
    const last12 = all.filter((e) => e.dec >= addMonths(AS_AT, -12) && e.dec < addMonths(AS_AT, -3));
    assert.ok(last3.length > 40, String(last3.length));
    assert.ok(last12.length > 100, String(last12.length));
    const recs = new Set(all.map((e) => e.rec));
    for (const rec of ['E45', 'E46', 'E47', 'E48', 'E4A', 'E4B', 'E11', 'E12', 'E41', 'E13', 'E15', 'E17']) {
      assert.ok(recs.has(rec), rec);
    }
  });

  it('uses realistic code proportions among open episodes (2,000 children)', () => {
    const open = rowsOf(extract(OPTIONS_2000), 'episodes.csv').filter((e) => e.DEC === '');
    const share = (test: (e: Row) => boolean): number => open.filter(test).length / open.length;
    const c2 = share((e) => e.LS === 'C2');
    assert.ok(c2 > 0.45 && c2 < 0.75, `C2 ${c2}`);
    assert.ok(share((e) => e.LS === 'C1') > share((e) => e.LS.startsWith('J')));
    const fostering = share((e) => ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'].includes(e.PLACE));
    assert.ok(fostering > 0.55 && fostering < 0.85, `fostering ${fostering}`);
    const p1 = share((e) => e.PLACE === 'P1');
    assert.ok(p1 > 0.04 && p1 < 0.11, `P1 ${p1}`);
    assert.ok(share((e) => e.PLACE_PROVIDER === 'PR1' || e.PLACE_PROVIDER === 'PR4') > 0.7);
    for (const e of open.filter((x) => x.PLACE === 'P1')) assert.equal(e.PLACE_PROVIDER, 'PR0');
    assert.ok(share((e) => e.LS.startsWith('J')) < 0.03);
  });

  it('gives about 30% of children in care a plan, with 1–4 submissions and SGO and Reunification types', () => {
    const parsed = extract(OPTIONS_2000);
    const inCare = new Set(rowsOf(parsed, 'episodes.csv').filter((e) => e.DEC === '').map((e) => e.CHILD));
    const predictions = rowsOf(parsed, 'predictions.csv').filter((p) => !p.predicted_start_date.startsWith('31/02/'));
    const perPlan = new Map<string, number>();
    for (const p of predictions) perPlan.set(`${p.person_id}|${p.assessment_type}`, (perPlan.get(`${p.person_id}|${p.assessment_type}`) ?? 0) + 1);
    const withPlan = new Set(predictions.filter((p) => inCare.has(p.person_id)).map((p) => p.person_id));
    const share = withPlan.size / inCare.size;
    assert.ok(share > 0.22 && share < 0.4, `plans ${share}`);
    const counts = new Set(perPlan.values());
    for (const n of [1, 2, 3, 4]) assert.ok(counts.has(n), `plans with ${n} submissions`);
    assert.ok(Math.max(...counts) <= 5); // 4, plus the deliberate bad row on one plan
    assert.deepEqual(new Set(predictions.map((p) => p.assessment_type)), new Set(['SGO', 'Reunification']));
    for (const p of predictions) assert.match(p.submitted_by, /^TC [A-Z]+$/);
    const current = predictions.filter((p) => inCare.has(p.person_id)).map((p) => day(p.predicted_start_date));
    assert.ok(current.some((d) => d < addMonths(AS_AT, -4)) && current.some((d) => d > addMonths(AS_AT, 4)));
  });

  it('has SGO and reunification workflows started, late, missing and before the lookback, with mixed flag spellings', () => {
    const assessments = rowsOf(extract(OPTIONS_2000), 'assessments.csv');
    const sgo = assessments.filter((a) => a.workflow_type === 'SGO');
    assert.ok(sgo.some((a) => a.start_date === '') && sgo.some((a) => a.start_date !== ''));
    const single = assessments.filter((a) => a.workflow_type === 'SINGLE');
    const flags = new Set(single.map((a) => a.for_reunification));
    for (const f of ['Y', 'Yes', 'true', 'N', '']) assert.ok(flags.has(f), `flag "${f}"`);
    const yes = single.filter((a) => ['Y', 'Yes', 'true', '1'].includes(a.for_reunification));
    assert.ok(single.length > 3 * yes.length, 'most single assessments are not for reunification');
    const old = assessments.filter((a) => a.start_date !== '' && day(a.start_date) < addMonths(AS_AT, -18));
    assert.ok(old.length > 0, 'some old starts (earlier attempts)');
  });

  it('has unique workflow IDs except the one deliberate duplicate', () => {
    for (const options of [OPTIONS_400, OPTIONS_2000]) {
      const seen = new Map<string, number>();
      for (const a of rowsOf(extract(options), 'assessments.csv')) seen.set(a.workflow_id, (seen.get(a.workflow_id) ?? 0) + 1);
      const duplicated = [...seen.values()].filter((n) => n > 1);
      assert.deepEqual(duplicated, [2]);
    }
  });

  it('holds each deliberate data-quality problem, and only a few rows of each file are bad', () => {
    for (const options of [OPTIONS_400, OPTIONS_2000]) {
      const parsed = extract(options);
      const episodes = rowsOf(parsed, 'episodes.csv');
      const assessments = rowsOf(parsed, 'assessments.csv');
      const predictions = rowsOf(parsed, 'predictions.csv');
      const badDate = predictions.filter((p) => p.predicted_start_date === DELIBERATE.invalidPredictedDate(2024));
      assert.equal(badDate.length, 1);
      assert.equal(assessments.filter((a) => a.workflow_type === DELIBERATE.unknownAssessmentType).length, 1);
      assert.equal(assessments.filter((a) => a.person_id === '').length, 1);
      assert.equal(assessments.filter((a) => a.start_date !== '' && day(a.start_date) > AS_AT).length, 1);
      assert.equal(episodes.filter((e) => e.PLACE === DELIBERATE.retiredPlacement).length, 1);
      assert.equal(episodes.filter((e) => e.PLACE_PROVIDER === DELIBERATE.unknownProvider).length, 1);
      const unknownCodes = episodes.filter((e) => !(e.PLACE in PLACEMENT_TYPE) || !(e.PLACE_PROVIDER in PLACEMENT_PROVIDER) || !(e.LS in LEGAL_STATUS));
      assert.equal(unknownCodes.length, 2, 'no unknown codes besides the deliberate two');
      const openPerChild = new Map<string, number>();
      for (const e of episodes.filter((x) => x.DEC === '')) openPerChild.set(e.CHILD, (openPerChild.get(e.CHILD) ?? 0) + 1);
      assert.deepEqual([...openPerChild.values()].filter((n) => n > 1), [2]);
      assert.ok(4 / assessments.length < 0.01 && 1 / predictions.length < 0.01 && 3 / episodes.length < 0.01);
    }
  });

  it('holds a prediction for a child not in care (left more than a year before as-at)', () => {
    const parsed = extract(OPTIONS_400);
    const gone = new Set(exits(parsed).filter((e) => e.dec < addMonths(AS_AT, -12)).map((e) => e.child));
    const inCare = new Set(rowsOf(parsed, 'episodes.csv').filter((e) => e.DEC === '').map((e) => e.CHILD));
    const strays = rowsOf(parsed, 'predictions.csv').filter((p) => gone.has(p.person_id) && !inCare.has(p.person_id));
    assert.equal(strays.length, 1);
  });

  it('lists a handful of exclusions for children with plans, one dated after the as-at date', () => {
    const parsed = extract(OPTIONS_400);
    const exclusions = rowsOf(parsed, 'exclusions.csv');
    const planned = new Set(rowsOf(parsed, 'predictions.csv').map((p) => p.person_id));
    assert.ok(exclusions.length >= 2 && exclusions.length <= 6, String(exclusions.length));
    for (const x of exclusions) assert.ok(planned.has(x.person_id));
    assert.equal(exclusions.filter((x) => day(x.excluded_on) > AS_AT).length, 1);
  });
});
