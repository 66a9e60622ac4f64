import { parseFlags } from '../flags';
import { DEFAULT_WINDOW_MONTHS, todayInTimeZone, type IsoDate } from '../../../../core/src/index';
import { sentenceFor } from '../../pipeline/run-summary';
import type { PlannedAssessmentFilter } from '../../warehouse/warehouse';
import { assertFilterValuesOccur, assertPersonKnown, lastSuccessAge, liveTablesCheck, sourceFilesTable, workflowLines } from '../operations-reads';
import { NoDatabaseError, withReader } from '../read-warehouse';
import { TARGET_FLAGS } from '../settings';
import { decimalSetting, UsageError } from '../../settings/env';
import { textTable } from '../text-table';

const TARGET_OPTIONS = { ...TARGET_FLAGS, help: { type: 'boolean', short: 'h' } } as const;

export const SUMMARY_HELP = `Usage: ppoc-prep summary [--sqlite FILE | --sqlserver CONN] [--locality NAME] [--team NAME]
                         [--assessment-type SGO|Reunification] [--full-care-order Yes|No]

Prints the summary sentence (worded as docs/rules.md says, one line) for the latest successful run and filter.
A locality or team that does not occur in the run is an error (exit 2) listing the values that do;
values match case-insensitively.`;

export const EXPLAIN_HELP = `Usage: ppoc-prep explain PERSON_ID [--sqlite FILE | --sqlserver CONN]

Why each of the child's plans is or is not on the dashboard: dates, matching assessments,
status, every Mosaic workflow of the child with why it did or did not count, and the
data-quality issues recorded against the child in the latest run. An ID that is in no table
of the latest successful run is an error (exit 2): "no person with ID … in the extract of run …".`;

export const STATUS_HELP = `Usage: ppoc-prep status [--sqlite FILE | --sqlserver CONN] [--limit N] [--max-age-hours N]

The last runs from refresh_log, newest first, the source files the latest finished run read
(size, modification time, SHA-256, rows) and the as-at date of the live tables. Exit 1 when the
live tables are older than the newest as-at date already published (a backfill of older folders,
or a run with an older --as-at, replaced them): "ppoc-prep run" brings them up to date.
  --max-age-hours N   for monitors: one line only; exit 0 when the last successful run finished
                      within N hours and the live tables were not rewound, 1 otherwise
                      (Task Scheduler, SCOM, Nagios, cron wrappers)`;

export async function summaryCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({
    args,
    options: {
      ...TARGET_OPTIONS, locality: { type: 'string' }, team: { type: 'string' },
      'assessment-type': { type: 'string' }, 'full-care-order': { type: 'string' },
    },
    strict: true,
  });
  if (values.help) return (out(SUMMARY_HELP), 0);
  const filter = summaryFilter(values);
  return withReader(values, async (warehouse) => {
    const run = await warehouse.latestSuccessfulRun();
    if (!run || !run.as_at_date) throw new UsageError('no successful run yet: run "ppoc-prep run" first');
    await assertFilterValuesOccur(warehouse, filter, run);
    const rows = await warehouse.plannedAssessments(filter);
    out(sentenceFor(rows, run.as_at_date as IsoDate, run.window_months ?? DEFAULT_WINDOW_MONTHS));
    return 0;
  });
}

function summaryFilter(values: Record<string, string | boolean | undefined>): PlannedAssessmentFilter {
  const type = values['assessment-type'] as string | undefined;
  const fco = values['full-care-order'] as string | undefined;
  const canonicalType = type === undefined ? undefined : ['SGO', 'Reunification'].find((t) => t.toLowerCase() === type.toLowerCase());
  if (type !== undefined && !canonicalType) throw new UsageError(`--assessment-type must be SGO or Reunification, got "${type}"`);
  const canonicalFco = fco === undefined ? undefined : (['Yes', 'No'] as const).find((v) => v.toLowerCase() === fco.toLowerCase());
  if (fco !== undefined && !canonicalFco) throw new UsageError(`--full-care-order must be Yes or No, got "${fco}"`);
  return {
    locality: values.locality as string | undefined,
    team: values.team as string | undefined,
    assessmentType: canonicalType,
    fullCareOrder: canonicalFco,
  };
}

