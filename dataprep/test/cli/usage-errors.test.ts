/**
 * Usage errors are one line and exit 2, whatever node:util's flag parser says (its message for
 * a negative number is three lines). Through `main`, the code the command runs.
 */
import assert from 'node:assert/strict';
import { resolveReadLimits, resolveShrinkGuard } from '../../src/cli/settings';
import { runInProcess } from '../helpers/in-process';

async function usage(argv: string[]): Promise<{ code: number | null; err: string[] }> {
  const { code, stderr } = await runInProcess(argv);
  return { code, err: stderr.trimEnd().split('\n') };
}

describe('ppoc-prep usage errors: one line, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['run', '--source', 'x', '--lookback-days', '-5'], /^ppoc-prep run: --lookback-days needs a value that does not start with "-" \(negative numbers are not allowed\) \(ppoc-prep run --help\)$/],
    [['status', '--limit', '-5'], /^ppoc-prep status: --limit needs a value that does not start with "-"/],
    [['demo-extract', '--out', 'x', '--children', '-5'], /^ppoc-prep demo-extract: --children needs a value that does not start with "-"/],
    [['run', '--source', 'x', '--lookback-days=-5'], /^ppoc-prep run: --lookback-days must be a whole number of days from 0 to 3660, got "-5"$/],
    [['status', '--limit=-5'], /^ppoc-prep status: --limit must be a positive whole number, got "-5"$/],
    [['demo-extract', '--out', 'x', '--children=-5'], /^ppoc-prep demo-extract: --children must be a whole number from 0 to 200000, got "-5"$/],
    [['run', '--sauce', 'x'], /^ppoc-prep run: Unknown option '--sauce'; did you mean "--source"\? \(ppoc-prep run --help\)$/],
    [['run', '--frobnicate'], /^ppoc-prep run: Unknown option '--frobnicate' \(ppoc-prep run --help\)$/],
    [['status', '--limit'], /^ppoc-prep status: Option '--limit <value>' argument missing/],
    [['frobnicate'], /^ppoc-prep: unknown command "frobnicate" \(ppoc-prep --help lists the commands\)$/],
    [['sumary'], /^ppoc-prep: unknown command "sumary"; did you mean "summary"\? \(ppoc-prep --help lists the commands\)$/],
  ];
  for (const [argv, expected] of cases) {
    it(argv.join(' '), async () => {
      const { code, err } = await usage(argv);
      assert.equal(code, 2);
      assert.equal(err.length, 1, err.join('\n'));
      assert.match(err[0], expected);
    });
  }
});

describe('settings: the shrink guard and the input limits', () => {
  it('PPOC_MAX_SHRINK_PERCENT defaults to 50, takes 0–100, and --allow-shrink overrides', () => {
    assert.deepEqual(resolveShrinkGuard(undefined, {}), { maxPercent: 50, allow: false });
    assert.deepEqual(resolveShrinkGuard(true, { PPOC_MAX_SHRINK_PERCENT: '90' }), { maxPercent: 90, allow: true });
    for (const bad of ['-1', '101', 'half', '50%']) {
      assert.throws(() => resolveShrinkGuard(false, { PPOC_MAX_SHRINK_PERCENT: bad }), /^UsageError: PPOC_MAX_SHRINK_PERCENT must be a percentage from 0 to 100/);
    }
  });

  it('PPOC_MAX_FILE_MB defaults to 500, PPOC_MAX_XLSX_ROWS to 1,000,000 and PPOC_MAX_COLUMNS to 200', () => {
    assert.deepEqual(resolveReadLimits({}), { maxFileBytes: 500 * 1024 * 1024, maxXlsxRows: 1_000_000, maxColumns: 200 });
    assert.deepEqual(
      resolveReadLimits({ PPOC_MAX_FILE_MB: '2.5', PPOC_MAX_XLSX_ROWS: '10', PPOC_MAX_COLUMNS: '30' }),
      { maxFileBytes: 2.5 * 1024 * 1024, maxXlsxRows: 10, maxColumns: 30 },
    );
    assert.throws(() => resolveReadLimits({ PPOC_MAX_FILE_MB: '0' }), /PPOC_MAX_FILE_MB must be a size in megabytes greater than 0, got "0"/);
    assert.throws(() => resolveReadLimits({ PPOC_MAX_XLSX_ROWS: '1.5' }), /PPOC_MAX_XLSX_ROWS must be a whole number of rows/);
    for (const bad of ['0x64', '1e3', '20.0', '+20']) {
      assert.throws(() => resolveReadLimits({ PPOC_MAX_COLUMNS: bad }), new RegExp(`^UsageError: PPOC_MAX_COLUMNS must be a whole number of columns from 1 to 100000, in decimal digits, got "${bad.replace('+', '\\+')}"$`), bad);
    }
    for (const bad of ['0', '-5', '100001', 'wide']) {
      assert.throws(() => resolveReadLimits({ PPOC_MAX_COLUMNS: bad }), new RegExp(`^UsageError: PPOC_MAX_COLUMNS must be a whole number of columns from 1 to 100000, got "${bad}"$`), bad);
    }
  });
});
