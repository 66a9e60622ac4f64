/**
 * Calendar dates (no time of day, no time zone) as ISO `YYYY-MM-DD` strings.
 *
 * Why strings and not JS `Date`: a `Date` is an instant, and a date parsed "at local midnight"
 * moves by a day under Europe/London summer time or on a UTC server. ISO strings compare
 * correctly as text, store directly in SQLite and SQL Server, and all arithmetic here is done
 * on integer day numbers (Howard Hinnant's civil-date algorithms), never through `Date`.
 */
export type IsoDate = string & { readonly __calendarDate: true };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A valid calendar date from its parts, or null (e.g. 31 April, 29 February 2023). */
export function makeDate(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as IsoDate;
}

/** Parses `YYYY-MM-DD` or UK `DD/MM/YYYY` (surrounding spaces ignored); null for anything else. */
export function parseCalendarDate(text: string | null | undefined): IsoDate | null {
  if (text == null) return null;
  const value = text.trim();
  const iso = ISO_DATE.exec(value);
  if (iso) return makeDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const uk = UK_DATE.exec(value);
  if (uk) return makeDate(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  return null;
}

/** True when `value` is already a canonical, valid ISO calendar date. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && ISO_DATE.test(value) && parseCalendarDate(value) === value;
}

export function datePart(date: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/**
 * Day numbers and dates already worked out. A refresh meets a few thousand distinct dates
 * hundreds of thousands of times; remembering them saves the parsing and the new strings.
 * Bounded, so a long-running scheduler does not grow without end.
 */
const DAY_NUMBERS = new Map<string, number>();
const DATES = new Map<number, IsoDate>();
const REMEMBERED = 20_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= REMEMBERED) map.clear();
  map.set(key, value);
  return value;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: IsoDate): number {
  return DAY_NUMBERS.get(date) ?? remember(DAY_NUMBERS, date, dayNumberOf(date));
}

function dayNumberOf(date: IsoDate): number {
  const { year, month, day } = datePart(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  return DATES.get(dayNumber) ?? remember(DATES, dayNumber, dateOfDayNumber(dayNumber));
}

function dateOfDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as IsoDate;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** `to − from` in days. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Adds (or with a negative n, subtracts) months, keeping the day and clamping to the month's end. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = datePart(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const clamped = Math.min(day, daysInMonth(targetYear, targetMonth));
  return makeDate(targetYear, targetMonth, clamped) as IsoDate;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Inclusive range test; null bounds are open. */
export function isBetween(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return date >= from && date <= to;
}

/** `DD/MM/YYYY`, as the report shows dates in en-GB. */
export function formatUkDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** Today's calendar date in a time zone (default Europe/London), from an instant. */
export function todayInTimeZone(timeZone = 'Europe/London', now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return makeDate(get('year'), get('month'), get('day')) as IsoDate;
}

/**
 * The calendar date a JS `Date` stands for when a host built it at local midnight (as Power BI
 * does for date columns): its local year, month and day, not its UTC ones.
 */
export function calendarDateFromLocalDate(value: Date): IsoDate | null {
  if (Number.isNaN(value.getTime())) return null;
  return makeDate(value.getFullYear(), value.getMonth() + 1, value.getDate());
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
