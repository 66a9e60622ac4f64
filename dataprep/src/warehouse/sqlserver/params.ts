/**
 * Typed parameters for the run log and data-quality rows. Lengths come from the catalog, so
 * a parameter is never declared wider or narrower than its column.
 */
import type { DataQualityIssue } from '../../model/data-quality';
import { TABLES, type TableDef } from '../../model/tables';
import type { RunInfo, RunOutcome, RunStatus } from '../warehouse';
import { calendarDateValue, sqlTypeOf } from './columns';
import type { SqlParam, SqlValue } from './connector';

/** Parameter typed like `table.column`. */
export function param(table: TableDef, column: string, value: SqlValue, name = column): SqlParam {
  const def = table.columns.find((c) => c.name === column);
  if (!def) throw new Error(`catalog table ${table.name} has no column ${column}`);
  return { name, type: sqlTypeOf(def), value };
}

/** Our own messages and paths may exceed a column; cut them rather than fail the log write. */
export function fit(text: string | null, table: TableDef, column: string): string | null {
  const max = table.columns.find((c) => c.name === column)?.maxLength;
  if (text === null || max === undefined || text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

const log = TABLES.refresh_log;

/** All refresh_log columns as parameters; `running` until finishParams says otherwise. */
export function runningParams(run: RunInfo): SqlParam[] {
  return logParams(run, 'running', null);
}

export function finishParams(run: RunInfo, outcome: RunOutcome, status: RunStatus): SqlParam[] {
  return logParams(run, status, outcome);
}

function logParams(run: RunInfo, status: RunStatus, outcome: RunOutcome | null): SqlParam[] {
  const values: Record<string, SqlValue> = {
    run_id: run.runId,
    started_at_utc: new Date(run.startedAtUtc),
    finished_at_utc: outcome ? new Date(outcome.finishedAtUtc) : null,
    status,
    as_at_date: calendarDateValue(run.asAtDate),
    source: fit(run.source, log, 'source'),
    rows_read: outcome?.rowsRead ?? 0,
    rows_rejected: outcome?.rowsRejected ?? 0,
    rows_written: outcome?.rowsWritten ?? 0,
    message: outcome ? fit(outcome.message, log, 'message') : null,
    window_months: run.windowMonths,
  };
  return log.columns.map((c) => {
    if (!(c.name in values)) throw new Error(`refresh_log.${c.name} has no value: add it to logParams`);
    return param(log, c.name, values[c.name]);
  });
}

/** One issue as a data_quality_issue row (catalog column order). */
export function issueRow(runId: string, issue: DataQualityIssue): SqlValue[] {
  const dq = TABLES.data_quality_issue;
  return [
    runId,
    issue.severity,
    fit(issue.sourceFile, dq, 'source_file'),
    issue.line,
    fit(issue.column, dq, 'column_name'),
    fit(issue.personId, dq, 'person_id'),
    fit(issue.rule, dq, 'rule'),
    fit(issue.message, dq, 'message'),
  ];
}

/** Parameters `@r{row}_c{col}` for a multi-row INSERT of `rows`. */
export function valuesParams(table: TableDef, rows: readonly SqlValue[][]): SqlParam[] {
  return rows.flatMap((row, r) => table.columns.map((c, i) => ({ name: `r${r}_c${i}`, type: sqlTypeOf(c), value: row[i] })));
}
