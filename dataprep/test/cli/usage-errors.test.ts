/**
 * Usage errors are one line and exit 2, whatever node:util's flag parser says (its message for
 * a negative number is three lines). Through `main`, the code the command runs.
 */
import assert from 'node:assert/strict';
import {
  checkEnvSettings, resolveHistoryDays, resolveLookbackDays, resolveReadLimits, resolveShrinkGuard, resolveWindowMonths,
} from '../../src/cli/settings';
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

describe('usage messages stay one line whatever was typed (issue 20)', () => {
  const forged = '\nERROR forged second line';
  const cases: [string[], Record<string, string>, RegExp][] = [
    [['run', '--source', 'x', '--as-at', `2022-05-31${forged}`], {}, /^ppoc-prep run: --as-at must be a calendar date YYYY-MM-DD or DD\/MM\/YYYY, got "2022-05-31\\nERROR forged second line"$/],
    [['run', '--source', 'x'], { PPOC_AS_AT: `2022-05-31${forged}` }, /^ppoc-prep run: PPOC_AS_AT must be a calendar date .*, got "2022-05-31\\nERROR forged second line"$/],
    [['status'], { PPOC_LOG_LEVEL: `info${forged}` }, /^ppoc-prep status: PPOC_LOG_LEVEL must be debug, info, warn or error, got "info\\nerror forged second line"$/],
    [['schedule', '--cron', `* * * * *${forged}`, '--source', 'x'], {}, /^ppoc-prep schedule: --cron \(or PPOC_SCHEDULE\) must be a valid cron expression, got "\* \* \* \* \*\\nERROR forged second line"$/],
    [['schedule', '--source', 'x'], { PPOC_SCHEDULE: `\x1b[31m* * * * *${forged}` }, /^ppoc-prep schedule: .*got "\\x1b\[31m\* \* \* \* \*\\nERROR forged second line"$/],
    [[`status${forged}`], {}, /^ppoc-prep: unknown command "status\\nERROR forged second line" \(ppoc-prep --help lists the commands\)$/],
    [['run', `--sauce${forged}`], {}, /^ppoc-prep run: Unknown option '--sauce\\nERROR forged second line' \(ppoc-prep run --help\)$/],
    [['explain', `1${forged}`, 'extra'], {}, /^ppoc-prep explain: explain needs exactly one PERSON_ID$/],
  ];
  for (const [argv, env, expected] of cases) {
    it(`${JSON.stringify(argv)} ${JSON.stringify(env)}`, async () => {
      const { code, stderr } = await runInProcess(argv, env);
      const err = stderr.trimEnd().split('\n');
      assert.equal(code, 2, stderr);
      assert.equal(err.length, 1, stderr);
      assert.match(err[0], expected);
    });
  }
});

describe('numbers in settings and flags are decimal only (issue 20)', () => {
  /** Every PPOC_* number, a value it takes, and whether it takes a fraction. */
  const NUMBERS: [string, string, boolean][] = [
    ['PPOC_MAX_SHRINK_PERCENT', '10', true], ['PPOC_MAX_FILE_MB', '10', true], ['PPOC_MAX_XLSX_ROWS', '10', false],
    ['PPOC_MAX_COLUMNS', '10', false], ['PPOC_MAX_EXTRACT_AGE_HOURS', '10', true], ['PPOC_PROGRESS_AFTER_SECONDS', '10', true],
    ['PPOC_WINDOW_MONTHS', '10', false], ['PPOC_LOOKBACK_DAYS', '10', false], ['PPOC_HISTORY_DAYS', '10', false],
  ];
  const check = (env: Record<string, string>) => {
    checkEnvSettings(['progress', 'limits', 'shrink', 'staleness'], env);
    resolveWindowMonths(undefined, env);
    resolveLookbackDays(undefined, env);
    resolveHistoryDays(undefined, env);
  };

  it('every PPOC_* number takes decimal digits, and refuses hex, binary, octal, exponents, Infinity, a plus sign or a space inside', () => {
    for (const [key, good, fraction] of NUMBERS) {
      check({ [key]: good });
      if (fraction) check({ [key]: '2.5' });
      for (const bad of ['0x0A', '0b1010', '0o12', '1e1', 'Infinity', '+10', '1 0', '.5', ...(fraction ? [] : ['10.0'])]) {
        assert.throws(() => check({ [key]: bad }), (error: unknown) => {
          assert.match(String(error), new RegExp(`^UsageError: ${key} must be .*, got "${bad.replace('+', '\\+').replace('.', '\\.')}"$`));
          return true;
        }, `${key}=${bad}`);
      }
    }
  });

  it('PPOC_MAX_SHRINK_PERCENT=0x64 stops a run with one line (it was read as 100 and turned the guard off)', async () => {
    const { code, stderr } = await runInProcess(['run', '--source', 'x'], { PPOC_MAX_SHRINK_PERCENT: '0x64' });
    assert.equal(code, 2);
    assert.equal(stderr, 'ppoc-prep run: PPOC_MAX_SHRINK_PERCENT must be a percentage from 0 to 100, in decimal digits, got "0x64"\n');
  });

  it('flags too: --limit, --max-age-hours, --window-months, --lookback-days, --history-days, --children, --seed', async () => {
    const cases: string[][] = [
      ['status', '--limit', ' 5'], ['status', '--max-age-hours', '0x1A'], ['run', '--source', 'x', '--window-months', '0x3'],
      ['run', '--source', 'x', '--lookback-days', '9e1'], ['run', '--source', 'x', '--history-days', 'Infinity'],
      ['demo-extract', '--out', 'x', '--children', '1e2'], ['demo-extract', '--out', 'x', '--seed', '0x10'],
    ];
    for (const argv of cases) {
      const { code, stderr } = await runInProcess(argv);
      assert.equal(code, 2, `${argv.join(' ')}: ${stderr}`);
      assert.match(stderr, new RegExp(`^ppoc-prep ${argv[0]}: ${argv.at(-2)} must be [^\\n]*, got "${argv.at(-1)?.replace('.', '\\.')}"\\n$`));
    }
  });
});
