/**
 * Debian chromium driven by playwright-core, on pages of the preview server. Missing chromium
 * fails loudly: CI installs it, and a silently skipped browser suite would prove nothing.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PPOC_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Starts chromium with a fresh temporary profile (playwright creates and removes it). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The real-browser suite needs Debian's chromium ` +
        '(apt-get update && apt-get install -y chromium) or PPOC_CHROMIUM set to a Chromium binary.',
    );
  }
  // Real scrollbars, as Power BI Desktop and the service show them on Windows: headless
  // Chromium hides them by default (--hide-scrollbars), which changes what sticky columns and
  // the reserved scrollbar gutter do.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--hide-scrollbars'] });
}

/** Console errors, page errors, failed requests and CSP violations seen by any page. */
export class ProblemLog {
  readonly problems: string[] = [];

  watch(page: Page): void {
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'assert') this.problems.push(`console.${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (request) => this.problems.push(`requestfailed: ${request.url()}`));
  }
}

export interface OpenOptions extends BrowserContextOptions {
  /** Query string for the preview page (e.g. `dates=date`). */
  query?: string;
}

/** Opens the preview page and waits until the visual has had its first update. */
export async function openPreview(browser: Browser, url: string, log: ProblemLog, options: OpenOptions = {}): Promise<Page> {
  const { query, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', ...contextOptions });
  const page = await context.newPage();
  log.watch(page);
  await page.goto(query ? `${url}?${query}` : url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return page;
}
