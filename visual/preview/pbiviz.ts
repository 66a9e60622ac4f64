/**
 * Reads the packaged visual (`dist/*.pbiviz`, a zip) with node:zlib only: the preview and the
 * browser suite load exactly what Power BI would load, never the TypeScript sources.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

export interface PackagedVisual {
  path: string;
  sizeBytes: number;
  guid: string;
  js: string;
  css: string;
  /** en-GB (or en-US) display strings shipped in the package, when there are any. */
  strings: Record<string, string>;
  /** Every locale's display strings shipped in the package. */
  locales: Record<string, Record<string, string>>;
  /** Who published it, as the package names them (visual/publisher.json at packaging). */
  publisher: { author: { name?: string; email?: string }; supportUrl?: string; gitHubUrl?: string };
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** Every file of a zip archive, by name. Stored and deflated entries only (what pbiviz writes). */
export function readZip(buffer: Buffer): Map<string, Buffer> {
  const eocd = findEndOfCentralDirectory(buffer);
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== CENTRAL_SIGNATURE) throw new Error('pbiviz: corrupt central directory');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    files.set(name, readEntry(buffer, localOffset, method, compressedSize));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  throw new Error('pbiviz: not a zip file (no end of central directory)');
}

function readEntry(buffer: Buffer, localOffset: number, method: number, compressedSize: number): Buffer {
  if (buffer.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) throw new Error('pbiviz: corrupt local header');
  const start = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
  const data = buffer.subarray(start, start + compressedSize);
  if (method === 0) return data;
  if (method === 8) return inflateRawSync(data);
  throw new Error(`pbiviz: unsupported zip compression method ${method}`);
}

interface PbivizJson {
  visual?: { guid?: string; supportUrl?: string; gitHubUrl?: string };
  author?: { name?: string; email?: string };
  content?: { js?: string; css?: string };
  stringResources?: Record<string, Record<string, string>>;
}

/** Parses a .pbiviz file into the pieces a page needs to run it. */
export function readPackagedVisual(path: string): PackagedVisual {
  const buffer = readFileSync(path);
  const files = readZip(buffer);
  const entry = [...files.keys()].find((name) => /^resources\/[^/]+\.pbiviz\.json$/.test(name));
  if (!entry) throw new Error(`pbiviz: no resources/<guid>.pbiviz.json in ${path}`);
  const json = JSON.parse(files.get(entry)!.toString('utf8')) as PbivizJson;
  const guid = json.visual?.guid;
  const js = json.content?.js;
  if (!guid || !js) throw new Error(`pbiviz: ${entry} has no visual.guid or content.js`);
  const resources = json.stringResources ?? {};
  const strings = resources['en-GB'] ?? resources['en-US'] ?? {};
  const publisher = { author: json.author ?? {}, supportUrl: json.visual?.supportUrl, gitHubUrl: json.visual?.gitHubUrl };
  return { path, sizeBytes: buffer.length, guid, js, css: json.content?.css ?? '', strings, locales: resources, publisher };
}

/** The newest `*.pbiviz` in `dist/` (or the file named by PPOC_PBIVIZ), or null when none exists. */
export function findPackagedVisual(distDir = fileURLToPath(new URL('../../dist', import.meta.url))): string | null {
  const override = process.env.PPOC_PBIVIZ;
  if (override) return resolve(override);
  let names: string[];
  try {
    names = readdirSync(distDir).filter((name) => name.endsWith('.pbiviz'));
  } catch {
    return null;
  }
  const newest = names
    .map((name) => ({ path: join(distDir, name), mtime: statSync(join(distDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)[0];
  return newest ? newest.path : null;
}

/**
 * A loader that re-reads the package only when the file changes, and keeps serving the last
 * good copy while `npm run package` is rewriting it (a half-written zip does not parse).
 */
export function createVisualLoader(explicitPath?: string): () => PackagedVisual | null {
  let cached: { key: string; visual: PackagedVisual } | null = null;
  return () => {
    const path = explicitPath ?? findPackagedVisual();
    if (!path) return null;
    try {
      const stat = statSync(path);
      const key = `${path}|${stat.mtimeMs}|${stat.size}`;
      if (cached?.key !== key) cached = { key, visual: readPackagedVisual(path) };
    } catch (error) {
      if (!cached) throw error;
    }
    return cached.visual;
  };
}
