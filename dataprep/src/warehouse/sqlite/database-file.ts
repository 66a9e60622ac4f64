/**
 * What the job takes for its SQLite file. To write (run, migrate, backfill, schedule): the name
 * itself, never a symbolic link, a regular file with no other name that is a SQLite database (or
 * empty, as SQLite's own new database is), or nothing yet. It is checked before any lock file is
 * made, so `--sqlite notes.txt` or `--sqlite /dev/zero` creates, locks and changes nothing. To
 * read (status, summary, explain, issues, export): links are followed, as nothing is created,
 * locked or changed, but only a regular file is opened (opening a FIFO would wait for ever).
 */
import { closeSync, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs';
import { kindOf } from '../../files/file-kind';
import { READ_WITHOUT_WAITING, targetAt } from '../../files/read-without-waiting';
import { printable } from '../../files/printable';
import { FileRefusedError, NO_FOLLOW, ownNameEntry } from '../../files/real-names';

/** The first 16 bytes of every SQLite database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * True when the file starts with SQLite's header; opened without waiting on a FIFO put in its
 * place. Called before the command opens the database with SQLite: closing a descriptor of a
 * file drops every POSIX lock the process holds on it, so a connection of this process to the
 * file would lose its locks.
 */
function startsWithSqliteHeader(file: string, follow: boolean): boolean {
  const fd = openSync(file, READ_WITHOUT_WAITING | (follow ? 0 : NO_FOLLOW));
  try {
    if (!fstatSync(fd).isFile()) return false;
    const header = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * The SQLite file a writer may open under this name: null when there is none yet, else its entry.
 * Throws FileRefusedError (one line) for a link, anything but a regular file, a file with a second
 * name, or a file that is not a SQLite database.
 */
export function checkDatabaseForWriting(file: string): BigIntStats | null {
  // A second name (hard link) for a database file corrupts it: SQLite finds its journal and WAL
  // by the name it was opened with, so two names mean two journals for one file
  // (https://www.sqlite.org/howtocorrupt.html, "Multiple links to the same file"). Refused here.
  const stats = ownNameEntry(file, 'the SQLite file');
  if (!stats || stats.size === 0n) return stats;
  if (!startsWithSqliteHeader(file, false)) {
    throw new FileRefusedError(`the SQLite file ${printable(file)} is not a SQLite database`,
      'give the path of the job\'s database, or of a file that does not exist yet');
  }
  return stats;
}

/** The files SQLite keeps beside a database under its name: none may be a link (SQLite would follow it). */
export function checkCompanionFiles(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) ownNameEntry(`${file}${suffix}`, 'SQLite\'s own file');
}

/** A SQLite file a read command cannot use: missing, empty, not a regular file or not a database (one line). */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Checks that a read command may open `file` (links followed): a regular, non-empty SQLite database. */
export function checkDatabaseForReading(file: string): void {
  const name = printable(file);
  const firstRun = 'run "ppoc-prep run" (or "npm start") first';
  const stats = targetAt(file);
  if (stats === null) throw new DatabaseUnavailableError(`no database at ${name}: ${firstRun}`);
  if (!stats.isFile()) throw new DatabaseUnavailableError(`${name} is not a regular file (${kindOf(stats)}): give the SQLite database file`);
  if (stats.size === 0) throw new DatabaseUnavailableError(`${name} is empty, no database yet: ${firstRun}`);
  if (!startsWithSqliteHeader(file, true)) throw new DatabaseUnavailableError(`${name} is not a SQLite database: give the job's database file`);
}
