import { weights, type Weighted } from './random';

/**
 * SSDA903 code mixes, roughly as national children-looked-after statistics for England
 * show them (legal status mostly C2; placements mostly foster care; PR1/PR4 providers).
 */

/** Legal status of a child's current episode. */
export const CURRENT_LS = weights([
  ['C2', 60], ['C1', 14], ['V2', 15], ['E1', 8], ['D1', 0.3],
  ['J1', 0.6], ['J2', 0.3], ['J3', 0.3], ['L1', 0.2], ['L2', 0.3],
] as const);

/** Legal status of an earlier episode in the same period (care usually begins under s20 or an ICO). */
export const EARLIER_LS = weights([['V2', 35], ['C1', 40], ['C2', 14], ['L2', 8], ['L1', 3]] as const);

/** Placement for a child not placed for adoption. */
export const PLACEMENT = weights([
  ['U6', 30], ['U4', 20], ['U3', 10], ['U1', 6], ['U5', 1.5], ['U2', 0.5],
  ['K2', 10], ['P1', 7], ['R1', 2], ['S1', 1], ['R3', 0.7], ['R2', 0.4],
  ['K1', 0.3], ['R5', 0.2], ['P3', 0.2], ['T4', 0.2],
] as const);

/** Placement under a placement order (E1). */
export const ADOPTION_PLACEMENT = weights([
  ['A6', 40], ['A5', 15], ['A4', 10], ['A3', 5], ['U4', 15], ['U6', 15],
] as const);

const PROVIDERS: Record<string, Weighted<string>> = {
  relative: weights([['PR1', 95], ['PR2', 5]] as const),
  foster: weights([['PR1', 58], ['PR4', 35], ['PR5', 5], ['PR2', 2]] as const),
  home: weights([['PR4', 78], ['PR1', 12], ['PR5', 6], ['PR2', 4]] as const),
  secure: weights([['PR1', 50], ['PR2', 50]] as const),
  residential: weights([['PR4', 60], ['PR3', 20], ['PR5', 20]] as const),
  health: weights([['PR3', 1]] as const),
  school: weights([['PR4', 60], ['PR5', 25], ['PR3', 15]] as const),
  adoption: weights([['PR1', 60], ['PR5', 25], ['PR2', 15]] as const),
  other: weights([['PR4', 1]] as const),
};

export function providerTable(place: string): Weighted<string> | 'PR0' {
  if (place === 'P1') return 'PR0';
  if (place === 'U1' || place === 'U2' || place === 'U3') return PROVIDERS.relative;
  if (place.startsWith('U')) return PROVIDERS.foster;
  if (place === 'K2') return PROVIDERS.home;
  if (place === 'K1') return PROVIDERS.secure;
  if (place === 'R1' || place === 'R3') return PROVIDERS.residential;
  if (place === 'R2' || place === 'R5') return PROVIDERS.health;
  if (place === 'S1') return PROVIDERS.school;
  if (place.startsWith('A')) return PROVIDERS.adoption;
  return PROVIDERS.other;
}

/** Reason a period of care ended, for children who left. */
export const EXIT_REASON = weights([
  ['E4A', 22], ['E4B', 4], ['E45', 5], ['E46', 2], ['E47', 4], ['E48', 3],
  ['E11', 10], ['E12', 1], ['E41', 5], ['E13', 8], ['E17', 12], ['E15', 1],
  ['E8', 12], ['E3', 3], ['E14', 3], ['E9', 2], ['E16', 1],
] as const);

/** Reason an earlier period ended for a child who later came back into care. */
export const REENTRY_EXIT_REASON = weights([['E4A', 60], ['E4B', 10], ['E13', 15], ['E41', 5], ['E8', 10]] as const);

export const CIN = weights([
  ['N1', 65], ['N2', 3], ['N3', 4], ['N4', 14], ['N5', 5], ['N6', 2], ['N7', 1], ['N8', 6],
] as const);

export const ETHNIC = weights([
  ['WBRI', 78], ['WIRI', 0.5], ['WIRT', 0.3], ['WOTH', 3], ['WROM', 0.5], ['MWBC', 4], ['MWBA', 1],
  ['MWAS', 2], ['MOTH', 3], ['AIND', 0.7], ['APKN', 1], ['ABAN', 0.2], ['AOTH', 0.6], ['BCRB', 0.5],
  ['BAFR', 1], ['BOTH', 0.5], ['CHNE', 0.1], ['OOTH', 1.5], ['REFU', 0.5], ['NOBT', 0.6],
] as const);

/** Age in whole years at the as-at date. */
export const AGE = weights([
  [0, 5], [1, 3.5], [2, 3.5], [3, 3.5], [4, 3.5], [5, 3.4], [6, 3.4], [7, 3.4], [8, 3.4], [9, 3.4],
  [10, 6.3], [11, 6.3], [12, 6.3], [13, 6.3], [14, 6.4], [15, 6.4], [16, 13], [17, 13],
] as const);

export const PLACE_CHANGE_REASON = weights([
  ['CARPL', 40], ['CREQB', 10], ['CREQO', 10], ['LAREQ', 10], ['CHILD', 5], ['CLOSE', 5],
  ['STAND', 3], ['ALLEG', 2], ['APPRR', 2], ['PLACE', 5], ['CUSTOD', 1], ['OTHER', 7],
] as const);

/** Derbyshire-area outward postcodes; inward parts are random, so no real address is meant. */
export const OUTWARD_POSTCODES = [
  'DE4', 'DE5', 'DE7', 'DE11', 'DE12', 'DE21', 'DE22', 'DE23', 'DE24', 'DE45', 'DE55', 'DE56',
  'DE65', 'DE72', 'DE73', 'DE75', 'S18', 'S40', 'S41', 'S42', 'S43', 'S44', 'S45', 'SK13',
  'SK17', 'SK22', 'SK23',
] as const;

export const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
