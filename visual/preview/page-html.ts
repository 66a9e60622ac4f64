/**
 * The preview page. Static apart from the packaged visual's CSS (injected as a <style>, as
 * Power BI does) and whether its content.js is there to load. Every database value reaches
 * the DOM later, through /api/planned-assessment and textContent.
 */
import type { PackagedVisual } from './pbiviz';

const PAGE_CSS = `
  body { font-family: "Segoe UI", Arial, sans-serif; margin: 16px; color: #252423; background: #f3f2f1; }
  h1 { font-size: 18px; margin: 0 0 8px; }
  #ppoc-preview-as-at { margin: 0 0 8px; font-size: 13px; }
  #ppoc-preview-message { margin: 8px 0; padding: 8px 12px; background: #fde7e9; border: 1px solid #a4262c; }
  #ppoc-preview-message[hidden] { display: none; }
  #ppoc-preview-slicers { display: flex; flex-wrap: wrap; gap: 12px; margin: 0 0 12px; }
  #ppoc-preview-slicers label { display: flex; flex-direction: column; font-size: 12px; gap: 2px; }
  #ppoc-preview-slicers select { min-width: 140px; font: inherit; }
  #ppoc-preview-frame { resize: both; overflow: hidden; width: 1100px; height: 600px; min-width: 200px; min-height: 120px;
    background: #fff; border: 1px solid #c8c6c4; box-sizing: border-box; position: relative; }
  #ppoc-preview-visual { position: absolute; inset: 0; overflow: hidden; }
`;

/** Keeps a stylesheet from closing its <style> element early. */
function styleText(css: string): string {
  return css.replace(/<\/style/gi, '<\\/style');
}

export function renderPage(visual: PackagedVisual | null): string {
  const visualScript = visual ? '<script src="/visual/content.js"></script>' : '';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>PPOC visual preview</title>
<style>${PAGE_CSS}</style>
<style id="ppoc-visual-css">${visual ? styleText(visual.css) : ''}</style>
</head>
<body>
<h1>PPOC Planned Assessment Starts: local preview</h1>
<p id="ppoc-preview-as-at">Loading data…</p>
<p id="ppoc-preview-message" role="alert" hidden></p>
<div id="ppoc-preview-slicers" aria-label="Filters"></div>
<div id="ppoc-preview-frame"><div id="ppoc-preview-visual"></div></div>
<script src="/boot.js"></script>
${visualScript}
<script src="/fake-host.js"></script>
<script src="/host-data.js"></script>
<script src="/dataview.js"></script>
<script src="/slicers.js"></script>
<script src="/preview.js"></script>
</body>
</html>
`;
}
