import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateFolder, PRIVATE_FILE_MODE } from '../files/owner-only';
import { EXPORT_TABLES, TABLES, type ExportTableName } from '../model/tables';
import type { ExportRow, RefreshLogEntry } from '../warehouse/warehouse';
import { csvRecord, excelSafe, looksLikeFormula, type CsvValue } from './csv';

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

const FLUSH_AT = 1 << 16;

/**
 * One CSV file, created owner-only (0600 whatever the umask) under a temporary name and renamed
 * into place when complete, so a reader never sees half a file and a link at the final name is
 * replaced, not followed.
 */
class CsvFile {
  private readonly temporary: string;
  private readonly fd: number;
  private buffer = '';

  constructor(private readonly path: string) {
    this.temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    this.fd = openSync(this.temporary, 'wx', PRIVATE_FILE_MODE);
    fchmodSync(this.fd, PRIVATE_FILE_MODE); // the umask may have taken bits away
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  commit(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.temporary, this.path);
  }

  abandon(): void {
    closeSync(this.fd);
    rmSync(this.temporary, { force: true });
  }

  private flush(): void {
    if (this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}

async function exportTable(source: ExportSource, dir: string, table: ExportTableName, safe: boolean): Promise<ExportedFile> {
  const columns = TABLES[table].columns.map((c) => c.name);
  const file = `${table}.csv`;
  const csv = new CsvFile(join(dir, file));
  let formulaLike = 0;
  try {
    csv.write(csvRecord(columns));
    const rows = await source.eachRow(table, (row) => {
      const values = columns.map((name) => (row[name] ?? null) as CsvValue);
      formulaLike += values.filter(looksLikeFormula).length;
      csv.write(csvRecord(safe ? values.map(excelSafe) : values));
    });
    csv.commit();
    return { table, file, rows, formulaLike };
  } catch (error) {
    csv.abandon();
    throw error;
  }
}

/**
 * Writes every curated table and the history as `<table>.csv` in `dir` (created 0700 if absent).
 * The files are one run's when the latest successful run is the same before and after writing
 * them (a refresh publishes atomically); otherwise they are written again, up to three times.
 */
export async function exportTables(source: ExportSource, dir: string, options: { excelSafe: boolean }): Promise<ExportResult> {
  makePrivateFolder(dir);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const before = await source.latestSuccessfulRun();
    if (!before) throw new Error('no successful run yet: run "ppoc-prep run" first');
    const files: ExportedFile[] = [];
    for (const table of EXPORT_TABLES) files.push(await exportTable(source, dir, table, options.excelSafe));
    const after = await source.latestSuccessfulRun();
    if (after?.run_id === before.run_id) return { runId: before.run_id, asAt: before.as_at_date, files };
  }
  throw new ExportMovedError();
}
