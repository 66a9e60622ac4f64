import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
import { TableCollector, type FileDefinition } from './table-reader';
import { readXlsx } from './xlsx-table';

export { ExtractError } from '../model/data-quality';

export interface ExtractReadResult {
  data: SourceData;
  issues: DataQualityIssue[];
  /** One entry per file actually read (absent optional files are not listed). */
  files: FileReadStats[];
}

/**
 * Reads and validates an extract folder (docs/source-contract.md). Bad rows become
 * data-quality issues; a file-level problem (missing, unreadable, missing column, malformed,
 * mostly invalid) throws ExtractError before anything is returned. Each file's stats (with
 * its fingerprint) are pushed to `files` as soon as it is read, so a failed run still records them.
 */
export async function readExtract(dir: string, files: FileReadStats[] = []): Promise<ExtractReadResult> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ExtractError('', `The extract folder ${dir} does not exist or is not a folder`);
  }
  const issues: DataQualityIssue[] = [];
  const keep = <R extends SourceRef>([collector, fingerprint]: ReadFile<R>): R[] => {
    files.push(collector.stats(fingerprint));
    const result = collector.finish(fingerprint);
    issues.push(...result.issues);
    return result.records;
  };
  const csv = <R extends SourceRef>(file: SourceFileName, definition: FileDefinition<R>, required: boolean): R[] | null => {
    const path = join(dir, file);
    if (!existsSync(path)) {
      if (required) throw new ExtractError(file, `${file}: required file is missing from the extract folder`);
      return null;
    }
    const collector = new TableCollector(file, definition);
    return keep([collector, readCsv(path, file, collector)]);
  };

  const episodes = csv('episodes.csv', episodesFile(), true) ?? [];
  if (episodes.length === 0 && files[0]?.rowsRead === 0) {
    throw new ExtractError('episodes.csv', 'episodes.csv: the file has no data rows', 2);
  }
  const header = csv('header.csv', headerFile(), false) ?? [];
  const allocations = csv('allocations.csv', allocationsFile(), true) ?? [];
  const teams = csv('teams.csv', teamsFile(), false) ?? [];
  const assessments = csv('assessments.csv', assessmentsFile(), true) ?? [];
  const predictions = keep(await readPredictions(dir));
  const exclusions = csv('exclusions.csv', exclusionsFile(), false) ?? [];
  const userAccess = csv('user_access.csv', userAccessFile(), false) ?? [];
  const targets = csv('targets.csv', targetsFile(), false);
  return {
    data: { episodes, header, allocations, teams, assessments, predictions, exclusions, userAccess, targets },
    issues,
    files: [...files],
  };
}

/** A file's rows handed to its collector, and the fingerprint of what was read. */
type ReadFile<R extends SourceRef> = [TableCollector<R>, FileFingerprint];

/** `predictions.csv`, or else `predictions.xlsx` (first sheet); never both. */
async function readPredictions(dir: string): Promise<ReadFile<PredictionRecord>> {
  const csvPath = join(dir, 'predictions.csv');
  const xlsxPath = join(dir, 'predictions.xlsx');
  const hasCsv = existsSync(csvPath);
  const hasXlsx = existsSync(xlsxPath);
  if (hasCsv && hasXlsx) {
    throw new ExtractError(
      'predictions.csv',
      'predictions.csv and predictions.xlsx are both in the extract folder: keep only one of them',
    );
  }
  if (hasCsv) {
    const collector = new TableCollector('predictions.csv', predictionsFile());
    return [collector, readCsv(csvPath, 'predictions.csv', collector)];
  }
  if (hasXlsx) {
    const collector = new TableCollector('predictions.xlsx', predictionsFile());
    return [collector, await readXlsx(xlsxPath, 'predictions.xlsx', collector)];
  }
  throw new ExtractError('predictions.csv', 'predictions.csv (or predictions.xlsx): required file is missing from the extract folder');
}
