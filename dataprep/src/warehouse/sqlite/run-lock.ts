import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { ensurePrivateFile } from '../../files/owner-only';
import { RefreshLockedError } from '../warehouse';
import { closeQuietly, isBusy, openDatabase, sqliteErrorName, type Database } from './database';

/** The lock database beside a SQLite file. */
export function runLockPath(file: string): string {
  return `${file}.run-lock`;
}

/**
 * One writer per SQLite file at a time: an EXCLUSIVE transaction held on a small, empty lock
 * database beside it for as long as the writer is open. SQLite's file locks (fcntl on POSIX,
 * LockFileEx on Windows) belong to the process, so the operating system drops them when the
 * process ends however it ends (SIGKILL, a stopped container, a power cut), and no pid is
 * ever trusted. `busy_timeout = 0`: a second writer is refused at once, never queued.
 */
export class RunLock {
  private db: Database | null = null;

  constructor(readonly path: string) {}

  get held(): boolean {
    return this.db !== null;
  }

  acquire(): void {
    if (this.db) return;
    ensurePrivateFile(this.path);
    const db = openDatabase(this.path, { busyTimeoutMs: 0 });
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      closeQuietly(db);
      if (isBusy(error)) throw new RefreshLockedError(`another refresh is running (it holds ${this.path})`);
      if (sqliteErrorName(error) === 'SQLITE_NOTADB') throw new Error(`${this.path} is not a lock file of this job: remove it and run again`);
      throw error;
    }
    this.db = db;
  }

  release(): void {
    const db = this.db;
    this.db = null;
    if (!db) return;
    try {
      db.exec('ROLLBACK');
    } finally {
      closeQuietly(db);
    }
  }
}

/**
 * True when a writer holds the lock of this SQLite file now (for `doctor`): the lock database
 * can be locked exclusively only when no writer has it. Never creates the lock file.
 */
export function runLockHeld(file: string): boolean {
  const path = runLockPath(file);
  if (!existsSync(path)) return false;
  let lock: Database | undefined;
  try {
    lock = openDatabase(path, { busyTimeoutMs: 0 });
    lock.exec('BEGIN EXCLUSIVE');
    lock.exec('ROLLBACK');
    return false;
  } catch (error) {
    return isBusy(error);
  } finally {
    if (lock) closeQuietly(lock);
  }
}

/**
 * Earlier versions left `<file>.lock` holding `{"pid":…}`, which blocked every later run when
 * that pid was alive again (PID 1 in a container). It means nothing now; removed while the
 * real lock is held so nobody mistakes it for a running refresh.
 */
export function removeLegacyLockFile(file: string): void {
  const legacy = `${file}.lock`;
  try {
    if (typeof JSON.parse(readFileSync(legacy, 'utf8'))?.pid === 'number') unlinkSync(legacy);
  } catch {
    // Absent, unreadable or not ours: leave it.
  }
}
