// One locale for everything the visual writes: dates (table, as-at line, tooltips), counts with
// the locale's digit grouping, and the plural form of a count. The host's locale wins; en-GB
// (and any locale Intl cannot handle) formats dates as DD/MM/YYYY.
import { formatUkDate, type IsoDate } from '../../core/src/index';

export type DateFormatter = (date: IsoDate) => string;
export type NumberFormatter = (value: number) => string;
/** The plural category of a count, as stringResources keys name it (`…_One`, `…_Other`). */
export type PluralForm = 'One' | 'Other';

export interface LocaleFormat {
  locale: string;
  formatDate: DateFormatter;
  /** Any number (tooltip values): up to two decimals, grouped. */
  formatNumber: NumberFormatter;
  /** A count of rows: a whole number, grouped ("6,000"). */
  formatCount: NumberFormatter;
  plural(count: number): PluralForm;
}

const FALLBACK_LOCALE = 'en-GB';

export function localeFormat(locale: string | undefined): LocaleFormat {
  const tag = supported(locale) ? (locale as string) : FALLBACK_LOCALE;
  const rules = new Intl.PluralRules(tag);
  return {
    locale: tag,
    formatDate: dateFormatter(tag),
    formatNumber: numberFormatter(tag, 2),
    formatCount: numberFormatter(tag, 0),
    plural: (count) => (rules.select(count) === 'one' ? 'One' : 'Other'),
  };
}

function supported(locale: string | undefined): boolean {
  if (!locale) return false;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

/** Calendar dates in the locale's short numeric form; en-GB (and any locale Intl cannot handle) as DD/MM/YYYY. */
export function dateFormatter(locale: string | undefined): DateFormatter {
  if (!locale || /^en-GB$/i.test(locale)) return formatUkDate;
  let intl: Intl.DateTimeFormat;
  try {
    intl = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    return formatUkDate;
  }
  return (date) => {
    // Formatting a UTC instant in UTC keeps the calendar date whatever the viewer's zone.
    const instant = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
    return intl.format(instant);
  };
}

/** Numbers in the locale, grouped, with at most `decimals` decimals (en-GB when Intl cannot handle it). */
export function numberFormatter(locale: string | undefined, decimals = 2): NumberFormatter {
  let intl: Intl.NumberFormat;
  try {
    intl = new Intl.NumberFormat(locale || FALLBACK_LOCALE, { maximumFractionDigits: decimals });
  } catch {
    intl = new Intl.NumberFormat(FALLBACK_LOCALE, { maximumFractionDigits: decimals });
  }
  return (value) => intl.format(value);
}
