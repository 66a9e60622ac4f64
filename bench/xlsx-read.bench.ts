/**
 * How long reading predictions.xlsx takes (issue 20): a workbook of N prediction rows as
 * exceljs writes it, the same with one stray value at XFD1, with only a stray style at XFD1,
 * and the plain one in Excel's own part order (the sheet before the shared strings). Each read
 * runs in a child process of its own (after an untimed read of a small workbook), so one that never ends is stopped at --timeout-s and
 * reported as "over". Figures only, never a test. Scratch files go to .tmp/bench/xlsx/.
 *
 *   npx tsx bench/xlsx-read.bench.ts [--rows 20000] [--repeat 3] [--timeout-s 600]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { BAD_INPUT } from '../fixtures/paths';
import { DEFAULT_READ_LIMITS } from '../dataprep/src/sources/source-file';
import { readXlsx } from '../dataprep/src/sources/xlsx-table';
import { inExcelOrder } from '../dataprep/test/helpers/xlsx-zip';
import { median } from './prep.bench';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRATCH = join(ROOT, '.tmp', 'bench', 'xlsx');
const THIS_FILE = fileURLToPath(import.meta.url);
const WARM_UP = join(BAD_INPUT, 'predictions-xlsx-valid', 'predictions.xlsx');

type Stray = 'none' | 'value' | 'style';

/** N rows of predictions as an analyst's form export holds them (dates as date cells). */
async function workbook(rows: number, stray: Stray): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Form responses');
  sheet.addRow(['person_id', 'assessment_type', 'predicted_start_date', 'submitted_at', 'submitted_by']);
  for (let i = 0; i < rows; i++) {
    const day = Date.UTC(2022, 0, 1) + (i % 700) * 86_400_000;
    sheet.addRow([100_000 + i, i % 3 ? 'SGO' : 'Reunification', new Date(day + 90 * 86_400_000), new Date(day + 36_000_000), `Worker ${i % 97}`]);
  }
  if (stray === 'value') sheet.getCell('XFD1').value = 'x';
  if (stray === 'style') sheet.getCell('XFD1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * In the child: one read, its time and row count as JSON on stdout. A small workbook is read
 * first, untimed, so the figure is the read and not the loading of the reader's modules
 * (which tsx, running this script, makes far slower than the compiled command does).
 */
async function readOnce(path: string): Promise<void> {
  let rows = 0;
  const visitor = { header: () => undefined, row: () => void rows++ };
  await readXlsx(WARM_UP, 'predictions.xlsx', visitor, DEFAULT_READ_LIMITS);
  rows = 0;
  const started = performance.now();
  await readXlsx(path, 'predictions.xlsx', visitor, DEFAULT_READ_LIMITS);
  console.log(JSON.stringify({ ms: performance.now() - started, rows }));
}

/** One read in a child process: milliseconds, or null when stopped at the timeout. */
function timedRead(path: string, timeoutMs: number): Promise<number | null> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', THIS_FILE, '--read', path], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return resolvePromise(null);
      if (code !== 0) return reject(new Error(`read of ${path} exited ${code}`));
      resolvePromise((JSON.parse(out) as { ms: number }).ms);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, repeat: { type: 'string' }, 'timeout-s': { type: 'string' }, read: { type: 'string' } } });
  if (values.read) return readOnce(values.read);
  const rows = Number(values.rows ?? 20_000);
  const repeat = Number(values.repeat ?? 3);
  const timeoutMs = Number(values['timeout-s'] ?? 600) * 1000;
  mkdirSync(SCRATCH, { recursive: true });
  const plain = await workbook(rows, 'none');
  const cases: [string, Buffer][] = [
    ['exceljs part order', plain],
    ['stray value at XFD1', await workbook(rows, 'value')],
    ['stray style at XFD1', await workbook(rows, 'style')],
    ["Excel's own part order", await inExcelOrder(plain)],
  ];
  console.log(`predictions.xlsx, ${rows.toLocaleString('en-GB')} rows: median of ${repeat} reads, each in its own process (node ${process.version})`);
  for (const [name, bytes] of cases) {
    const path = join(SCRATCH, `${name.replace(/\W+/g, '-')}-${rows}.xlsx`);
    writeFileSync(path, bytes);
    const times: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const ms = await timedRead(path, timeoutMs);
      if (ms === null) break; // one read over the timeout is enough to know
      times.push(ms);
    }
    const shown = times.length < repeat ? `over ${timeoutMs / 1000} s` : `${(median(times) / 1000).toFixed(2)} s`;
    console.log(`  ${name.padEnd(24)} ${shown.padStart(12)}   (${(bytes.length / 1024).toFixed(0)} KB)`);
  }
}

await main();
