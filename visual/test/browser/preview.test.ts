/**
 * The local preview (`npm run preview`) on a fixture SQLite file: data-as-at line, slicers
 * that filter what the visual shows, the resizable frame, and the "run npm start" message.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium, openPreview, ProblemLog } from './support/browser';
import { EXAMPLE_CELLS, EXAMPLE_ROWS, EXAMPLE_SENTENCE, row, writeFixtureSqlite } from './support/fixtures';
import { itLoggedNoProblems, previewSuite, requirePackagedVisual } from './support/suite';
import { bodyRows, columnIndex, hostEvents, resetHostRecords, summaryText, waitForRenders } from './support/visual-page';
import { defaultSqlitePath, startPreviewServer } from '../../preview/server';
import { EXAMPLE_EXTRACT } from '../../../fixtures/paths';

// The example extract from the repository's fixtures (as the dataprep tests read it).
const folder = mkdtempSync(join(tmpdir(), 'ppoc-preview-'));
const sqlitePath = join(folder, 'ppoc.sqlite');
const CHESTERFIELD = [1, 2, 3].map((n) =>
  row({ person_id: `20000${n}`, team: 'CS Chesterfield CIC Team', locality: 'Chesterfield', full_care_order: n === 3 ? 'No' : 'Yes' }),
);

describe('local preview on a SQLite file', function () {
  before(() => {
    writeFixtureSqlite(sqlitePath, [...EXAMPLE_ROWS, ...CHESTERFIELD]);
  });
  const suite = previewSuite({ sqlitePath });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('shows every row of planned_assessment and the data-as-at line', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    assert.equal((await bodyRows(page)).length, EXAMPLE_ROWS.length + CHESTERFIELD.length);
    const asAt = (await page.textContent('#ppoc-preview-as-at')) ?? '';
    assert.match(asAt, /Data as at 31\/05\/2022/);
    assert.match(asAt, /last refresh 2022-05-31 05:00:07 UTC/);
    assert.match(asAt, /12 of 12 planned assessments shown/);
    await page.context().close();
  });

  it('offers the six slicers', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const labels = await page.$$eval('#ppoc-preview-slicers label > span', (spans) => spans.map((s) => s.textContent));
    assert.deepEqual(labels, ['Locality', 'Team', 'Assessment Type', 'Status', 'Placement Type', 'Full Care Order']);
    const localities = await page.$$eval('select[name="locality"] option', (options) => options.map((o) => o.textContent));
    assert.deepEqual(localities, ['All', 'Chesterfield', 'High Peak & North Dales']);
    await page.context().close();
  });

  it('passes only the rows matching the slicers to the visual', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const locality = await columnIndex(page, 'Locality');
    await page.selectOption('select[name="locality"]', 'Chesterfield');
    await page.waitForFunction(() => document.querySelectorAll('#ppoc-preview-visual table tbody tr').length === 3);
    const rows = await bodyRows(page);
    assert.deepEqual(rows.map((cells) => cells[locality]), ['Chesterfield', 'Chesterfield', 'Chesterfield']);
    assert.match(await summaryText(page), /In the NEXT 3 months 3 assessments are planned to start\./);
    await page.selectOption('select[name="full_care_order"]', 'No');
    await page.waitForFunction(() => document.querySelectorAll('#ppoc-preview-visual table tbody tr').length === 1);
    assert.equal((await bodyRows(page))[0][0], '200003');
    assert.match((await page.textContent('#ppoc-preview-as-at')) ?? '', /1 of 12 planned assessments shown/);
    assert.equal(await page.textContent('#ppoc-preview-visual .ppoc-fco'), 'Full Care Order: No');
    await page.context().close();
  });

  it('sends a Resize update when the frame is resized', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await resetHostRecords(page);
    await page.evaluate(() => {
      document.getElementById('ppoc-preview-frame')!.style.width = '640px';
    });
    await waitForRenders(page, 1);
    const updates = await page.evaluate(() => (window as unknown as { __ppocPreview: { updates: { type: number }[] } }).__ppocPreview.updates);
    assert.deepEqual(updates.map((u) => u.type), [4]);
    const viewport = await page.evaluate(() => (window as unknown as { __ppocPreview: { lastViewport: { width: number } } }).__ppocPreview.lastViewport);
    assert.ok(viewport.width < 640 && viewport.width > 600, `viewport ${viewport.width}`);
    assert.deepEqual((await hostEvents(page)).map((e) => e.kind), ['started', 'finished']);
    await page.context().close();
  });

  itLoggedNoProblems(suite);
});

describe('local preview over the prep CLI output (example extract)', function () {
  const prepFolder = mkdtempSync(join(tmpdir(), 'ppoc-preview-prep-'));
  const prepSqlite = join(prepFolder, 'ppoc.sqlite');
  before(function () {
    this.timeout(120000);
    const cli = resolve('dataprep/bin/ppoc-prep.mjs');
    const args = [cli, 'run', '--source', EXAMPLE_EXTRACT, '--as-at', '2022-05-31', '--sqlite', prepSqlite];
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120000 });
    if (result.status !== 0) throw new Error(`ppoc-prep run exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  });
  const suite = previewSuite({ sqlitePath: prepSqlite });
  after(() => rmSync(prepFolder, { recursive: true, force: true }));

  it('shows the brief example rows and sentence from the real planned_assessment table', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    assert.equal(await summaryText(page), EXAMPLE_SENTENCE);
    const rows = (await bodyRows(page)).sort((a, b) => a[0].localeCompare(b[0]));
    assert.deepEqual(rows, EXAMPLE_CELLS);
    assert.match((await page.textContent('#ppoc-preview-as-at')) ?? '', /Data as at 31\/05\/2022/);
    await page.context().close();
  });

  itLoggedNoProblems(suite);
});

describe('local preview without data', function () {
  it('tells the user to run npm start when the SQLite file is missing', async () => {
    const missingFolder = mkdtempSync(join(tmpdir(), 'ppoc-preview-missing-'));
    const noTable = join(missingFolder, 'no-table.sqlite');
    writeFixtureSqlite(noTable, [], { withTable: false });
    const browser = await launchChromium();
    const log = new ProblemLog();
    try {
      for (const [path, expected] of [
        [join(missingFolder, 'absent.sqlite'), /No SQLite database was found.*npm start/],
        [noTable, /no planned_assessment table.*npm start/],
      ] as const) {
        const server = await startPreviewServer({ sqlitePath: path, port: 0, pbivizPath: requirePackagedVisual() });
        try {
          const page = await openPreview(browser, server.url, log);
          assert.match((await page.textContent('#ppoc-preview-message')) ?? '', expected);
          await page.context().close();
        } finally {
          await server.close();
        }
      }
      assert.deepEqual(log.problems, []);
    } finally {
      await browser.close();
      rmSync(missingFolder, { recursive: true, force: true });
    }
  });

  it('reads the database path from --sqlite, then PPOC_SQLITE, then data/ppoc.sqlite', () => {
    const saved = process.env.PPOC_SQLITE;
    try {
      delete process.env.PPOC_SQLITE;
      assert.equal(defaultSqlitePath([]), resolve('data/ppoc.sqlite'));
      process.env.PPOC_SQLITE = 'other/file.sqlite';
      assert.equal(defaultSqlitePath([]), resolve('other/file.sqlite'));
      assert.equal(defaultSqlitePath(['--sqlite', 'cli.sqlite']), resolve('cli.sqlite'));
    } finally {
      if (saved === undefined) delete process.env.PPOC_SQLITE;
      else process.env.PPOC_SQLITE = saved;
    }
  });
});
