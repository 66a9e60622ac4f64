import assert from 'node:assert/strict';
import type { IsoDate } from '../../../core/src/index';
import { createLogger, type Logger } from '../../src/pipeline/logger';
import { countIssues, failureMessage, runRefresh } from '../../src/pipeline/run-refresh';
import { ExtractError } from '../../src/model/data-quality';
import { NO_PRIOR_HISTORY, type RefreshSet } from '../../src/model/refresh-set';
import type { PastRun } from '../../src/model/run-figures';
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
  /** The figures earlier successful runs stored, newest first, for the shrink guards. */
  past: PastRun[] = [];
  async acceptedRunFigures(query: { asAt: string; runs: number }) {
    this.calls.push(`acceptedRunFigures ${query.asAt} ${query.runs}`);
    return this.past;
  }
  async close() {}
}

const lines: string[] = [];
const logger: Logger = createLogger('debug', (l) => lines.push(l));
const options = { asAt: '2022-05-31' as IsoDate, windowMonths: 3, lookbackDays: 90, logger };
const GUARDED = 'acceptedRunFigures 2022-05-31 7';
/** An earlier run that had these figures (the example extract has 9 plans, 9 children, 9 rows per file). */
const earlier = (values: Record<string, number>, accepted: string[] = []): PastRun => ({
  runId: 'earlier', asAtDate: '2022-05-30' as IsoDate, values, accepted: new Set(accepted),
});

describe('runRefresh (sources → transform → warehouse)', () => {
  it('publishes the whole set once and reports counts and the sentence', async () => {
    const warehouse = new RecordingWarehouse();
    const summary = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse });
    assert.deepEqual(warehouse.calls, ['startRun 2022-05-31', 'priorHistory 2022-05-31 null', GUARDED, 'publish']);
    assert.equal(summary.status, 'succeeded');
    assert.equal(summary.rowsRead, 38);
    assert.deepEqual(warehouse.outcome?.figures, {
      values: {
        'table_rows:planned_assessment': 9, 'table_rows:cic_cohort': 9, plans_with_worker_or_team: 9, actual_starts_12_months: 3,
        'file_rows:episodes': 9, 'file_rows:allocations': 9, 'file_rows:assessments': 3, 'file_rows:predictions': 9,
      },
      accepted: new Set(),
    }, 'the figures are stored with the run');
    assert.equal(summary.rowsWritten, warehouse.outcome?.rowsWritten);
    assert.equal(warehouse.published?.tables.planned_assessment.length, 9);
    assert.match(summary.sentence ?? '', /^In the LAST 3 months 2 assessments started on time/);
    assert.ok(lines.some((l) => /INFO refresh succeeded run_id=\S+ rows_read=38/.test(l)));
  });

  it('marks the run failed (never published) when the warehouse write throws', async () => {
    const warehouse = new RecordingWarehouse('publish');
    const summary = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse });
    assert.deepEqual(warehouse.calls, ['startRun 2022-05-31', 'priorHistory 2022-05-31 null', GUARDED, 'publish', 'failRun']);
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

  describe('the shrink guards', () => {
    it('fail the run, unpublished, when planned_assessment would lose more than half its rows, giving both counts; its figures are kept', async () => {
      const warehouse = new RecordingWarehouse();
      warehouse.past = [earlier({ 'table_rows:planned_assessment': 41, 'table_rows:cic_cohort': 9 })];
      const summary = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse });
      assert.deepEqual(warehouse.calls, ['startRun 2022-05-31', 'priorHistory 2022-05-31 null', GUARDED, 'failRun']);
      assert.equal(summary.status, 'failed');
      assert.equal(summary.failedAt?.step, 'the shrink guards');
      assert.equal(summary.message, 'planned_assessment would shrink from 41 to 9 rows (78% fewer), more than PPOC_MAX_SHRINK_PERCENT (50%) ' +
        'allows against the largest of the last 7 accepted runs; check the extract, or run again with --allow-shrink if the drop is deliberate');
      assert.ok(warehouse.outcome?.issues.some((i) => i.rule === 'table_shrink' && i.severity === 'error'));
      assert.equal(warehouse.outcome?.figures?.values['table_rows:planned_assessment'], 9);
      assert.deepEqual(warehouse.outcome?.figures?.accepted, new Set());
    });

    it('--allow-shrink accepts every fall at once: logged, and recorded so the run becomes the base of those figures', async () => {
      const allowed = new RecordingWarehouse();
      allowed.past = [earlier({ 'table_rows:planned_assessment': 41, 'table_rows:cic_cohort': 90, 'file_rows:allocations': 80 })];
      lines.length = 0;
      const summary = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse: allowed, shrinkGuard: { maxPercent: 50, allow: true } });
      assert.equal(summary.status, 'succeeded');
      assert.ok(lines.some((l) => / WARN cic_cohort would shrink from 90 to 9 rows \(90% fewer\): accepted by --allow-shrink/.test(l)), lines.join('\n'));
      assert.ok(lines.some((l) => / WARN allocations\.csv has 9 data rows, down from 80 \(89% fewer\): accepted/.test(l)), lines.join('\n'));
      assert.deepEqual(allowed.outcome?.figures?.accepted, new Set(['table_rows:planned_assessment', 'table_rows:cic_cohort', 'file_rows:allocations']));
    });

    it('let a fall within PPOC_MAX_SHRINK_PERCENT through, and a first run', async () => {
      const within = new RecordingWarehouse();
      within.past = [earlier({ 'table_rows:planned_assessment': 41, 'table_rows:cic_cohort': 9 })];
      const loose = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse: within, shrinkGuard: { maxPercent: 80, allow: false } });
      assert.equal(loose.status, 'succeeded');
      const first = await runRefresh({ ...options, sourceDir: EXAMPLE_EXTRACT, warehouse: new RecordingWarehouse() });
      assert.equal(first.status, 'succeeded');
    });
  });
});
