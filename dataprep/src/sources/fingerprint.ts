import { createHash } from 'node:crypto';
import { createReadStream, statSync, type Stats } from 'node:fs';
import { ExtractError } from '../model/data-quality';
import type { FileFingerprint, SourceFileName } from '../model/source-records';

/**
 * What each run records about the files it read (source_file): size, modification time and
 * the SHA-256 of the bytes read. The file is stat-ed before and after reading: an export still
 * being written (size or mtime differ) fails the run instead of publishing half a file.
 */
export interface Fingerprinted<T> {
  value: T;
  fingerprint: FileFingerprint;
}

function statOf(path: string, file: SourceFileName): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw new ExtractError(file, `${file}: the file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
}

function assertUnchanged(before: Stats, after: Stats, file: SourceFileName, bytesRead: number | null): void {
  const changed = before.size !== after.size || before.mtimeMs !== after.mtimeMs || (bytesRead !== null && bytesRead !== after.size);
  if (changed) {
    throw new ExtractError(
      file,
      `${file}: the file changed while it was being read (size or modification time differ); run again when the export has finished`,
    );
  }
}

function fingerprintOf(stats: Stats, sha256: string): FileFingerprint {
  return { sizeBytes: stats.size, modifiedAtUtc: stats.mtime.toISOString(), sha256 };
}

/** The hook for readers that take the whole file as bytes (CSV): `read` does the reading. */
export function readFingerprinted(path: string, file: SourceFileName, read: (path: string) => Buffer): Fingerprinted<Buffer> {
  const before = statOf(path, file);
  const bytes = read(path);
  assertUnchanged(before, statOf(path, file), file, bytes.length);
  return { value: bytes, fingerprint: fingerprintOf(before, createHash('sha256').update(bytes).digest('hex')) };
}

/** The hook for readers that open the file themselves (workbooks): the hash is taken from a stream of it. */
export async function whileFingerprinted<T>(path: string, file: SourceFileName, work: () => Promise<T>): Promise<Fingerprinted<T>> {
  const before = statOf(path, file);
  const sha256 = await hashFile(path, file);
  const value = await work();
  assertUnchanged(before, statOf(path, file), file, null);
  return { value, fingerprint: fingerprintOf(before, sha256) };
}

function hashFile(path: string, file: SourceFileName): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', (error: NodeJS.ErrnoException) => reject(new ExtractError(file, `${file}: the file cannot be read (${error.code ?? 'unknown error'})`)))
      .on('end', () => resolve(hash.digest('hex')));
  });
}
