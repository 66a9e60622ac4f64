// The summary sentence in the host's locale, from stringResources: the full sentence (rules.md's
// text in en-GB, counts grouped, "1 month" singular) and a compact form of short phrases for
// small tiles. A date field that does not hold dates means nothing can be counted: the sentence
// says so instead of showing zeros.
import type { SentenceCounts } from '../../../core/src/index';
import type { LocaleFormat } from '../locale';
import { countText, fill, type Strings } from '../strings';

export interface SentenceWording {
  /** The whole sentence: what is shown when it fits, and always the accessible text. */
  full: string;
  /** Short phrases for small tiles; a line may break between them, never inside one. */
  phrases: string[];
}

export function sentenceWording(counts: SentenceCounts, windowMonths: number, strings: Strings, locale: LocaleFormat): SentenceWording {
  const months = countText(strings, locale, 'Sentence_Months', windowMonths);
  const count = locale.formatCount;
  const full = fill(
    strings('Sentence'),
    months,
    countText(strings, locale, 'Sentence_Assessments', counts.onTime),
    count(counts.late),
    countText(strings, locale, 'Sentence_PredictionsAre', counts.yetToStart),
    countText(strings, locale, 'Sentence_AssessmentsAre', counts.planned),
  );
  const phrases = [
    fill(strings('Compact_Last'), months),
    fill(strings('Compact_OnTime'), count(counts.onTime)),
    fill(strings('Compact_Late'), count(counts.late)),
    fill(strings('Compact_YetToStart'), count(counts.yetToStart)),
    fill(strings('Compact_Next'), months),
    fill(strings('Compact_Planned'), count(counts.planned)),
  ];
  return { full, phrases };
}

/** In place of the sentence when a date field holds something else: it names the fields. */
export function cannotCountWording(fields: readonly string[], strings: Strings, locale: LocaleFormat): SentenceWording {
  const full = fill(strings(`Sentence_CannotCount_${locale.plural(fields.length)}`), fields.join(', '));
  return { full, phrases: [full] };
}
