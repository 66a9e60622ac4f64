import { parseArgs } from 'node:util';
import { didYouMean } from './did-you-mean';

type ParseConfig = NonNullable<Parameters<typeof parseArgs>[0]>;

/**
 * node:util's parseArgs, strict, with "did you mean" for a mistyped option: its error keeps
 * node's code (main words every flag error in one line) and names the closest known option.
 */
export function parseFlags<T extends ParseConfig>(config: T): ReturnType<typeof parseArgs<T & { strict: true }>> {
  try {
    return parseArgs({ ...config, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const unknown = /^Unknown option '(--[^'=]+)'/.exec((error as Error).message)?.[1];
    if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || !unknown) throw error;
    const known = Object.keys(config.options ?? {}).map((name) => `--${name}`);
    throw Object.assign(new Error(`Unknown option '${unknown}'${didYouMean(unknown, known)}`), { code });
  }
}
