import { formatUkDate, fromDayNumber } from '../../../core/src/index';
import { weights, type Rng } from './random';

/** `DD/MM/YYYY`, as Mosaic and 903 returns write dates. */
export function ukDay(day: number): string {
  return formatUkDate(fromDayNumber(day));
}

export function isoDay(day: number): string {
  return fromDayNumber(day);
}

/** The prediction form's timestamp: a bare date, a UK date-time or an ISO date-time. */
export function submittedAt(rng: Rng, day: number): string {
  const r = rng.next();
  if (r < 0.45) return ukDay(day);
  const hh = String(rng.int(8, 18)).padStart(2, '0');
  const mm = String(rng.int(0, 59)).padStart(2, '0');
  if (r < 0.8) return `${ukDay(day)} ${hh}:${mm}`;
  return `${isoDay(day)}T${hh}:${mm}:${String(rng.int(0, 59)).padStart(2, '0')}`;
}

const YES = weights([['Y', 65], ['Yes', 20], ['true', 10], ['1', 5]] as const);
const NO = weights([['N', 50], ['', 25], ['No', 12], ['false', 8], ['0', 5]] as const);

/** `for_reunification` as different Mosaic exports spell it. */
export function flag(rng: Rng, value: boolean): string {
  return rng.weighted(value ? YES : NO);
}
