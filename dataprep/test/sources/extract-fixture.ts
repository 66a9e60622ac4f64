import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataQualityIssue } from '../../src/model/data-quality';
import type { FileReadStats } from '../../src/model/source-records';

/** Header rows as the contract spells them. */
export const HEADERS = {
  episodes: 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
  header: 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB',
  allocations: 'person_id,child_name,social_worker,team,locality',
  teams: 'team,locality',
  assessments: 'person_id,workflow_id,workflow_type,start_date,for_reunification',
  predictions: 'person_id,assessment_type,predicted_start_date,submitted_at,submitted_by',
  exclusions: 'person_id,reason,excluded_on',
  userAccess: 'user_principal_name,locality,team',
  targets: 'locality,measure,period_start,period_end,target',
} as const;

/** Lines joined with LF and a final newline. */
export function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** A minimal valid extract: one row in each required file, all for the same child. */
export const DEFAULTS: Record<string, string> = {
  'episodes.csv': csv(HEADERS.episodes, '000123,01/06/2020,S,C2,N1,U1,PR1,,,,,,'),
  'allocations.csv': csv(HEADERS.allocations, '000123,Child A,SW 1,Team 1,Locality 1'),
  'assessments.csv': csv(HEADERS.assessments, '000123,W000123,SGO,,'),
  'predictions.csv': csv(HEADERS.predictions, '000123,SGO,01/06/2022,14/01/2022,'),
};

const made: string[] = [];

/**
 * Writes an extract folder in a fresh temp directory. `files` adds or replaces files; a null
 * value leaves a default file out.
 */
export function writeExtract(files: Record<string, string | Buffer | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ppoc-sources-'));
  made.push(dir);
  const all: Record<string, string | Buffer | null> = { ...DEFAULTS, ...files };
  for (const [name, content] of Object.entries(all)) {
    if (content !== null) writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** Removes every folder writeExtract made (call from an `after` hook). */
export function removeExtracts(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The issues' identifying fields, for exact comparisons. */
export function where(issues: readonly DataQualityIssue[]): object[] {
  return issues.map(({ severity, sourceFile, line, column, personId, rule }) => ({
    severity, sourceFile, line, column, personId, rule,
  }));
}

/** A file's counts without its fingerprint (size, mtime and hash vary with each written copy). */
export function countsOf(stats: FileReadStats | undefined): Omit<FileReadStats, 'fingerprint'> | undefined {
  if (!stats) return undefined;
  const { file, rowsRead, rowsRejected } = stats;
  return { file, rowsRead, rowsRejected };
}
