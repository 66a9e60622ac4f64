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
