/**
 * `ppoc-prep doctor --sqlite FILE`: the file exists and a run would take it (its own name, not a
 * link, no second name, a SQLite database), only this user can read or write it (it holds
 * children's names), its schema is this release's, SQLite finds it intact, and the last run.
 * Never creates the file and never writes to it. It opens it for writing when it may, as the job
 * does, because closing such a connection also removes the -wal and -shm files that a read-only
 * connection to a WAL database leaves behind.
 */
import { accessSync, constants } from 'node:fs';
import { FileRefusedError, ownNameEntry } from '../../files/real-names';
import { failed, lastRunCheck, ok, skipped, type CheckResult } from '../checks';
import type { RefreshLogEntry } from '../warehouse';
import { closeQuietly, openDatabase, sqliteErrorName, type Database } from './database';
import { checkCompanionFiles, checkDatabaseForWriting } from './database-file';
import { runLockHeld, runLockPath } from './run-lock';
import { SQLITE_SCHEMA_VERSION } from './schema';

function fileChecks(file: string): { results: CheckResult[]; usable: boolean } {
  let entry;
  try {
    entry = checkDatabaseForWriting(file); // what a run would refuse: a link, a second name, not a file, not SQLite
    checkCompanionFiles(file); // … and a link at the lock's, the -wal's, -shm's or -journal's name
    ownNameEntry(runLockPath(file), 'the run lock');
  } catch (error) {
    if (!(error instanceof FileRefusedError)) throw error;
    return { results: [failed('file', error.problem, error.fix)], usable: false };
  }
  if (!entry) {
    return { results: [failed('file', `${file} does not exist`, `create it with: ppoc-prep migrate --sqlite ${file} (or a first ppoc-prep run)`)], usable: false };
  }
  const results = [ok('file', `${file} exists (${Math.round(Number(entry.size) / 1024)} KB)`)];
  results.push(permissionCheck(file, Number(entry.mode), Number(entry.uid)));
  return { results, usable: true };
}

/** Owner-only (no group or other bits), owned by and writable for this user. */
function permissionCheck(file: string, mode: number, uid: number): CheckResult {
  const check = 'permissions';
  if (process.platform === 'win32' || typeof process.getuid !== 'function') {
    return skipped(check, 'Windows: file access is set by ACLs, not mode bits', 'make sure only the job\'s account and MI can open the folder');
  }
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  if (uid !== process.getuid()) return failed(check, `${file} belongs to another user (uid ${uid})`, `run the job as its owner, or: chown $(id -u) ${file}`);
  if (!writable(file)) return failed(check, `${file} is not writable by this user (mode ${octal})`, `chmod 600 ${file}`);
  if (mode & 0o077) return failed(check, `${file} can be read by other users (mode ${octal}); it holds children's names`, `chmod 600 ${file}`);
  return ok(check, `writable by this user only (mode ${octal})`);
}

function writable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function databaseChecks(db: Database): CheckResult[] {
  const hasLedger = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`).get();
  const version = hasLedger ? Number((db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null }).v ?? 0) : 0;
  const schema = version === SQLITE_SCHEMA_VERSION
    ? ok('schema version', `${version}, this release's`)
    : failed('schema version', version > SQLITE_SCHEMA_VERSION
      ? `${version} is newer than this release's ${SQLITE_SCHEMA_VERSION}`
      : `${version || 'none'} is older than this release's ${SQLITE_SCHEMA_VERSION}`,
    version > SQLITE_SCHEMA_VERSION ? 'upgrade ppoc-prep' : 'ppoc-prep migrate --sqlite FILE');
  const integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check);
  const intact = integrity.length === 1 && integrity[0] === 'ok'
    ? ok('integrity', 'PRAGMA integrity_check: ok')
    : failed('integrity', `PRAGMA integrity_check found ${integrity.length} problem(s)`, 'restore the file from its backup, or delete it and run ppoc-prep run again');
  return [schema, intact];
}

function latestRun(db: Database): RefreshLogEntry | null {
  if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'refresh_log'`).get()) return null;
  return (db.prepare('SELECT * FROM refresh_log ORDER BY started_at_utc DESC, rowid DESC LIMIT 1').get() as RefreshLogEntry | undefined) ?? null;
}

export function sqliteDoctor(file: string, now: Date = new Date()): CheckResult[] {
  const { results, usable } = fileChecks(file);
  if (!usable) return results;
  let db: Database;
  try {
    db = openDatabase(file, { readOnly: !writable(file) });
  } catch (error) {
    return [...results, failed('open', `SQLite cannot open ${file} (${sqliteErrorName(error) ?? 'error'})`, 'check it is a PPOC SQLite file and that no other program holds it')];
  }
  try {
    return [...results, ...databaseChecks(db), lastRunCheck(latestRun(db), runLockHeld(file), now)];
  } catch (error) {
    return [...results, failed('open', `SQLite cannot read ${file} (${sqliteErrorName(error) ?? 'error'})`, 'check it is a PPOC SQLite file')];
  } finally {
    closeQuietly(db);
  }
}
