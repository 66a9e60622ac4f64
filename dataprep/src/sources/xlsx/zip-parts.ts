/**
 * The parts of a workbook's zip, read straight from its central directory with yauzl: any part
 * in any order, whatever order the writer put them in, and never a temp file. Every byte a
 * part inflates to is counted as it arrives against one budget for the whole workbook
 * (PPOC_MAX_FILE_MB): reading stops as soon as the count passes it, whatever the directory
 * declares. yauzl also stops a part that inflates to more than the directory declared.
 */
import { closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type yauzl from 'yauzl';

/** yauzl, loaded with the first workbook read: a CSV extract never loads it. */
let loaded: typeof yauzl | null = null;
const yauzlModule = (): typeof yauzl => (loaded ??= createRequire(import.meta.url)('yauzl') as typeof yauzl);

/** Not a zip, or a zip this reader cannot use (damaged, encrypted, a part missing). */
export class NotAWorkbookError extends Error {}

/** The parts read inflate to more than the budget. */
export class UnpackedTooLargeError extends Error {}

/** Parts we might read (XML and relationships); images and the like are never listed. */
const XML_PART = /\.(xml|rels)$/i;
/** More XML parts than any real workbook has: a zip made to exhaust the listing. */
const MAX_XML_PARTS = 50_000;

export class ZipParts {
  private inflated = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
    private readonly budget: number,
  ) {}

  /**
   * Lists the XML parts of the zip open on `fd`. The fd is the zip's from here on: closed by
   * `close()`, or at once when it is no zip this reader can use.
   */
  static open(fd: number, budget: number): Promise<ZipParts> {
    return new Promise((resolve, reject) => {
      const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
      yauzlModule().fromFd(fd, options, (error, zip) => {
        if (error) {
          closeSync(fd);
          return reject(zipError(error));
        }
        const entries = new Map<string, yauzl.Entry>();
        const fail = (failure: Error) => {
          zip.close();
          reject(failure);
        };
        zip.on('error', (listError: Error) => fail(zipError(listError)));
        zip.on('end', () => resolve(new ZipParts(zip, entries, budget)));
        zip.on('entry', (entry: yauzl.Entry) => {
          if (XML_PART.test(entry.fileName)) {
            const name = partKey(entry.fileName);
            if (entries.has(name)) return fail(new NotAWorkbookError(`the part ${name} is in the zip twice`));
            if (entries.size >= MAX_XML_PARTS) return fail(new NotAWorkbookError('too many parts'));
            entries.set(name, entry);
          }
          zip.readEntry();
        });
        zip.readEntry();
      });
    });
  }

  /** Bytes inflated so far, over every part read. */
  get inflatedBytes(): number {
    return this.inflated;
  }

  has(name: string): boolean {
    return this.entries.has(partKey(name));
  }

  /**
   * Streams the part's inflated bytes to `take`, counted against the budget. An error thrown by
   * `take` stops the read and rejects with it.
   */
  read(name: string, take: (chunk: Buffer) => void): Promise<void> {
    const entry = this.entries.get(partKey(name));
    if (!entry) return Promise.reject(new NotAWorkbookError(`the part ${name} is missing`));
    // The directory's own word is enough to refuse before inflating anything.
    if (this.inflated + entry.uncompressedSize > this.budget) return Promise.reject(new UnpackedTooLargeError());
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(zipError(error));
        let settled = false;
        const stop = (failure?: unknown) => {
          if (settled) return;
          settled = true;
          if (failure === undefined) return resolve();
          stream.destroy();
          reject(failure);
        };
        stream.on('data', (chunk: Buffer) => {
          if (settled) return;
          this.inflated += chunk.length;
          if (this.inflated > this.budget) return stop(new UnpackedTooLargeError());
          try {
            take(chunk);
          } catch (takeError) {
            stop(takeError);
          }
        });
        stream.on('error', (streamError: Error) => stop(zipError(streamError)));
        stream.on('end', () => stop());
      });
    });
  }

  close(): void {
    this.zip.close();
  }
}

/** Part names are case-insensitive (OPC), and some writers put a leading slash. */
function partKey(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

/** A read error of the file keeps its code (EIO...); anything else yauzl or zlib says is a broken zip. */
function zipError(error: Error): Error {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? error : new NotAWorkbookError(error.message);
}
