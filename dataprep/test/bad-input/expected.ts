import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `expected.json` of a bad-input case: what a run of the case's folder must do. */
export interface Expected {
  /** One line: what is broken. */
  description?: string;
  /** `ppoc-prep run`'s exit code. */
  exit: 0 | 1 | 2 | 3;
  /**
   * fails: the run fails (tables kept) with `message` in its reason; skipped: a row is skipped
   * with data-quality `rule`; warning: a warning with `rule`; succeeds: no row-level surprise.
   */
  outcome: 'fails' | 'skipped' | 'warning' | 'succeeds';
  /** fails: part of the failure reason; skipped/warning: part of the message. */
  message?: string;
  rule?: string;
  file?: string;
  line?: number;
  column?: string;
  /** Extra flags for `ppoc-prep run` (e.g. --allow-shrink). */
  args?: string[];
  /** Environment for the run (e.g. PPOC_MAX_XLSX_ROWS). */
  env?: Record<string, string>;
  /** Rows each named table must hold after a successful run. */
  rows?: Record<string, number>;
  /** Text that must appear in no output, log line or table afterwards. */
  never?: string[];
}

const OUTCOMES = new Set(['fails', 'skipped', 'warning', 'succeeds']);

export function readExpected(caseDir: string): Expected {
  const expected = JSON.parse(readFileSync(join(caseDir, 'expected.json'), 'utf8')) as Expected;
  if (!OUTCOMES.has(expected.outcome) || ![0, 1, 2, 3].includes(expected.exit)) {
    throw new Error(`${caseDir}/expected.json: outcome and exit are required`);
  }
  if (expected.outcome === 'fails' && !expected.message) throw new Error(`${caseDir}/expected.json: a failing case needs its message`);
  if ((expected.outcome === 'skipped' || expected.outcome === 'warning') && !expected.rule) {
    throw new Error(`${caseDir}/expected.json: a ${expected.outcome} case needs its rule`);
  }
  return expected;
}
