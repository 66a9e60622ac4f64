/**
 * The bottom floor of every setting: the error a bad flag or PPOC_* value raises, and how a value
 * is read from the environment. The CLI's settings (cli/settings.ts) and the alert settings
 * (alerts/) both build on this, so neither imports the other.
 */

/** A problem with flags or environment: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Env = Record<string, string | undefined>;

/** A setting's value and where it came from (`--flag` or the variable's name), for messages. */
export interface GivenSetting {
  value: string;
  from: string;
}

/** The variable's value, trimmed; null when unset or blank (blank means "not set"). */
export function fromEnv(env: Env, key: string): GivenSetting | null {
  const value = env[key];
  return value !== undefined && value.trim() !== '' ? { value: value.trim(), from: key } : null;
}

/**
 * A whole number, or one with a fraction, as people write them: decimal digits, a point before
 * the fraction. A minus sign is read (so "-5" is told it is below the range, not misspelt).
 */
const WHOLE = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

export interface NumberRange {
  min: number;
  max: number;
  /** The number must be above `min`, not equal to it (hours, megabytes). */
  aboveMin?: boolean;
  /** Counts (rows, days, columns): no fraction. */
  whole?: boolean;
  /** For the message: "a percentage from 0 to 100". */
  what: string;
}

/**
 * A number from a setting or flag, written in decimal only: never hex (`0x64`, which Number()
 * reads as 100 and which turned the shrink guard off), an exponent (`1e3`), `Infinity`, `+5`,
 * `.5` or a space inside, so no value means other than it looks. A UsageError naming the setting otherwise.
 */
export function decimalSetting(given: GivenSetting, range: NumberRange): number {
  const decimal = (range.whole ? WHOLE : DECIMAL).test(given.value);
  const value = Number(given.value);
  if (!decimal || value < range.min || (range.aboveMin && value === range.min) || value > range.max) {
    // "in decimal digits" for what JavaScript would read as a number (0x64, 1e3, +5, 20.0 for a count), not for a word.
    const notation = !decimal && Number.isFinite(value) ? ', in decimal digits' : '';
    throw new UsageError(`${given.from} must be ${range.what}${notation}, got "${given.value}"`);
  }
  return value;
}
