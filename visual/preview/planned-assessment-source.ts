/**
 * The preview's data: the `planned_assessment` rows of the SQLite file the prep writes. Each
 * refresh replaces the table as a whole, so its rows are those of the latest successful run.
 * Opened read-only: the preview must never change the warehouse.
 */
import { existsSync } from 'node:fs';
import { TABLES } from '../../dataprep/src/model/tables';
import { closeQuietly, openDatabase, type Database } from '../../dataprep/src/warehouse/sqlite/database';

/** A planned_assessment row as stored (dates ISO text, flags Yes/No). */
export type PreviewRow = Record<string, string | number | null>;

export type PreviewData =
  | { status: 'ok'; asAtDate: string | null; refreshedAtUtc: string | null; rows: PreviewRow[] }
  | { status: 'missing'; message: string };

const COLUMNS = TABLES.planned_assessment.columns.map((column) => column.name);

export function missingDataMessage(what: string): string {
  return `${what}. Run \`npm start\` first to build the SQLite database, then reload this page.`;
}

export function readPreviewData(sqlitePath: string): PreviewData {
  if (!existsSync(sqlitePath)) return { status: 'missing', message: missingDataMessage('No SQLite database was found') };
  const db = openDatabase(sqlitePath, { readOnly: true });
  try {
    if (!hasTable(db, 'planned_assessment')) {
      return { status: 'missing', message: missingDataMessage('The database has no planned_assessment table yet') };
    }
    const present = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all('planned_assessment') as { name: string }[]).map((c) => c.name));
    // Column names come from the catalog (never from the file), quoted as identifiers.
    const select = COLUMNS.filter((name) => present.has(name)).map((name) => `"${name}"`).join(', ');
    const rows = db.prepare(`SELECT ${select} FROM planned_assessment`).all() as PreviewRow[];
    return { status: 'ok', asAtDate: latestAsAt(rows), refreshedAtUtc: lastRefresh(db), rows };
  } finally {
    closeQuietly(db);
  }
}

function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function latestAsAt(rows: PreviewRow[]): string | null {
  let latest: string | null = null;
  for (const row of rows) {
    const value = row.as_at_date;
    if (typeof value === 'string' && (latest === null || value > latest)) latest = value;
  }
  return latest;
}

function lastRefresh(db: Database): string | null {
  if (!hasTable(db, 'refresh_log')) return null;
  const row = db
    .prepare("SELECT finished_at_utc FROM refresh_log WHERE status = 'succeeded' ORDER BY started_at_utc DESC LIMIT 1")
    .get() as { finished_at_utc: string | null } | undefined;
  return row?.finished_at_utc ?? null;
}
