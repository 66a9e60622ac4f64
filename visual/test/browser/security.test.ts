/**
 * Hostile text from the warehouse stays text, and the preview's Content-Security-Policy lets
 * the packaged visual run without loosening it.
 */
import assert from 'node:assert/strict';
import { openPreview } from './support/browser';
import { EXAMPLE_ROWS, XSS_IMG, XSS_ROWS, XSS_SCRIPT } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { bodyRows, columnIndex, VISUAL } from './support/visual-page';
import { CONTENT_SECURITY_POLICY } from '../../preview/server';

describe('visual in Chromium: hostile text and the Content-Security-Policy', function () {
  const suite = previewSuite({ rows: [...EXAMPLE_ROWS, ...XSS_ROWS] });

  it('shows markup in names as text and never runs it', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    const child = await columnIndex(page, 'Child');
    const worker = await columnIndex(page, 'Social Worker');
    const rows = await bodyRows(page);
    const first = rows.find((cells) => cells[0] === '900001');
    const second = rows.find((cells) => cells[0] === '900002');
    assert.ok(first && second, 'both hostile rows are listed');
    assert.equal(first[child], XSS_IMG);
    assert.equal(first[worker], XSS_SCRIPT);
    assert.equal(second[child], XSS_SCRIPT);
    await page.waitForTimeout(300); // an injected onerror/onload would have fired by now
    assert.equal(await page.evaluate(() => typeof (window as unknown as { __xss?: unknown }).__xss), 'undefined');
    const injected = await page.$$eval(`${VISUAL} img[src="x"], ${VISUAL} script, ${VISUAL} [onerror], ${VISUAL} [onload]`, (els) => els.length);
    assert.equal(injected, 0);
    await page.context().close();
  });

  it('runs the packaged visual under the CSP with no violation', async () => {
    const context = await suite.browser.newContext();
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    suite.log.watch(page);
    const response = await page.goto(suite.server.url);
    assert.equal(response?.headers()['content-security-policy'], CONTENT_SECURITY_POLICY);
    await page.waitForSelector('body[data-ready="true"]');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), []);
    assert.ok((await bodyRows(page)).length >= EXAMPLE_ROWS.length);
    await context.close();
  });

  it('serves row data as escaped application/json', async () => {
    const response = await fetch(new URL('/api/planned-assessment', suite.server.url));
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const text = await response.text();
    assert.ok(!/[<>]/.test(text), 'no raw angle brackets in the JSON');
    const data = (await JSON.parse(text)) as { rows: { child_name: string }[] };
    assert.ok(data.rows.some((r) => r.child_name === XSS_IMG));
  });

  itLoggedNoProblems(suite);
});
