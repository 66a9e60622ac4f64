import { addDays, addMonths, reasonGroup, statusText } from '../../../core/src/index';
import type { TransformOptions } from '../model/refresh-set';
import { describeId } from '../model/value-shape';
import type { QualifyingStart } from './actual-starts';
import { episodeView } from './episode-codes';
import type { CareBasis } from './listing';
import type { PlanOutcome } from './plan-outcomes';

/** Sentence fragments for plan_explanation.reason: dates, codes and IDs only, never names. */

const MAX_LISTED = 3;

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** At most MAX_LISTED items, then "and N more". */
export function listSome(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}

export function describeStart(start: QualifyingStart): string {
  return `${describeId(start.workflowId)} started ${start.startDate}`;
}

export function careText(basis: CareBasis, options: TransformOptions): string {
  const { asAt, windowMonths } = options;
  switch (basis.kind) {
    case 'inCare':
      return `in care at ${asAt} (FCO ${episodeView(basis.care.currentEpisode).fullCareOrder})`;
    case 'leftRecently': {
      const { exit } = basis;
      const fco = episodeView(exit.episode).fullCareOrder;
      return `left care on ${exit.ceasedDate} (${exit.reasonCode ? describeId(exit.reasonCode) : 'no reason recorded'}, ${reasonGroup(exit.reasonCode)}; FCO ${fco})`;
    }
    case 'leftBefore':
      return (
        `not in care at ${asAt} and did not leave care on or after ${addMonths(asAt, -windowMonths)} ` +
        `(left care on ${basis.exit.ceasedDate})`
      );
    case 'notInCareNoExit':
      return `not in care at ${asAt}: the last episode ended on ${basis.care.currentEpisode.dec} with X1 and no following episode`;
    case 'noEpisodes':
      return `no care episode starting on or before ${asAt}`;
  }
}

function planText(outcome: PlanOutcome): string {
  const { plan } = outcome;
  return (
    `predicted ${plan.predicted} (first ${plan.firstPredicted}, ${plural(plan.revisions, 'revision')}, ` +
    `first recorded ${plan.firstRecordedOn})`
  );
}

function startText(outcome: PlanOutcome): string {
  const used = outcome.match.used;
  return used ? `started ${used.startDate} (workflow ${describeId(used.workflowId)})` : 'not started';
}

/** Starts and submissions the rules set aside, so MI can see they were not overlooked. */
function ignoredText(outcome: PlanOutcome, options: TransformOptions): string[] {
  const { match, group, plan } = outcome;
  const parts: string[] = [];
  if (match.tooOld.length > 0) {
    const from = addDays(plan.firstRecordedOn, -options.lookbackDays);
    parts.push(`ignored as older than the lookback (before ${from}): ${listSome(match.tooOld.map(describeStart))}`);
  }
  if (match.afterAsAt.length > 0) {
    parts.push(`ignored as after ${options.asAt}: ${listSome(match.afterAsAt.map(describeStart))}`);
  }
  if (match.laterInRange.length > 0) {
    parts.push(`later starts not used (the earliest counts): ${listSome(match.laterInRange.map(describeStart))}`);
  }
  if (group.afterAsAt.length > 0) {
    parts.push(`${plural(group.afterAsAt.length, 'prediction')} submitted after ${options.asAt} ignored`);
  }
  return parts;
}

function statusPart(outcome: PlanOutcome, windowMonths: number): string {
  const text = statusText(outcome.status, windowMonths);
  return outcome.daysLate > 0 ? `${text}, ${plural(outcome.daysLate, 'day')} late` : text;
}

/** "predicted …; started …; [ignored …;] Status[, n days late]" */
export function planDetails(outcome: PlanOutcome, options: TransformOptions): string {
  const parts = [planText(outcome), startText(outcome), ...ignoredText(outcome, options), statusPart(outcome, options.windowMonths)];
  return parts.join('; ');
}
