import { makePrivateFolder } from '../files/owner-only';
import { EXPORT_TABLES, TABLES, type ExportTableName } from '../model/tables';
import type { ExportRow, RefreshLogEntry } from '../warehouse/warehouse';
import { csvRecord, formulaAsText, looksLikeFormula, type CsvValue } from './csv';
import { CsvFile, publishAll, removeAbandonedTemporaries } from './csv-file';

/** What the export reads: the warehouse reader (SQLite or SQL Server). */
export interface ExportSource {
  latestSuccessfulRun(): Promise<RefreshLogEntry | null>;
  eachRow(table: ExportTableName, onRow: (row: ExportRow) => void): Promise<number>;
}

export interface ExportedFile {
  table: ExportTableName;
  file: string;
  rows: number;
  /** Text cells a spreadsheet could read as a formula (counted, never printed). */
  formulaLike: number;
}

export interface ExportResult {
  runId: string;
  asAt: string | null;
  files: ExportedFile[];
}

/** A refresh finished while the files were written, on every attempt: they could mix two runs. */
export class ExportMovedError extends Error {
  constructor() {
    super('a refresh finished while exporting, three times over: run the export again when no refresh is running');
    this.name = 'ExportMovedError';
  }
}

/** One table's rows into a complete temporary file (renamed into place with the others by publishAll). */
async function exportTable(
  source: ExportSource, dir: string, table: ExportTableName, safe: boolean,
): Promise<{ csv: CsvFile; exported: ExportedFile }> {
  const columns = TABLES[table].columns.map((c) => c.name);
  const file = `${table}.csv`;
  const csv = new CsvFile(dir, file);
  let formulaLike = 0;
  try {
    csv.write(csvRecord(columns));
    const rows = await source.eachRow(table, (row) => {
      const values = columns.map((name) => (row[name] ?? null) as CsvValue);
      for (let i = 0; i < values.length; i++) {
        if (!looksLikeFormula(values[i])) continue;
        formulaLike += 1;
        if (safe) values[i] = formulaAsText(values[i] as string);
      }
      csv.write(csvRecord(values));
    });
    csv.complete();
    return { csv, exported: { table, file, rows, formulaLike } };
  } catch (error) {
    csv.abandon();
    throw error;
  }
}

/**
 * Writes every curated table and the history as `<table>.csv` in `dir` (created 0700 if absent),
 * first removing what a killed export left there. All files are written under temporary names
 * and renamed into place together, and only when the latest successful run is the same before
 * and after writing them (a refresh publishes atomically): the folder holds one run's files.
 * Otherwise they are written again, up to three times.
 */
export async function exportTables(source: ExportSource, dir: string, options: { excelSafe: boolean }): Promise<ExportResult> {
  makePrivateFolder(dir);
  removeAbandonedTemporaries(dir);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const before = await source.latestSuccessfulRun();
    if (!before) throw new Error('no successful run yet: run "ppoc-prep run" first');
    const written: { csv: CsvFile; exported: ExportedFile }[] = [];
    try {
      for (const table of EXPORT_TABLES) written.push(await exportTable(source, dir, table, options.excelSafe));
      const after = await source.latestSuccessfulRun();
      if (after?.run_id === before.run_id) {
        publishAll(written.map((w) => w.csv));
        return { runId: before.run_id, asAt: before.as_at_date, files: written.map((w) => w.exported) };
      }
    } finally {
      for (const { csv } of written) csv.abandon(); // a no-op for files renamed into place
    }
  }
  throw new ExportMovedError();
}
