import { countSentence, formatSentence, parseStatusText, type IsoDate } from '../../../core/src/index';
import type { DataQualityIssue } from '../model/data-quality';
import type { FileReadStats } from '../model/source-records';

/**
 * What a refresh reports, and the wording shared with the read commands (`summary`), kept
 * apart from run-refresh so a command that only reads never loads the readers or the rules.
 */
export interface IssueCount {
  severity: DataQualityIssue['severity'];
  rule: string;
  count: number;
}

/** A rule with how often it occurred and its first occurrence, for "the five most frequent rules". */
export interface RuleExample extends IssueCount {
  example: DataQualityIssue;
}

export interface RefreshSummary {
  runId: string;
  status: 'succeeded' | 'failed';
  asAt: IsoDate;
  windowMonths: number;
  files: FileReadStats[];
  tables: { table: string; rows: number }[];
  rowsRead: number;
  rowsRejected: number;
  rowsWritten: number;
  issueCounts: IssueCount[];
  /** The most frequent rules, most frequent first, each with an example issue. */
  topIssues?: RuleExample[];
  sentence: string | null;
  message: string;
  durationMs: number;
  /** For a failed run: the step that failed and the file it names, if any (for alerts). */
  failedAt?: { step: string; file: string | null };
}

/** The summary sentence over planned_assessment rows, with the shared rules. */
export function sentenceFor(
  rows: readonly { status: string; predicted_start_date: string | null; actual_start_date: string | null }[],
  asAt: IsoDate, windowMonths: number,
): string {
  const counts = countSentence(
    rows.map((r) => ({
      status: parseStatusText(r.status), predicted: r.predicted_start_date as IsoDate | null,
      actual: r.actual_start_date as IsoDate | null,
    })),
    asAt, windowMonths,
  );
  return formatSentence(counts, windowMonths);
}

/** Counts by severity and rule: errors first, then the most frequent. */
export function countIssues(issues: readonly DataQualityIssue[]): IssueCount[] {
  return frequentIssueRules(issues, Infinity)
    .map(({ severity, rule, count }) => ({ severity, rule, count }))
    .sort((a, b) => a.severity.localeCompare(b.severity) || b.count - a.count || a.rule.localeCompare(b.rule));
}

/** Counts by severity and rule, the most frequent first (at most `limit`), each with its first issue. */
export function frequentIssueRules(issues: readonly DataQualityIssue[], limit = 5): RuleExample[] {
  const byRule = new Map<string, RuleExample>();
  for (const issue of issues) {
    const key = `${issue.severity}\u0000${issue.rule}`;
    const entry = byRule.get(key) ?? { severity: issue.severity, rule: issue.rule, count: 0, example: issue };
    entry.count += 1;
    byRule.set(key, entry);
  }
  return [...byRule.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule)).slice(0, limit);
}
