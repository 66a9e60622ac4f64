import assert from 'node:assert/strict';
import type { IsoDate } from '../../../core/src/index';
import { createLogger, type Logger } from '../../src/pipeline/logger';
import { countIssues, failureMessage, runRefresh } from '../../src/pipeline/run-refresh';
import { ExtractError } from '../../src/model/data-quality';
import { NO_PRIOR_HISTORY, type RefreshSet } from '../../src/model/refresh-set';
import { RefreshLockedError, type RunInfo, type RunOutcome, type Warehouse } from '../../src/warehouse/warehouse';
import { EXAMPLE_EXTRACT } from '../helpers/cli';

/** Records what the pipeline asks of a warehouse; can be told to fail at a step. */
class RecordingWarehouse implements Warehouse {
  readonly kind = 'sqlite' as const;
  calls: string[] = [];
  published: RefreshSet | null = null;
  outcome: RunOutcome | null = null;
  constructor(private readonly failAt: 'startRun' | 'publish' | null = null) {}
  async migrate() { return { applied: [] }; }
  async priorHistory(query: { before: string; from: string | null }) {
    this.calls.push(`priorHistory ${query.before} ${query.from}`);
    return NO_PRIOR_HISTORY;
  }
  async startRun(run: RunInfo) {
    this.calls.push(`startRun ${run.asAtDate}`);
    if (this.failAt === 'startRun') throw new RefreshLockedError();
  }
  async publish(_run: RunInfo, set: RefreshSet, outcome: RunOutcome) {
    this.calls.push('publish');
    if (this.failAt === 'publish') throw new Error('connection lost while writing');
    this.published = set;
    this.outcome = outcome;
  }
  async failRun(_run: RunInfo, outcome: RunOutcome) {
    this.calls.push('failRun');
    this.outcome = outcome;
  }
  /** What the "last successful run" published, for the shrink guard. */
  live: Record<string, number> = {};
  async liveRowCounts() { return this.live; }
  async close() {}
}

const lines: string[] = [];
const logger: Logger = createLogger('debug', (l) => lines.push(l));
const options = { asAt: '2022-05-31' as IsoDate, windowMonths: 3, lookbackDays: 90, logger };

describe('runRefresh (sources → transform → warehouse)', () => {
  it('publishes the whole set once and reports counts and the sentence', async () => {
    const warehouse = new RecordingWarehouse();
    const summary = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse });
    assert.deepEqual(warehouse.calls, ['startRun 2022-05-31', 'priorHistory 2022-05-31 null', 'publish']);
    assert.equal(summary.status, 'succeeded');
    assert.equal(summary.rowsRead, 38);
    assert.equal(summary.rowsWritten, warehouse.outcome?.rowsWritten);
    assert.equal(warehouse.published?.tables.planned_assessment.length, 9);
    assert.match(summary.sentence ?? '', /^In the LAST 3 months 2 assessments started on time/);
    assert.ok(lines.some((l) => /INFO refresh succeeded run_id=\S+ rows_read=38/.test(l)));
  });

  it('marks the run failed (never published) when the warehouse write throws', async () => {
    const warehouse = new RecordingWarehouse('publish');
    const summary = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse });
    assert.deepEqual(warehouse.calls, ['startRun 2022-05-31', 'priorHistory 2022-05-31 null', 'publish', 'failRun']);
    assert.equal(summary.status, 'failed');
    assert.equal(summary.message, 'connection lost while writing');
    assert.equal(warehouse.outcome?.rowsWritten, 0);
  });

  it('fails before writing anything when the extract folder does not exist', async () => {
    const warehouse = new RecordingWarehouse();
    const summary = await runRefresh({ ...options, sourceDir: '/no/such/folder', warehouse });
    assert.deepEqual(warehouse.calls, ['startRun 2022-05-31', 'failRun']);
    assert.equal(summary.status, 'failed');
    assert.ok(warehouse.outcome?.issues.some((i) => i.rule === 'file_rejected'));
  });

  it('lets a refused lock through without logging a run', async () => {
    const warehouse = new RecordingWarehouse('startRun');
    await assert.rejects(runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse }), RefreshLockedError);
    assert.deepEqual(warehouse.calls, ['startRun 2022-05-31']);
  });

  it('words failures as one line naming file, line and column', () => {
    assert.equal(failureMessage(new ExtractError('episodes.csv', 'unclosed quote', 5, 'DECOM')), 'episodes.csv, line 5, column DECOM: unclosed quote');
    assert.equal(failureMessage(new ExtractError('episodes.csv', 'episodes.csv: bad', 5)), 'episodes.csv: bad');
    assert.equal(failureMessage(new TypeError('x')), 'TypeError: x');
  });

  it('counts issues by severity and rule, errors first', () => {
    const issue = (severity: 'error' | 'warning', rule: string) => ({ severity, rule, sourceFile: null, line: null, column: null, personId: null, message: '' });
    assert.deepEqual(countIssues([issue('warning', 'b'), issue('error', 'a'), issue('warning', 'b'), issue('warning', 'c')]), [
      { severity: 'error', rule: 'a', count: 1 },
      { severity: 'warning', rule: 'b', count: 2 },
      { severity: 'warning', rule: 'c', count: 1 },
    ]);
  });

  describe('the shrink guard', () => {
    it('fails the run, unpublished, when planned_assessment would lose more than half its rows, giving both counts', async () => {
      const warehouse = new RecordingWarehouse();
      warehouse.live = { planned_assessment: 41, cic_cohort: 9 };
      const summary = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse });
      assert.deepEqual(warehouse.calls, ['startRun 2022-05-31', 'priorHistory 2022-05-31 null', 'failRun']);
      assert.equal(summary.status, 'failed');
      assert.equal(summary.message, 'planned_assessment would shrink from 41 to 9 rows (78% fewer), more than PPOC_MAX_SHRINK_PERCENT (50%) allows; ' +
        'check the extract, or run again with --allow-shrink if the drop is deliberate');
      assert.ok(warehouse.outcome?.issues.some((i) => i.rule === 'table_shrink' && i.severity === 'error'));
    });

    it('lets the drop through with --allow-shrink (logged), or within PPOC_MAX_SHRINK_PERCENT, or with nothing published yet', async () => {
      const allowed = new RecordingWarehouse();
      allowed.live = { planned_assessment: 41, cic_cohort: 90 };
      lines.length = 0;
      const summary = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse: allowed, shrinkGuard: { maxPercent: 50, allow: true } });
      assert.equal(summary.status, 'succeeded');
      assert.ok(lines.some((l) => / WARN cic_cohort would shrink from 90 to 9 rows \(90% fewer\): allowed by --allow-shrink/.test(l)), lines.join('\n'));
      const within = new RecordingWarehouse();
      within.live = { planned_assessment: 41, cic_cohort: 9 };
      const loose = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse: within, shrinkGuard: { maxPercent: 80, allow: false } });
      assert.equal(loose.status, 'succeeded');
      const first = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse: new RecordingWarehouse() });
      assert.equal(first.status, 'succeeded');
    });
  });
});
