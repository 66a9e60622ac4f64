import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { printable } from '../files/printable';
import { ExtractError, type DataQualityIssue } from '../model/data-quality';
import type { FileFingerprint, FileReadStats, PredictionRecord, SourceData, SourceFileName, SourceRef } from '../model/source-records';
import { readCsv } from './csv-table';
import { allocationsFile } from './readers/allocations';
import { assessmentsFile } from './readers/assessments';
import { episodesFile } from './readers/episodes';
import { exclusionsFile } from './readers/exclusions';
import { headerFile } from './readers/header';
import { predictionsFile } from './readers/predictions';
import { targetsFile } from './readers/targets';
import { teamsFile } from './readers/teams';
import { userAccessFile } from './readers/user-access';
import { checkSourceFile, DEFAULT_READ_LIMITS, type ReadLimits } from './source-file';
import type { FileDefinition } from './file-definition';
import { TableCollector } from './table-reader';
import { readXlsx } from './xlsx-table';

export { ExtractError } from '../model/data-quality';
export { DEFAULT_READ_LIMITS, type ReadLimits } from './source-file';

export interface ExtractReadResult {
  data: SourceData;
  issues: DataQualityIssue[];
  /** One entry per file actually read (absent optional files are not listed). */
  files: FileReadStats[];
}

/**
 * Reads and validates an extract folder (docs/source-contract.md). Bad rows become
 * data-quality issues; a file-level problem (missing, unreadable, not a regular file, too
 * large, missing column, malformed, mostly invalid, or a required file with no data rows)
 * throws ExtractError before anything is returned. Each file's stats (with its fingerprint) are
 * pushed to `files`, and its row issues to `issues`, as soon as it is read, so a failed run
 * still records what it read and every rejected row its summary counts.
 */
export async function readExtract(
  dir: string, limits: ReadLimits = DEFAULT_READ_LIMITS, files: FileReadStats[] = [], issues: DataQualityIssue[] = [],
): Promise<ExtractReadResult> {
  checkFolder(dir);
  const keep = <R extends SourceRef>([collector, fingerprint]: ReadFile<R>, required: boolean): R[] => {
    const stats = collector.stats(fingerprint);
    files.push(stats);
    issues.push(...collector.rowIssues());
    // An export with a header and no rows would replace yesterday's report with nothing.
    if (required && stats.rowsRead === 0) {
      throw new ExtractError(stats.file, `${stats.file}: the file has no data rows (a required file cannot be empty)`, 2);
    }
    return collector.finish(fingerprint).records;
  };
  const csv = <R extends SourceRef>(file: SourceFileName, definition: FileDefinition<R>, required: boolean): R[] | null => {
    const path = join(dir, file);
    if (checkSourceFile(path, file, limits) === null) {
      if (required) throw new ExtractError(file, `${file}: required file is missing from the extract folder`);
      return null;
    }
    const collector = new TableCollector(file, definition);
    return keep([collector, readCsv(path, file, collector, limits)], required);
  };

  const episodes = csv('episodes.csv', episodesFile(), true) ?? [];
  const header = csv('header.csv', headerFile(), false) ?? [];
  const allocations = csv('allocations.csv', allocationsFile(), true) ?? [];
  const teams = csv('teams.csv', teamsFile(), false) ?? [];
  const assessments = csv('assessments.csv', assessmentsFile(), true) ?? [];
  const predictions = keep(await readPredictions(dir, limits), true);
  const exclusions = csv('exclusions.csv', exclusionsFile(), false) ?? [];
  const userAccess = csv('user_access.csv', userAccessFile(), false) ?? [];
  const targets = csv('targets.csv', targetsFile(), false);
  return {
    data: { episodes, header, allocations, teams, assessments, predictions, exclusions, userAccess, targets },
    issues: [...issues],
    files: [...files],
  };
}

/** A file's rows handed to its collector, and the fingerprint of what was read. */
type ReadFile<R extends SourceRef> = [TableCollector<R>, FileFingerprint];

/** The folder exists, is a folder, and its listing can be read (else every file would look missing). */
function checkFolder(dir: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new ExtractError('', `The extract folder ${printable(dir)} does not exist or is not a folder`);
  try {
    readdirSync(dir);
  } catch (error) {
    throw new ExtractError('', `cannot read the extract folder ${printable(dir)} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
}

/** `predictions.csv`, or else `predictions.xlsx` (first sheet); never both. */
async function readPredictions(dir: string, limits: ReadLimits): Promise<ReadFile<PredictionRecord>> {
  const csvPath = join(dir, 'predictions.csv');
  const xlsxPath = join(dir, 'predictions.xlsx');
  const hasCsv = checkSourceFile(csvPath, 'predictions.csv', limits) !== null;
  const hasXlsx = checkSourceFile(xlsxPath, 'predictions.xlsx', limits) !== null;
  if (hasCsv && hasXlsx) {
    throw new ExtractError(
      'predictions.csv',
      'predictions.csv and predictions.xlsx are both in the extract folder: keep only one of them',
    );
  }
  if (hasCsv) {
    const collector = new TableCollector('predictions.csv', predictionsFile());
    return [collector, readCsv(csvPath, 'predictions.csv', collector, limits)];
  }
  if (hasXlsx) {
    const collector = new TableCollector('predictions.xlsx', predictionsFile());
    return [collector, await readXlsx(xlsxPath, 'predictions.xlsx', collector, limits)];
  }
  throw new ExtractError('predictions.csv', 'predictions.csv (or predictions.xlsx): required file is missing from the extract folder');
}
