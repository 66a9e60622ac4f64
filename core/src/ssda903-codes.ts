/**
 * SSDA903 code lists the PPOC rules use. Descriptions of placement types follow the short
 * forms of the original report ("U6: Foster placement - not FFA"). Codes not listed here
 * (retired ones such as H5, P2, Z1; newer ones such as K3, Z11–Z14) are "unknown": shown as
 * the bare code and reported as a data-quality warning, never dropped.
 */

export const FULL_CARE_ORDER_LS = 'C2';

export const LEGAL_STATUS: Readonly<Record<string, string>> = {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  J1: 'Remanded to local authority accommodation or youth detention accommodation',
  J2: 'Placed in local authority accommodation under PACE',
  J3: 'Sentenced to a child arrangements or youth rehabilitation order with residence requirement',
  L1: 'Under police protection and in local authority accommodation',
  L2: 'Emergency protection order',
  L3: 'Under child assessment order and in local authority accommodation',
  V2: 'Single period of accommodation under section 20',
  V3: 'Accommodated under an agreed series of short-term breaks (individual episodes recorded)',
  V4: 'Accommodated under an agreed series of short-term breaks (agreements recorded)',
};

export const PLACEMENT_TYPE: Readonly<Record<string, string>> = {
  A3: 'Placed for adoption - consent - with current foster carer',
  A4: 'Placed for adoption - consent - not with current foster carer',
  A5: 'Placed for adoption - placement order - with current foster carer',
  A6: 'Placed for adoption - placement order - not with current foster carer',
  K1: 'Secure childrens home',
  K2: 'Childrens Home',
  P1: 'Placed with parents',
  P3: 'Residential employment',
  R1: 'Residential care home',
  R2: 'NHS/Health Trust or other medical or nursing care',
  R3: 'Family centre or mother and baby unit',
  R5: 'Young offender institution or prison',
  S1: 'Residential school',
  T0: 'Temporary move',
  T1: 'Temporary - hospital',
  T2: 'Temporary - holiday',
  T3: 'Temporary - foster carer on holiday',
  T4: 'Temporary - seven days or less',
  U1: 'Foster placement - relative - long term',
  U2: 'Foster placement - relative - FFA',
  U3: 'Foster placement - relative - not FFA',
  U4: 'Foster placement - long term',
  U5: 'Foster placement - FFA',
  U6: 'Foster placement - not FFA',
};

export const PLACEMENT_PROVIDER: Readonly<Record<string, string>> = {
  PR0: 'Parents/Parental responsibility',
  PR1: 'Own provision',
  PR2: 'Other LA provision',
  PR3: 'Other public provision',
  PR4: 'Private provision',
  PR5: 'Voluntary/third sector provision',
};

export type ReasonGroup = 'SGO' | 'Reunification' | 'Adoption' | 'Child arrangements order' | 'Other';

/** Reason episode ceased (REC) → care_exit.reason_group; any other code is `Other`. */
export const REASON_GROUPS: Readonly<Record<string, ReasonGroup>> = {
  E43: 'SGO',
  E44: 'SGO',
  E45: 'SGO',
  E46: 'SGO',
  E47: 'SGO',
  E48: 'SGO',
  E4A: 'Reunification',
  E4B: 'Reunification',
  E11: 'Adoption',
  E12: 'Adoption',
  E41: 'Child arrangements order',
};

/** `X1`: the episode ceased but the period of care goes on (a change of placement or status). */
export const NOT_LEAVING_CARE_REC = 'X1';

export function reasonGroup(rec: string | null | undefined): ReasonGroup {
  return (rec && REASON_GROUPS[normaliseCode(rec)]) || 'Other';
}

export type PpocGroup = 'Placed with parents' | 'Connected carers' | 'Other';

/** cic_cohort.ppoc_group: the FCO candidates for reunification (P1) and SGO (U1–U3). */
export function ppocGroup(place: string | null | undefined): PpocGroup {
  const code = normaliseCode(place ?? '');
  if (code === 'P1') return 'Placed with parents';
  if (code === 'U1' || code === 'U2' || code === 'U3') return 'Connected carers';
  return 'Other';
}

export interface CodeLabel {
  /** What the report shows. */
  label: string | null;
  /** False for a non-empty code not in the list: the caller reports a warning. */
  known: boolean;
}

/** `CODE: description` for a known placement type; the bare code for an unknown one. */
export function placementTypeLabel(code: string | null | undefined): CodeLabel {
  return lookup(code, PLACEMENT_TYPE, (c, d) => `${c}: ${d}`);
}

/** The provider's description for a known code; the bare code for an unknown one. */
export function placementProviderLabel(code: string | null | undefined): CodeLabel {
  return lookup(code, PLACEMENT_PROVIDER, (_c, d) => d);
}

export function legalStatusLabel(code: string | null | undefined): CodeLabel {
  return lookup(code, LEGAL_STATUS, (_c, d) => d);
}

export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

function lookup(
  code: string | null | undefined,
  list: Readonly<Record<string, string>>,
  format: (code: string, description: string) => string,
): CodeLabel {
  if (code == null || code.trim() === '') return { label: null, known: true };
  const key = normaliseCode(code);
  const description = list[key];
  return description ? { label: format(key, description), known: true } : { label: code.trim(), known: false };
}
