import type { PlannedAssessmentFilter, RefreshLogEntry, SourceFileRow, WarehouseReader } from '../warehouse/warehouse';
import { describeId } from '../model/value-shape';
import { UsageError } from '../settings/env';
import { textTable } from './text-table';

/**
 * The operations side of the read commands (issue 11): typos are errors, Mosaic workflows in
 * `explain`, the source files and the age check in `status`. IDs, codes and dates only.
 */

/** explain: an ID in no table of the latest run is a typo, not a child without plans. */
export async function assertPersonKnown(warehouse: WarehouseReader, personId: string, run: RefreshLogEntry): Promise<void> {
  if (await warehouse.personKnown(personId, run.run_id)) return;
  throw new UsageError(
    `no person with ID ${personId} in the extract of run ${run.run_id} (as at ${run.as_at_date}): ` +
      'not in any care episode, prediction, assessment workflow or data-quality issue; check the ID',
  );
}

function listSome(values: readonly string[], max = 25): string {
  const shown = values.slice(0, max).map((v) => `"${v}"`).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/** summary: a locality or team that does not occur names itself and the values that do (matching ignores case). */
export async function assertFilterValuesOccur(
  warehouse: WarehouseReader, filter: PlannedAssessmentFilter, run: RefreshLogEntry,
): Promise<void> {
  for (const column of ['locality', 'team'] as const) {
    const given = filter[column];
    if (given === undefined) continue;
    const known = await warehouse.distinctValues(column);
    if (known.some((v) => v.toLowerCase() === given.trim().toLowerCase())) continue;
    const plural = column === 'locality' ? 'localities' : 'teams';
    throw new UsageError(
      `--${column} "${given}" does not occur in run ${run.run_id}; ${known.length ? `${plural} that do: ${listSome(known)}` : `the run has no ${plural}`}`,
    );
  }
}

/** explain: every workflow of the child in assessments.csv, and why it did or did not count. */
export async function workflowLines(warehouse: WarehouseReader, personId: string): Promise<string[]> {
  const workflows = await warehouse.assessmentWorkflows(personId);
  if (workflows.length === 0) return ['  Mosaic workflows: none in assessments.csv for this person.'];
  return [
    '  Mosaic workflows (assessments.csv):',
    ...workflows.map((w) => `    ${describeId(w.workflow_id)}: ${w.qualifies === 'Yes' ? 'qualifies' : 'does not qualify'}: ${w.reason}`),
  ];
}

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

/** status: what the latest finished run read. */
export function sourceFilesTable(run: RefreshLogEntry, files: readonly SourceFileRow[]): string {
  if (files.length === 0) return `Run ${run.run_id} (${run.status}) read no source file.`;
  return `Source files of run ${run.run_id} (${run.status}):\n${textTable(
    ['File', 'Size', 'Modified (UTC)', 'SHA-256', 'Read', 'Rejected'],
    files.map((f) => [f.file_name, sizeText(f.size_bytes), f.modified_at_utc, `${f.sha256.slice(0, 16)}…`, f.rows_read, f.rows_rejected]),
  )}`;
}

/** A stored UTC timestamp; one edited by hand as `YYYY-MM-DD HH:MM:SS` (SQLite's datetime()) is read as UTC too. */
function utcInstant(text: string): number {
  const iso = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  return Date.parse(iso);
}

/** status --max-age-hours N: one line for a monitor, and whether the last success is recent enough. */
export function lastSuccessAge(run: RefreshLogEntry | null, maxAgeHours: number, now: Date): { ok: boolean; line: string } {
  const limit = `${maxAgeHours} ${maxAgeHours === 1 ? 'hour' : 'hours'}`;
  if (!run?.finished_at_utc) return { ok: false, line: `STALE: no successful run recorded (limit ${limit}).` };
  const hours = (now.getTime() - utcInstant(run.finished_at_utc)) / 3_600_000;
  const ok = hours <= maxAgeHours;
  const age = `${(Math.floor(hours * 10) / 10).toFixed(1)} hours ago (${run.finished_at_utc}, as at ${run.as_at_date})`;
  return {
    ok,
    line: ok
      ? `OK: the last successful run ${run.run_id} finished ${age}, within ${limit}.`
      : `STALE: the last successful run ${run.run_id} finished ${age}, more than ${limit}.`,
  };
}

/**
 * status: which as-at date the live tables are for, and whether a backfill (or a run with an
 * older --as-at) left them older than the newest date already published. Dates after today do
 * not count: a run mistakenly dated in the future would otherwise flag every later run.
 */
export function liveTablesCheck(live: RefreshLogEntry | null, succeededDates: readonly string[], today: string): { ok: boolean; line: string } {
  if (!live?.as_at_date) return { ok: true, line: 'Live tables: none yet (no successful run).' };
  const newest = succeededDates.filter((date) => date <= today).reduce((a, b) => (b > a ? b : a), live.as_at_date);
  const where = `as at ${live.as_at_date} (run ${live.run_id})`;
  if (newest <= live.as_at_date) return { ok: true, line: `Live tables: ${where}.` };
  return {
    ok: false,
    line: `REWOUND: the live tables are ${where}, older than ${newest}, the newest as-at date of a successful run: ` +
      'a backfill (or a run with an older --as-at) replaced them; run "ppoc-prep run" to bring them up to date.',
  };
}
