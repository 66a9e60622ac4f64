import {
  FULL_CARE_ORDER_LS,
  legalStatusLabel,
  normaliseCode,
  placementProviderLabel,
  placementTypeLabel,
  yesNo,
  type CodeLabel,
  type YesNo,
} from '../../../core/src/index';
import type { DataQualityRule } from '../model/data-quality-rules';
import type { EpisodeRecord } from '../model/source-records';
import { describeValue } from '../model/value-shape';
import { IssueLog } from './issues';

/** What the report shows about an episode: code labels and the FCO flag. */
export interface EpisodeView {
  legalStatus: string | null;
  legalStatusDescription: string | null;
  fullCareOrder: YesNo;
  placementType: string | null;
  placementProvider: string | null;
}

function codeOrNull(code: string | null | undefined): string | null {
  const text = code?.trim() ?? '';
  return text === '' ? null : text;
}

export function isFullCareOrder(ls: string | null | undefined): boolean {
  return ls != null && normaliseCode(ls) === FULL_CARE_ORDER_LS;
}

export function episodeView(episode: EpisodeRecord): EpisodeView {
  return {
    legalStatus: codeOrNull(episode.ls),
    legalStatusDescription: legalStatusLabel(episode.ls).label,
    fullCareOrder: yesNo(isFullCareOrder(episode.ls)),
    placementType: placementTypeLabel(episode.place).label,
    placementProvider: placementProviderLabel(episode.placeProvider).label,
  };
}

interface CodeCheck {
  rule: DataQualityRule;
  column: string;
  what: string;
  value: (episode: EpisodeRecord) => string;
  label: (code: string) => CodeLabel;
}

const CODE_CHECKS: readonly CodeCheck[] = [
  { rule: 'unknown_placement_code', column: 'PLACE', what: 'placement type', value: (e) => e.place, label: placementTypeLabel },
  {
    rule: 'unknown_provider_code',
    column: 'PLACE_PROVIDER',
    what: 'placement provider',
    value: (e) => e.placeProvider,
    label: placementProviderLabel,
  },
  { rule: 'unknown_legal_status', column: 'LS', what: 'legal status', value: (e) => e.ls, label: legalStatusLabel },
];

/** Warns on every episode row with a non-empty code that is not in the SSDA903 lists. */
export function warnUnknownCodes(episodes: readonly EpisodeRecord[], log: IssueLog): void {
  for (const episode of episodes) {
    for (const check of CODE_CHECKS) {
      const code = check.value(episode);
      if (check.label(code).known) continue;
      log.warn(check.rule, `Unknown ${check.what} code ${describeValue(code.trim())} (shown as the bare code)`, {
        ref: episode,
        column: check.column,
        personId: episode.child,
      });
    }
  }
}
