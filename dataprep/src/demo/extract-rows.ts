import type { DemoChild } from './children';
import { ukDay } from './formats';
import type { Rng } from './random';

/** episodes.csv rows for one child, in the 903 column order. */
export function episodeRows(child: DemoChild): string[][] {
  return child.episodes.map((e) => [
    child.id, ukDay(e.decom), e.rne, e.ls, child.cin, e.place, e.provider,
    e.dec === null ? '' : ukDay(e.dec), e.rec, e.placeChange, e.homePost, e.plPost, e.urn,
  ]);
}

/** header.csv row: a fake UPN built from the ID, so it cannot be anyone's. */
export function headerRow(rng: Rng, child: DemoChild, asAt: number): string[] {
  let mother = '';
  let motherDob = '';
  if (child.sex === '2' && asAt - child.dob >= 14 * 365) {
    const isMother = rng.chance(0.01);
    mother = isMother ? '1' : '0';
    if (isMother) motherDob = ukDay(asAt - rng.int(10, 300));
  }
  return [child.id, child.sex, ukDay(child.dob), child.ethnic, `X830${child.id.padStart(9, '0')}`, mother, motherDob];
}
