/**
 * The job's own settings for the SQL Server target (not part of the connection string):
 * the CA file to trust, how many times connecting and the refresh transaction retry transient
 * failures, and how long the swap may wait for report queries. A bad value stops the command
 * with one line naming the setting; a CA file's content is never echoed.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SqlServerConfigError } from './config-error';

export const JOB_ENV = {
  caFile: 'PPOC_SQLSERVER_CA_FILE',
  retries: 'PPOC_SQLSERVER_RETRIES',
  swapWaitSeconds: 'PPOC_SWAP_WAIT_SECONDS',
} as const;

/** Replaced by PPOC_SQLSERVER_RETRIES (a count, since the whole refresh transaction retries too). */
const RETIRED_RETRY_SECONDS = 'PPOC_SQLSERVER_RETRY_SECONDS';

export const CA_FILE_FLAG = '--sqlserver-ca-file';
export const DEFAULT_RETRIES = 3;
const MAX_RETRIES = 10;
export const DEFAULT_SWAP_WAIT_SECONDS = 60;

export interface JobSettingFlags {
  /** `--sqlserver-ca-file`, which wins over PPOC_SQLSERVER_CA_FILE. */
  caFile?: string;
}

export interface JobSettings {
  ca?: { file: string; pem: string };
  retries: number;
  swapWaitMs: number;
}

export function readJobSettings(env: NodeJS.ProcessEnv, flags: JobSettingFlags = {}): JobSettings {
  if (nonEmpty(env[RETIRED_RETRY_SECONDS]) !== undefined) {
    throw new SqlServerConfigError(`${RETIRED_RETRY_SECONDS} was replaced by ${JOB_ENV.retries}: how many times to try again (default ${DEFAULT_RETRIES})`);
  }
  const caFile = flags.caFile ?? nonEmpty(env[JOB_ENV.caFile]);
  const caSource = flags.caFile !== undefined ? CA_FILE_FLAG : JOB_ENV.caFile;
  return {
    ...(caFile === undefined ? {} : { ca: { file: caFile, pem: readCaFile(caFile, caSource) } }),
    retries: wholeNumber(JOB_ENV.retries, env[JOB_ENV.retries], DEFAULT_RETRIES, MAX_RETRIES, 'times'),
    swapWaitMs: wholeNumber(JOB_ENV.swapWaitSeconds, env[JOB_ENV.swapWaitSeconds], DEFAULT_SWAP_WAIT_SECONDS, 3600, 'seconds') * 1000,
  };
}

/** The value trimmed, or undefined when absent or blank. */
export const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

function wholeNumber(name: string, raw: string | undefined, fallback: number, max: number, unit: string): number {
  const text = nonEmpty(raw);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) {
    throw new SqlServerConfigError(`${name} must be a whole number of ${unit} from 0 to ${max}, got "${text.slice(0, 20)}"`);
  }
  return value;
}

/** The PEM text, once every certificate in it has been read; `source` names the setting. */
function readCaFile(file: string, source: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SqlServerConfigError(`${source}: cannot read ${file} (${code})`);
  }
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new SqlServerConfigError(`${source}: ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch {
      throw new SqlServerConfigError(`${source}: certificate ${index + 1} in ${file} cannot be read`);
    }
  });
  return blocks.join('\n');
}