export async function explainCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseFlags({ args, options: TARGET_OPTIONS, strict: true, allowPositionals: true });
  if (values.help) return (out(EXPLAIN_HELP), 0);
  if (positionals.length !== 1) throw new UsageError('explain needs exactly one PERSON_ID');
  const personId = positionals[0].trim();
  return withReader(values, async (warehouse) => {
    const run = await warehouse.latestSuccessfulRun();
    if (!run) throw new UsageError('no successful run yet: run "ppoc-prep run" first');
    await assertPersonKnown(warehouse, personId, run);
    const explanations = await warehouse.planExplanations(personId);
    const listed = (await warehouse.plannedAssessments()).filter((r) => r.person_id === personId);
    const issues = await warehouse.dataQualityIssues({ runId: run.run_id, personId });
    const lines = [`Person ${personId}, run ${run.run_id} as at ${run.as_at_date}:`];
    if (explanations.length === 0) {
      lines.push('  No prediction and no qualifying assessment for this person: nothing to list.',
        '  (An SGO start needs the section-9 date; a reunification start needs the section-2 box ticked.)');
    }
    for (const e of explanations) lines.push(`  ${e.assessment_type}: ${e.reason}`);
    for (const r of listed) {
      lines.push(`  On the dashboard: ${r.assessment_type} predicted ${r.predicted_start_date}, ` +
        `actual ${r.actual_start_date ?? 'none'}, status ${r.status}, ${r.prediction_revisions} revision(s), ` +
        `FCO ${r.full_care_order}, team ${r.team ?? 'unknown'}.`);
    }
    lines.push(...(await workflowLines(warehouse, personId)));
    if (issues.length) {
      lines.push('  Data-quality issues:');
      for (const i of issues) lines.push(`    ${i.severity} ${i.rule} (${i.sourceFile ?? '-'} line ${i.line ?? '-'}${i.column ? `, ${i.column}` : ''}): ${i.message}`);
    }
    out(lines.join('\n'));
    return 0;
  });
}

export async function statusCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({
    args, options: { ...TARGET_OPTIONS, limit: { type: 'string' }, 'max-age-hours': { type: 'string' } }, strict: true,
  });
  if (values.help) return (out(STATUS_HELP), 0);
  const limit = values.limit === undefined ? 10 : decimalSetting({ value: values.limit, from: '--limit' }, { min: 1, max: 1e6, whole: true, what: 'a positive whole number' });
  const maxAge = values['max-age-hours'];
  if (maxAge !== undefined) {
    return monitorStatus(values, decimalSetting({ value: maxAge, from: '--max-age-hours' }, { min: 0, aboveMin: true, max: 1e6, what: 'a number of hours above 0' }), out);
  }
  return withReader(values, async (warehouse) => {
    const rewind = liveTablesCheck(await warehouse.latestSuccessfulRun(), await warehouse.succeededAsAtDates(), todayInTimeZone('Europe/London'));
    const runs = await warehouse.recentRuns(limit);
    if (runs.length === 0) return (out('No runs recorded yet.'), 0);
    out(textTable(
      ['Run', 'Started (UTC)', 'Finished (UTC)', 'Status', 'As at', 'Read', 'Rejected', 'Written', 'Message'],
      runs.map((r) => [r.run_id, r.started_at_utc, r.finished_at_utc, r.status, r.as_at_date, r.rows_read, r.rows_rejected,
        r.rows_written, r.message]),
    ));
    const finished = await warehouse.latestFinishedRun();
    if (finished) out(`\n${sourceFilesTable(finished, await warehouse.sourceFiles(finished.run_id))}`);
    out(`\n${rewind.line}`);
    return rewind.ok ? 0 : 1;
  });
}

/**
 * status --max-age-hours N, for monitors: one line, exit 0 when the last successful run is
 * recent and the live tables were not rewound, 1 otherwise; a SQLite file that holds no
 * database of the job (missing, empty, not a file, not SQLite) is a line and exit 1 too.
 */
async function monitorStatus(values: { sqlite?: string; sqlserver?: string }, maxAgeHours: number, out: (text: string) => void): Promise<number> {
  try {
    return await withReader(values, async (warehouse) => {
      const live = await warehouse.latestSuccessfulRun();
      const rewind = liveTablesCheck(live, await warehouse.succeededAsAtDates(), todayInTimeZone('Europe/London'));
      const age = lastSuccessAge(live, maxAgeHours, new Date());
      out(age.ok && !rewind.ok ? rewind.line : age.line);
      return age.ok && rewind.ok ? 0 : 1;
    });
  } catch (error) {
    if (!(error instanceof NoDatabaseError)) throw error;
    out(`STALE: ${error.message}`);
    return 1;
  }
}
