/**
 * What the job will open in an extract folder: regular files only (after following symlinks),
 * within a size limit. A FIFO named episodes.csv would block the run for ever while it holds
 * the lock, and a symlink to /dev/zero would grow memory without bound, so every path is
 * stat-ed before it is opened and anything but a regular file is refused with one line.
 */
import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { kindOf } from '../files/file-kind';
import { READ_WITHOUT_WAITING, targetAt } from '../files/read-without-waiting';
import { ExtractError } from '../model/data-quality';
import type { SourceFileName } from '../model/source-records';

export interface ReadLimits {
  /** Largest file read, in bytes (PPOC_MAX_FILE_MB); also the bound on a workbook's unpacked size. */
  maxFileBytes: number;
  /** Most rows read from a workbook (PPOC_MAX_XLSX_ROWS). */
  maxXlsxRows: number;
  /** Most columns in a CSV header (PPOC_MAX_COLUMNS), counted before any per-column work. */
  maxColumns: number;
}

export const MEGABYTE = 1024 * 1024;
export const DEFAULT_MAX_FILE_MB = 500;
export const DEFAULT_MAX_XLSX_ROWS = 1_000_000;
export const DEFAULT_MAX_COLUMNS = 200;
export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: DEFAULT_MAX_FILE_MB * MEGABYTE, maxXlsxRows: DEFAULT_MAX_XLSX_ROWS, maxColumns: DEFAULT_MAX_COLUMNS,
};

/** `readSync` reads at most this much per call (2 GB is Node's own ceiling). */
const READ_CHUNK = 64 * MEGABYTE;

/**
 * The size of a contract file that is present and may be read, or null when it is absent.
 * Throws ExtractError for anything else: not a regular file, too large, or not readable.
 */
export function checkSourceFile(path: string, file: SourceFileName, limits: ReadLimits): number | null {
  let stats: Stats | null;
  try {
    stats = targetAt(path); // follows symlinks: a link to /dev/zero is a character device
  } catch (error) {
    throw cannotRead(file, (error as NodeJS.ErrnoException).code ?? 'unknown error');
  }
  if (stats === null) return null;
  checkRegular(stats, file, limits);
  return stats.size;
}

/** A contract file's bytes, refusing what checkSourceFile refuses (checked again on the open file). */
export function readSourceBytes(path: string, file: SourceFileName, limits: ReadLimits): Buffer {
  const { fd, size } = openSourceFile(path, file, limits);
  try {
    return readExactly(fd, size, file);
  } finally {
    closeSync(fd);
  }
}

/**
 * A contract file opened for reading, with its size: what checkSourceFile refuses is refused,
 * and checked again on the open file. The caller closes `fd`.
 */
export function openSourceFile(path: string, file: SourceFileName, limits: ReadLimits): { fd: number; size: number } {
  if (checkSourceFile(path, file, limits) === null) throw cannotRead(file, 'ENOENT');
  let fd: number;
  try {
    fd = openSync(path, READ_WITHOUT_WAITING); // a FIFO put here since the stat: refused below, never waited on
  } catch (error) {
    throw cannotRead(file, (error as NodeJS.ErrnoException).code ?? 'unknown error');
  }
  try {
    const stats = fstatSync(fd);
    checkRegular(stats, file, limits);
    return { fd, size: stats.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function readExactly(fd: number, size: number, file: SourceFileName): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  try {
    while (at < size) {
      const read = readSync(fd, bytes, at, Math.min(READ_CHUNK, size - at), null);
      if (read === 0) break;
      at += read;
    }
  } catch (error) {
    throw cannotRead(file, (error as NodeJS.ErrnoException).code ?? 'unknown error');
  }
  return at === size ? bytes : bytes.subarray(0, at); // shrank while read: what is there
}

function checkRegular(stats: Stats, file: SourceFileName, limits: ReadLimits): void {
  if (!stats.isFile()) {
    throw new ExtractError(file, `${file}: not a regular file (${kindOf(stats)}); the extract folder must hold ordinary files`);
  }
  if (stats.size > limits.maxFileBytes) {
    throw new ExtractError(
      file,
      `${file}: the file is ${megabytes(stats.size)} MB, over the limit of ${megabytes(limits.maxFileBytes)} MB (PPOC_MAX_FILE_MB)`,
    );
  }
}

export function megabytes(bytes: number): string {
  const mb = bytes / MEGABYTE;
  return mb >= 10 ? String(Math.round(mb)) : String(Number(mb.toPrecision(2)));
}

export function cannotRead(file: SourceFileName, code: string): ExtractError {
  return new ExtractError(file, `${file}: the file cannot be read (${code})`);
}
