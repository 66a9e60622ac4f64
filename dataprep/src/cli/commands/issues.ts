import { parseFlags } from '../flags';
import { csvDocument } from '../../demo/csv';
import { excelSafe } from '../../export/csv';
import type { DataQualityIssue } from '../../model/data-quality';
import type { RuleExample } from '../../pipeline/run-summary';
import { withReader } from '../read-warehouse';
import { UsageError } from '../../settings/env';
import { textTable } from '../text-table';

export const ISSUES_HELP = `Usage: ppoc-prep issues [--rule R] [--file F] [--person ID] [--format text|csv]
                        [--sqlite FILE | --sqlserver CONN]

The data-quality issues of the latest finished run (succeeded or failed): severity, file, line,
column, person ID, rule and message, in file and line order. Filters match case-insensitively.
  --rule R          only this rule (e.g. invalid_date)
  --file F          only this source file (e.g. episodes.csv)
  --person ID       only this person ID
  --format text|csv an aligned table (default) or CSV for Excel (RFC 4180; an apostrophe goes
                    wherever a spreadsheet in any locale would start a formula, as export --excel-safe)`;

const COLUMNS = ['run_id', 'severity', 'source_file', 'line', 'column_name', 'person_id', 'rule', 'message'] as const;

function matches(issue: DataQualityIssue, filter: { rule?: string; file?: string; person?: string }): boolean {
  const same = (a: string | null, b: string | undefined) => b === undefined || (a ?? '').toLowerCase() === b.toLowerCase();
  return same(issue.rule, filter.rule) && same(issue.sourceFile, filter.file) && (filter.person === undefined || issue.personId === filter.person);
}

function rowOf(runId: string, i: DataQualityIssue): (string | number | null)[] {
  return [runId, i.severity, i.sourceFile, i.line, i.column, i.personId, i.rule, i.message];
}

export async function issuesCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({
    args,
    options: {
      rule: { type: 'string' }, file: { type: 'string' }, person: { type: 'string' }, format: { type: 'string' },
      sqlite: { type: 'string' }, sqlserver: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return (out(ISSUES_HELP), 0);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'csv') throw new UsageError(`--format must be text or csv, got "${format}"`);
  return withReader(values, async (warehouse) => {
    const run = await warehouse.latestFinishedRun();
    if (!run) throw new UsageError('no finished run yet: run "ppoc-prep run" first');
    const all = await warehouse.dataQualityIssues({ runId: run.run_id });
    const issues = all.filter((i) => matches(i, { rule: values.rule, file: values.file, person: values.person?.trim() }));
    if (format === 'csv') {
      out(csvDocument(COLUMNS, issues.map((i) => rowOf(run.run_id, i).map(excelSafe))).trimEnd());
      return 0;
    }
    const heading = `Data-quality issues of run ${run.run_id} (${run.status}, as at ${run.as_at_date}): ${issues.length} of ${all.length}`;
    if (issues.length === 0) {
      const rules = [...new Set(all.map((i) => i.rule))].sort();
      out(`${heading}.${rules.length ? ` Rules in this run: ${rules.join(', ')}.` : ''}`);
      return 0;
    }
    out(`${heading}\n\n${textTable(['Severity', 'File', 'Line', 'Column', 'Person', 'Rule', 'Message'],
      issues.map((i) => rowOf(run.run_id, i).slice(1)))}`);
    return 0;
  });
}

/** After `run`: the five most frequent rules, each with an example. */
export function frequentRules(top: readonly RuleExample[]): string {
  const lines = top.map(({ rule, severity, count, example: e }) => {
    const where = [e.sourceFile, e.line != null ? `line ${e.line}` : null, e.column ? `column ${e.column}` : null].filter(Boolean).join(', ');
    // A file-level message already starts with its file name: say it once.
    const message = e.sourceFile && e.message.startsWith(`${e.sourceFile}: `) ? e.message.slice(e.sourceFile.length + 2) : e.message;
    return `  ${rule} (${severity}, ${count}): e.g. ${where ? `${where}: ` : ''}${message}`;
  });
  return ['Most frequent data-quality rules (all of them: "ppoc-prep issues --rule RULE"):', ...lines].join('\n');
}
