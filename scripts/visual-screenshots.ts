/**
 * `npm run screenshots`: pictures of the PACKAGED visual for docs/visual.md, so a report author
 * can see it before importing it. Headless Chromium, the local preview and its fake host, the
 * Derbyshire-length rows of the browser suite; tiles of 1100×600, 800×500, 600×400, 400×250 and
 * 300×200, 1100×600 in high contrast, 800×500 for an en-US host, and 1100×600 styled from the
 * format pane (header colours, horizontal and vertical lines, shading, a column's colours, fx rules, the legend below the
 * table with its total, wrapped values). Writes .tmp/screenshots/*.png
 * (git-ignored) to look at; with `npm run screenshots -- --update` it writes docs/screenshots/*.png,
 * the tracked pictures.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackagedVisual } from '../visual/preview/pbiviz';
import { startPreviewServer } from '../visual/preview/server';
import { launchChromium, openPreview, ProblemLog } from '../visual/test/browser/support/browser';
import { rerender, setTile } from '../visual/test/browser/support/fit';
import { derbyshireRows } from '../visual/test/browser/support/fixtures';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const UPDATE = process.argv.slice(2).includes('--update');
/** Tracked pictures change only when asked: a look at the visual must not rewrite docs/. */
const OUT = UPDATE ? join(ROOT, 'docs', 'screenshots') : join(ROOT, '.tmp', 'screenshots');
const fill = (color: string) => ({ solid: { color } });
/** A styled table, as an author might format it (docs/visual.md, "Format pane"). */
const STYLED = {
  objects: {
    table: { fontFamily: 'Segoe UI, sans-serif', wordWrap: true },
    columnHeaders: { backColor: fill('#1F3864'), fontColor: fill('#FFFFFF'), bold: true },
    grid: { horizontalColor: fill('#C9D3E6'), vertical: true, verticalColor: fill('#C9D3E6'), alternateRows: true, alternateColor: fill('#EEF3FA'), rowPadding: 5, outlineColor: fill('#1F3864') },
    columnFormatting: { childAlignment: 'left', assessmentTypeAlignment: 'center' },
    legend: { position: 'bottom', showTotal: true },
    statusColumn: { statusLabel: 'short' },
  },
  rules: [
    { object: 'statusColors', property: 'notYetStarted', field: 'prediction_revisions', ranges: [{ min: 2, color: '#5A0A05' }] },
    { object: 'columnFormatting', property: 'assessmentTypeBackground', field: 'assessment_type', values: { SGO: '#FFF4CE' } },
    { object: 'columnFormatting', property: 'assessmentTypeFontColor', field: 'assessment_type', values: { SGO: '#5C4300' } },
  ],
};
const SHOTS: { file: string; width: number; height: number; query?: string; extra?: Parameters<typeof rerender>[1] }[] = [
  { file: 'visual-1100x600.png', width: 1100, height: 600 },
  { file: 'visual-800x500.png', width: 800, height: 500 },
  { file: 'visual-600x400.png', width: 600, height: 400 },
  { file: 'visual-400x250.png', width: 400, height: 250 },
  { file: 'visual-300x200.png', width: 300, height: 200 },
  { file: 'visual-1100x600-high-contrast.png', width: 1100, height: 600, query: 'contrast=high' },
  { file: 'visual-800x500-en-US.png', width: 800, height: 500, query: 'locale=en-US&dates=date' },
  { file: 'visual-1100x600-styled.png', width: 1100, height: 600, extra: STYLED },
];

async function main(): Promise<void> {
  const pbivizPath = findPackagedVisual();
  if (!pbivizPath) throw new Error('No packaged visual in dist/: run `npm run package` first.');
  mkdirSync(OUT, { recursive: true });
  const server = await startPreviewServer({ rows: derbyshireRows(40), port: 0, pbivizPath });
  const browser = await launchChromium();
  const log = new ProblemLog();
  try {
    for (const shot of SHOTS) {
      const page = await openPreview(browser, server.url, log, { query: shot.query, viewport: { width: shot.width + 200, height: shot.height + 400 } });
      await setTile(page, shot.width, shot.height);
      if (shot.extra) await rerender(page, shot.extra);
      await page.locator('#ppoc-preview-visual').screenshot({ path: join(OUT, shot.file) });
      await page.context().close();
      console.log(`screenshots: ${relative(ROOT, join(OUT, shot.file))} (${shot.width}×${shot.height}${shot.query ? `, ${shot.query}` : ''})`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (log.problems.length > 0) throw new Error(`the page reported problems: ${log.problems.join('; ')}`);
}

main().catch((error: unknown) => {
  console.error(`screenshots failed: ${(error as Error).message}`);
  process.exit(1);
});
