import { readFileSync, unlinkSync } from 'node:fs';
import { createPrivateFile } from '../../files/owner-only';
import { printable } from '../../files/printable';
import { entryAt, FileRefusedError, identityOf, ownNameEntry, sameFileAt } from '../../files/real-names';
import { RefreshLockedError } from '../warehouse';
import { closeQuietly, isBusy, openDatabase, sqliteErrorName, type Database } from './database';

/**
 * The lock database beside a SQLite file. The writer refuses a database name that is a link or
 * has a second name (database-file.ts), and folders on the way resolve to one real folder, so
 * every name of one database is this one lock file, and it is never made beside a link's target.
 */
export function runLockPath(file: string): string {
  return `${file}.run-lock`;
}

/** The lock file's identity, created owner-only (O_CREAT|O_EXCL|O_NOFOLLOW) when absent; a link or a second name is refused. */
function lockFileIdentity(path: string): string {
  createPrivateFile(path); // false when it is there already: then it is checked, never opened here
  const stats = ownNameEntry(path, 'the run lock');
  if (!stats) throw new FileRefusedError(`the run lock ${printable(path)} vanished as it was made`, 'run again');
  return identityOf(stats);
}

/**
 * One writer per SQLite file at a time: an EXCLUSIVE transaction held on a small, empty lock
 * database beside it for as long as the writer is open. SQLite's file locks (fcntl on POSIX,
 * LockFileEx on Windows) belong to the process, so the operating system drops them when the
 * process ends however it ends (SIGKILL, a stopped container, a power cut), and no pid is
 * ever trusted. `busy_timeout = 0`: a second writer is refused at once, never queued.
 *
 * Inside the held transaction the lock records the identity (device and inode) of the database
 * it guards, so the writer can check that the name still leads to that file (a file swapped in
 * under the lock is noticed). The journal is kept in memory and the transaction is rolled back
 * at the end: the lock file stays empty and no journal file is ever made beside it.
 */
export class RunLock {
  private db: Database | null = null;

  constructor(readonly path: string) {}

  get held(): boolean {
    return this.db !== null;
  }

  acquire(): void {
    if (this.db) return;
    const identity = lockFileIdentity(this.path);
    const db = openDatabase(this.path, { busyTimeoutMs: 0 });
    try {
      db.exec('PRAGMA journal_mode = MEMORY');
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      closeQuietly(db);
      if (isBusy(error)) throw new RefreshLockedError(`another refresh is running (it holds ${printable(this.path)})`);
      if (sqliteErrorName(error) === 'SQLITE_NOTADB') throw new Error(`${printable(this.path)} is not a lock file of this job: remove it and run again`);
      throw error;
    }
    this.db = db;
    // SQLite opened the name itself, following links: the lock must be the file checked above.
    if (!sameFileAt(this.path, identity)) {
      this.release();
      throw new FileRefusedError(`the run lock ${printable(this.path)} was replaced while it was being taken`, 'run again');
    }
    db.exec('CREATE TABLE IF NOT EXISTS guarded_database (identity TEXT NOT NULL)');
  }

  /** Records, inside the held transaction, the identity of the database this lock guards. */
  guard(identity: string): void {
    const db = this.heldDatabase();
    db.exec('DELETE FROM guarded_database');
    db.prepare('INSERT INTO guarded_database (identity) VALUES (?)').run(identity);
  }

  /** The identity recorded by guard(), or null. */
  guarded(): string | null {
    const row = this.heldDatabase().prepare('SELECT identity FROM guarded_database').get() as { identity: string } | undefined;
    return row?.identity ?? null;
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

  private heldDatabase(): Database {
    if (!this.db) throw new Error('the run lock is not held');
    return this.db;
  }
}

/**
 * True when a writer holds the lock of this SQLite file now (for `doctor`): the lock database
 * can be locked exclusively only when no writer has it. Never creates the lock file, and never
 * opens one that is not a regular file of its own name.
 */
export function runLockHeld(file: string): boolean {
  const path = runLockPath(file);
  const entry = entryAt(path);
  if (!entry?.isFile()) return false;
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
 * real lock is held so nobody mistakes it for a running refresh. Only a small regular file of
 * that name is read (a FIFO there would block the read for ever).
 */
export function removeLegacyLockFile(file: string): void {
  const legacy = `${file}.lock`;
  try {
    const entry = entryAt(legacy);
    if (!entry?.isFile() || entry.size > 1024n) return;
    if (typeof JSON.parse(readFileSync(legacy, 'utf8'))?.pid === 'number') unlinkSync(legacy);
  } catch {
    // Unreadable or not ours: leave it.
  }
}
