import { closeSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { removeLeftovers } from '../files/leftovers';
import { openNewPrivateFile, temporaryNameFor } from '../files/owner-only';
import { printable } from '../files/printable';
import { processRunning } from '../files/processes';
import { entryAt } from '../files/real-names';
import { EXPORT_TABLES } from '../model/tables';

const FLUSH_AT = 1 << 16;

/** A table's file could not be written: one line naming it, the folder, the system's reason and what was left. */
export class ExportFileError extends Error {
  constructor(dir: string, file: string, code: string, left = 'no file of the folder was replaced') {
    super(`cannot write ${file} in ${printable(dir)}: ${reasonOf(code)} (${code}); ${left}`);
    this.name = 'ExportFileError';
  }
}

function reasonOf(code: string): string {
  switch (code) {
    case 'EISDIR':
    case 'ENOTEMPTY':
    case 'EEXIST':
      return 'a folder has that name';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'the folder is read-only';
    default:
      return 'the system refused';
  }
}

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unknown error';

/**
 * A temporary file of an export: `<table>.csv.<pid>.<8 hex>.tmp` (releases before this one wrote
 * `<table>.csv.<8 hex>.tmp`). The process ID tells a killed export's leftovers from a running one's.
 */
const TEMPORARY = new RegExp(`^(?:${EXPORT_TABLES.join('|')})\\.csv\\.(?:(\\d+)\\.)?[0-9a-f]{8}\\.tmp$`);

/**
 * Removes the temporary files a killed export left in `dir`: only regular files named as this
 * job names its own, and never one of an export still running (its process is alive).
 */
export function removeAbandonedTemporaries(dir: string): void {
  removeLeftovers(dir, {
    named: (name) => {
      const match = TEMPORARY.exec(name);
      return match !== null && (match[1] === undefined || !processRunning(Number(match[1])));
    },
    ours: (stats) => stats.isFile(),
  });
}

/**
 * One CSV file, created owner-only (0600 whatever the umask) under a temporary name; `complete`
 * finishes it and `publishAll` renames a whole export's files into place, so a reader never sees
 * half a file and a link at the final name is replaced, not followed. A failure removes the
 * temporary file and names the table's file.
 */
export class CsvFile {
  private readonly temporary: string;
  private fd: number | null = null;
  private buffer = '';

  constructor(readonly dir: string, readonly file: string) {
    this.temporary = temporaryNameFor(join(dir, file));
    this.attempt(() => {
      this.fd = openNewPrivateFile(this.temporary);
    });
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_AT) this.attempt(() => this.flush());
  }

  /** Everything written and the file closed, still under its temporary name. */
  complete(): void {
    this.attempt(() => {
      this.flush();
      this.close();
    });
  }

  /** Closes and removes the temporary file; never throws. */
  abandon(): void {
    try {
      this.close();
    } catch {
      // the descriptor is gone either way
    }
    rmSync(this.temporary, { force: true });
  }

  /** A folder at the final name would fail the rename: found before any file is replaced. */
  checkReplaceable(): void {
    let folder = false;
    try {
      folder = entryAt(join(this.dir, this.file))?.isDirectory() ?? false;
    } catch {
      // unreadable: the rename says what is wrong
    }
    if (folder) throw new ExportFileError(this.dir, this.file, 'EISDIR');
  }

  rename(): void {
    renameSync(this.temporary, join(this.dir, this.file));
  }

  private attempt(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.abandon();
      throw new ExportFileError(this.dir, this.file, codeOf(error));
    }
  }

  private flush(): void {
    if (this.buffer && this.fd !== null) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  private close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    closeSync(fd);
  }
}

/**
 * Renames a complete export's files into place, after checking that none is blocked by a folder:
 * the folder then holds one run's files, or (on that failure) the previous export's untouched.
 * The caller abandons what was not renamed.
 */
export function publishAll(files: readonly CsvFile[]): void {
  for (const csv of files) csv.checkReplaceable();
  files.forEach((csv, index) => {
    try {
      csv.rename();
    } catch (error) {
      const left = index === 0 ? 'no file of the folder was replaced' : `the ${index} files before it were replaced, the rest were not`;
      throw new ExportFileError(csv.dir, csv.file, codeOf(error), left);
    }
  });
}
