// Every text the visual builds from the host's strings and locale, cached per window length
// and label mode, so a resize reuses the same objects (the column widths are cached on them).
import type { StatusKey } from '../../../core/src/index';
import { problemName } from '../converter/date-problems';
import type { ViewModel } from '../converter/view-model';
import type { LocaleFormat } from '../locale';
import type { Strings } from '../strings';
import { cannotCountWording, sentenceWording, type SentenceWording } from './sentence';
import { legendEntries, statusLabels, type LegendEntry, type StatusLabelMode, type StatusLabels } from './status-labels';

export class Wording {
  private readonly labelCache = new Map<string, StatusLabels>();
  private readonly legendCache = new Map<number, LegendEntry[]>();

  constructor(
    readonly strings: Strings,
    readonly locale: LocaleFormat,
  ) {}

  labels(mode: StatusLabelMode, windowMonths: number): StatusLabels {
    const key = `${mode}|${windowMonths}`;
    let labels = this.labelCache.get(key);
    if (!labels) this.labelCache.set(key, (labels = statusLabels(mode, windowMonths, this.strings, this.locale)));
    return labels;
  }

  /** The statuses' full names (header lines, tooltips). */
  statusNames(windowMonths: number): Readonly<Record<StatusKey, string>> {
    return this.labels('full', windowMonths);
  }

  legend(windowMonths: number): LegendEntry[] {
    let entries = this.legendCache.get(windowMonths);
    if (!entries) this.legendCache.set(windowMonths, (entries = legendEntries(windowMonths, this.strings, this.locale)));
    return entries;
  }

  /** The sentence for the model, or the fields that keep it from being counted. */
  sentence(model: ViewModel): SentenceWording {
    if (!model.canCount) return cannotCountWording(Object.values(model.dateProblems).map(problemName), this.strings, this.locale);
    return sentenceWording(model.counts, model.windowMonths, this.strings, this.locale);
  }
}
