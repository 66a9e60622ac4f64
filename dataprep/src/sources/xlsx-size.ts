/**
 * How large a workbook is once unpacked, measured before exceljs reads it. An .xlsx is a zip
 * of XML; a small file can inflate to gigabytes (and exceljs keeps the shared strings in
 * memory), and the sizes a zip declares can lie. So every entry is inflated here, streaming,
 * counting bytes and stopping as soon as the total passes the bound: memory stays small.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';

interface ZipEntry {
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** The end-of-central-directory record is within the last 22 + 65,535 bytes. */
const TAIL = 22 + 0xffff;

/** Not a zip this reader understands (not an .xlsx, or damaged). */
export class NotAZipError extends Error {}

/** Unpacked bytes of the zip at `path`, or `bound + 1` as soon as they pass `bound`. */
export async function unpackedSize(path: string, size: number, bound: number): Promise<number> {
  const entries = readCentralDirectory(path, size);
  let total = 0;
  for (const entry of entries) {
    const start = dataOffset(path, entry);
    if (entry.method === STORED) total += entry.compressedSize;
    else if (entry.method === DEFLATED) total += await inflatedLength(path, start, entry.compressedSize, bound - total);
    else throw new NotAZipError(`unsupported compression method ${entry.method}`);
    if (total > bound) return bound + 1;
  }
  return total;
}

function readCentralDirectory(path: string, size: number): ZipEntry[] {
  const tailStart = Math.max(0, size - TAIL);
  const tail = readAt(path, tailStart, size - tailStart);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new NotAZipError('no end of central directory');
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (directoryOffset + directorySize > size) throw new NotAZipError('central directory outside the file');
  const directory = readAt(path, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL) throw new NotAZipError('damaged central directory');
    entries.push({
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    });
    at += 46 + directory.readUInt16LE(at + 28) + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return entries;
}

function dataOffset(path: string, entry: ZipEntry): number {
  const header = readAt(path, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw new NotAZipError('damaged local header');
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** Bytes one deflated entry inflates to, stopping early once past `budget`. */
function inflatedLength(path: string, start: number, compressedSize: number, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    if (compressedSize === 0) return resolve(0);
    const input = createReadStream(path, { start, end: start + compressedSize - 1 });
    const inflate = createInflateRaw();
    let length = 0;
    let settled = false;
    const stop = (result: number | Error) => {
      if (settled) return;
      settled = true;
      input.destroy();
      inflate.destroy();
      if (result instanceof Error) reject(new NotAZipError(result.message));
      else resolve(result);
    };
    inflate.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > budget) stop(length);
    });
    inflate.on('end', () => stop(length));
    inflate.on('error', stop);
    input.on('error', stop);
    input.pipe(inflate);
  });
}

function readAt(path: string, position: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, position);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
