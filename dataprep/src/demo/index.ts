/**
 * The synthetic demo extract: a contract-conforming extract folder (docs/source-contract.md) of
 * made-up children (`Child 100001`, `SW 017`), deterministic for a seed. It feeds `npm start`,
 * the visual's local preview and the benchmarks.
 */
import { join } from 'node:path';
import type { IsoDate } from '../../../core/src/index';
import { makePrivateFolder, writePrivateFile } from '../files/owner-only';
import { companionFiles } from './companion';
import { generateRows, toCsvFiles } from './generate';

export { csvLine, csvDocument } from './csv';
export { DEMO_COLUMNS, DEMO_FILES, type DemoFileName } from './columns';
export { DELIBERATE } from './problems';
export { LOCALITIES } from './localities';

export interface DemoOptions {
  children: number;
  seed: number;
  asAt: IsoDate;
}

export interface DemoSummary {
  files: { file: string; rows: number }[];
  children: number;
}

/** File name → CSV text. Pure and deterministic: same options, same bytes. */
export function generateDemoExtract(options: DemoOptions): Map<string, string> {
  return toCsvFiles(generateRows(options));
}

/**
 * Writes the demo extract into `outDir` (created if needed, 0700), replacing same-named files
 * (0600): made-up data, but written as a real extract would be.
 */
export async function writeDemoExtract(outDir: string, options: DemoOptions): Promise<DemoSummary> {
  const rows = generateRows(options);
  const files = toCsvFiles(rows);
  makePrivateFolder(outDir);
  for (const [file, text] of files) writePrivateFile(join(outDir, file), text);
  return {
    files: [...rows].map(([file, fileRows]) => ({ file, rows: fileRows.length })),
    children: options.children,
  };
}

/**
 * Companion files for an externally written SSDA903 episodes file (e.g.
 * fixtures/ssda903-fake): allocations, assessments, predictions, teams for its
 * children, so the job can run on it.
 */
export function companionFilesFor(episodesCsvText: string, options: { seed: number; asAt: IsoDate }): Map<string, string> {
  return companionFiles(episodesCsvText, options);
}
