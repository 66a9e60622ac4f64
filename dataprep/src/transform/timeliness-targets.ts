import type { IsoDate } from '../../../core/src/index';
import type { TargetRecord } from '../model/source-records';
import { IssueLog } from './issues';

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * `round(100 × part / whole, 1)`, half away from zero (66.65 → 66.7), in integer arithmetic so
 * no binary fraction tips a half the wrong way; null when `whole` is 0.
 */
export function percentOneDecimal(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.floor((2000 * part + whole) / (2 * whole)) / 10;
}

/**
 * `target_pct_on_time` for a month and locality: targets.csv has no percentage measure, so it
 * is 100 × `assessments_started_on_time` ÷ `assessments_started`, both set for the same locality
 * (case-insensitive; `All` for the `All` rows) and the same period, the period containing the
 * month's first day. Of several such periods the latest-starting (then shortest) wins.
 */
export class TimelinessTargets {
  private readonly pairs: { locality: string; from: IsoDate; to: IsoDate; pct: number }[] = [];

  constructor(targets: readonly TargetRecord[] | null, log: IssueLog) {
    const started = (targets ?? []).filter((t) => t.measure === 'assessments_started');
    for (const onTime of (targets ?? []).filter((t) => t.measure === 'assessments_started_on_time')) {
      const whole = started.find(
        (t) => sameName(t.locality, onTime.locality) && t.periodStart === onTime.periodStart && t.periodEnd === onTime.periodEnd,
      );
      if (!whole) continue;
      const pct = percentOneDecimal(onTime.target, whole.target);
      if (pct === null || pct > 100) {
        log.warn('target_on_time_not_a_share', 'The on-time target is not a share of the started target for the same period; no percentage target', {
          ref: onTime, column: 'target',
        });
        continue;
      }
      this.pairs.push({ locality: onTime.locality, from: onTime.periodStart, to: onTime.periodEnd, pct });
    }
    this.pairs.sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  }

  /** The percentage target for `month` (`YYYY-MM`) and a locality name (or `All`), or null. */
  forMonth(month: string, locality: string): number | null {
    const first = `${month}-01`;
    const match = this.pairs.find((p) => sameName(p.locality, locality) && p.from <= first && first <= p.to);
    return match?.pct ?? null;
  }
}
