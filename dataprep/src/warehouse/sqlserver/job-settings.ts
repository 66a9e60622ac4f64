/**
 * The job's own settings for the SQL Server target (not part of the connection string):
 * the CA file to trust, how long connecting retries transient failures, and how long the
 * swap may wait for report queries. A bad value stops the command with one line naming the
 * setting; a CA file's content is never echoed.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SqlServerConfigError } from './config-error';

export const JOB_ENV = {
  caFile: 'PPOC_SQLSERVER_CA_FILE',
  retrySeconds: 'PPOC_SQLSERVER_RETRY_SECONDS',
  swapWaitSeconds: 'PPOC_SWAP_WAIT_SECONDS',
} as const;

export const CA_FILE_FLAG = '--sqlserver-ca-file';
export const DEFAULT_RETRY_SECONDS = 60;
export const DEFAULT_SWAP_WAIT_SECONDS = 60;

export interface JobSettingFlags {
  /** `--sqlserver-ca-file`, which wins over PPOC_SQLSERVER_CA_FILE. */
  caFile?: string;
}

export interface JobSettings {
  ca?: { file: string; pem: string };
  retryBudgetMs: number;
  swapWaitMs: number;
}

export function readJobSettings(env: NodeJS.ProcessEnv, flags: JobSettingFlags = {}): JobSettings {
  const caFile = flags.caFile ?? nonEmpty(env[JOB_ENV.caFile]);
  const caSource = flags.caFile !== undefined ? CA_FILE_FLAG : JOB_ENV.caFile;
  return {
    ...(caFile === undefined ? {} : { ca: { file: caFile, pem: readCaFile(caFile, caSource) } }),
    retryBudgetMs: wholeSeconds(JOB_ENV.retrySeconds, env[JOB_ENV.retrySeconds], DEFAULT_RETRY_SECONDS) * 1000,
    swapWaitMs: wholeSeconds(JOB_ENV.swapWaitSeconds, env[JOB_ENV.swapWaitSeconds], DEFAULT_SWAP_WAIT_SECONDS) * 1000,
  };
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

function wholeSeconds(name: string, raw: string | undefined, fallback: number): number {
  const text = nonEmpty(raw);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 3600) {
    throw new SqlServerConfigError(`${name} must be a whole number of seconds from 0 to 3600, got "${text.slice(0, 20)}"`);
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
