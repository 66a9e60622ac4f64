/**
 * The local preview: a node:http server on 127.0.0.1 that shows the PACKAGED visual with a
 * fake Power BI host over the planned_assessment rows of the SQLite file (or rows given in
 * code, for the browser suite). `npm run preview` = package, then run this file.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createVisualLoader, findPackagedVisual, type PackagedVisual } from './pbiviz';
import { readPreviewData, type PreviewData, type PreviewRow } from './planned-assessment-source';
import { renderPage } from './page-html';

export interface PreviewServerOptions {
  /** SQLite file to read (default: PPOC_SQLITE, else data/ppoc.sqlite). Ignored when `rows` is given. */
  sqlitePath?: string;
  /** Serve these planned_assessment rows instead of reading a database. */
  rows?: PreviewRow[];
  /** 0 picks a free port. Default: PPOC_PREVIEW_PORT, else 8787. */
  port?: number;
  /** A .pbiviz to load (default: the newest in dist/). */
  pbivizPath?: string;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'";

const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));
const FAKE_HOST = fileURLToPath(new URL('../test/browser/fake-host.js', import.meta.url));
const STATIC_SCRIPTS: Record<string, string> = {
  '/fake-host.js': FAKE_HOST,
  '/boot.js': resolve(PAGE_DIR, 'boot.js'),
  '/dataview.js': resolve(PAGE_DIR, 'dataview.js'),
  '/host-data.js': resolve(PAGE_DIR, 'host-data.js'),
  '/slicers.js': resolve(PAGE_DIR, 'slicers.js'),
  '/preview.js': resolve(PAGE_DIR, 'preview.js'),
};

export function defaultSqlitePath(argv: readonly string[] = process.argv.slice(2)): string {
  const flag = argv.indexOf('--sqlite');
  if (flag >= 0 && argv[flag + 1]) return resolve(argv[flag + 1]);
  // Same default as the prep CLI: data/ppoc.sqlite at the repository root.
  return process.env.PPOC_SQLITE ? resolve(process.env.PPOC_SQLITE) : fileURLToPath(new URL('../../data/ppoc.sqlite', import.meta.url));
}

/** JSON that is safe anywhere: no raw `<`, `>`, `&` or line separators reach the page. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export async function startPreviewServer(options: PreviewServerOptions = {}): Promise<PreviewServer> {
  const sqlitePath = options.sqlitePath ?? defaultSqlitePath([]);
  const loadVisual = createVisualLoader(options.pbivizPath);
  const loadData = (): PreviewData =>
    options.rows ? { status: 'ok', asAtDate: latestAsAt(options.rows), refreshedAtUtc: null, rows: options.rows } : readPreviewData(sqlitePath);
  const server = createServer((request, response) => {
    try {
      const refusal = refuseForeign(request, (server.address() as AddressInfo).port);
      if (refusal) return send(response, refusal.status, 'text/plain; charset=utf-8', refusal.message);
      route(request, response, loadVisual, loadData);
    } catch (error) {
      // Messages here come from our own code (file paths, zip structure), never from row data.
      send(response, 500, 'text/plain; charset=utf-8', `preview error: ${(error as Error).message}`);
    }
  });
  const port = options.port ?? Number(process.env.PPOC_PREVIEW_PORT ?? 8787);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The names this server answers to: itself on the loopback interface, nothing else. */
export function ownHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

/**
 * DNS rebinding: a web page on evil.example can point its own name at 127.0.0.1 and then read
 * this server as "same origin" (child names in /api/planned-assessment). Such requests carry
 * the page's name in Host, so only our own names are answered (421, no data). Requests from
 * another origin to the API (Origin, or the browser's Sec-Fetch-Site) are refused too (403).
 */
export function refuseForeign(request: IncomingMessage, port: number): { status: number; message: string } | null {
  const hosts = ownHosts(port);
  const host = (request.headers.host ?? '').toLowerCase();
  if (!hosts.includes(host)) return { status: 421, message: 'misdirected request: this preview answers only to 127.0.0.1, localhost or [::1]' };
  if (!(request.url ?? '/').startsWith('/api/')) return null;
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  if ((origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) || site === 'cross-site' || site === 'same-site') {
    return { status: 403, message: 'cross-origin requests to the preview API are refused' };
  }
  return null;
}

function route(request: IncomingMessage, response: ServerResponse, loadVisual: () => PackagedVisual | null, loadData: () => PreviewData): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed');
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/' || path === '/index.html') return send(response, 200, 'text/html; charset=utf-8', renderPage(loadVisual()));
  if (path === '/favicon.ico') return send(response, 204, 'image/x-icon', '');
  if (path === '/visual/content.js') {
    const visual = loadVisual();
    return visual ? send(response, 200, 'text/javascript; charset=utf-8', visual.js) : send(response, 404, 'text/plain; charset=utf-8', 'no packaged visual');
  }
  if (path === '/api/visual') return send(response, 200, 'application/json; charset=utf-8', safeJson(describeVisual(loadVisual())));
  if (path === '/api/planned-assessment') return send(response, 200, 'application/json; charset=utf-8', safeJson(loadData()));
  const file = STATIC_SCRIPTS[path];
  if (file) return send(response, 200, 'text/javascript; charset=utf-8', readFileSync(file, 'utf8'));
  send(response, 404, 'text/plain; charset=utf-8', 'not found');
}

function describeVisual(visual: PackagedVisual | null): object {
  if (!visual) return { status: 'missing', message: 'No packaged visual in dist/. Run `npm run package` (or `npm run preview`) first.' };
  return { status: 'ok', guid: visual.guid, strings: visual.strings, locales: visual.locales, sizeBytes: visual.sizeBytes };
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  response.end(body);
}

function latestAsAt(rows: PreviewRow[]): string | null {
  const dates = rows.map((row) => row.as_at_date).filter((value): value is string => typeof value === 'string');
  return dates.length ? dates.reduce((a, b) => (b > a ? b : a)) : null;
}

async function main(): Promise<void> {
  const sqlitePath = defaultSqlitePath();
  const server = await startPreviewServer({ sqlitePath });
  const visual = findPackagedVisual();
  console.log(`PPOC visual preview: ${server.url}`);
  console.log(`  data:   ${sqlitePath}`);
  console.log(`  visual: ${visual ?? 'none found in dist/ (run npm run package)'}`);
  console.log('Press Ctrl+C to stop.');
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(`preview failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
