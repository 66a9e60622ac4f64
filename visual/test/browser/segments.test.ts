/**
 * Rows in segments, as Power BI sends large tables: the visual asks for more with
 * fetchMoreData, gets Append updates, and computes the sentence on all rows; when the host
 * refuses (row limit), it shows the warning icon and uses the rows it has.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openPreview } from './support/browser';
import { EXAMPLE_ROWS, EXAMPLE_SENTENCE } from './support/fixtures';
import { itLoggedNoProblems, previewSuite } from './support/suite';
import { bodyRows, hostCalls, hostEvents, resetHostRecords, setRows, summaryText, waitForRenders } from './support/visual-page';

interface SegmentWindow {
  __ppocPreview: { segmentSize: number; moreDataAllowed: boolean; updates: { type: number; operationKind: number; rows: number | null }[] };
}

async function useSegments(page: Page, size: number, allowed: boolean): Promise<void> {
  await page.evaluate(
    ([segmentSize, moreDataAllowed]) => Object.assign((window as unknown as SegmentWindow).__ppocPreview, { segmentSize, moreDataAllowed }),
    [size, allowed] as const,
  );
}

async function updates(page: Page): Promise<SegmentWindow['__ppocPreview']['updates']> {
  return page.evaluate(() => (window as unknown as SegmentWindow).__ppocPreview.updates.map(({ type, operationKind, rows }) => ({ type, operationKind, rows })));
}

describe('visual in Chromium: rows in segments', function () {
  const suite = previewSuite({ rows: EXAMPLE_ROWS });

  it('fetches every segment and computes the sentence on all rows', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await useSegments(page, 4, true);
    await resetHostRecords(page);
    await setRows(page, EXAMPLE_ROWS);
    await waitForRenders(page, 3);
    await page.waitForTimeout(150);
    assert.deepEqual(await updates(page), [
      { type: 2, operationKind: 0, rows: 4 },
      { type: 2, operationKind: 1, rows: 8 },
      { type: 2, operationKind: 1, rows: 9 },
    ]);
    assert.deepEqual((await hostCalls(page, 'fetchMoreData')).map((c) => c.args), [[true], [true]]);
    assert.deepEqual((await hostEvents(page)).map((e) => e.kind), ['started', 'finished', 'started', 'finished', 'started', 'finished']);
    assert.equal(await summaryText(page), EXAMPLE_SENTENCE);
    assert.equal((await bodyRows(page)).length, EXAMPLE_ROWS.length);
    assert.deepEqual(await hostCalls(page, 'displayWarningIcon'), []);
    await page.context().close();
  });

  it('warns and uses the rows it has when the host has no more to give', async () => {
    const page = await openPreview(suite.browser, suite.server.url, suite.log);
    await useSegments(page, 4, false);
    await resetHostRecords(page);
    await setRows(page, EXAMPLE_ROWS);
    await waitForRenders(page, 1);
    assert.equal((await hostCalls(page, 'fetchMoreData')).length, 1);
    assert.equal((await hostCalls(page, 'displayWarningIcon')).length, 1);
    assert.equal((await bodyRows(page)).length, 4);
    // Rows 100001-100004: one late, two on time, one not yet started, none upcoming.
    assert.equal(
      await summaryText(page),
      'In the LAST 3 months 2 assessments started on time, 1 started late and 1 prediction is yet to start. In the NEXT 3 months 0 assessments are planned to start.',
    );
    await page.context().close();
  });

  itLoggedNoProblems(suite);
});
