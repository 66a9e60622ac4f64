import { parseFlags } from '../flags';
import { exportTables } from '../../export/write-export';
import { printable } from '../../files/printable';
import { textTable } from '../text-table';
import { withReader } from '../read-warehouse';
import { TARGET_FLAGS } from '../settings';
import { UsageError } from '../../settings/env';

export const EXPORT_HELP = `Usage: ppoc-prep export --out DIR [--sqlite FILE | --sqlserver CONNECTION] [--excel-safe]

Writes every curated table, plan_status_history and timeliness_by_month of the latest successful
run as DIR/<table>.csv: UTF-8, a header of the column names, ISO dates (YYYY-MM-DD), Yes/No flags,
RFC 4180 quoting, CRLF line ends. For Power BI Desktop (Get data > Folder) or Excel. DIR is
created owner-only (0700) if absent; each file is created owner-only (0600) and replaces the
previous one only when complete. On SQL Server it reads the views and ppoc.refresh_log (the job's
ppoc_writer login can).

  --out DIR       folder for the CSV files
  --excel-safe    put an apostrophe before = + - @ at the start of a text cell, and after a , ; | tab
                  or line break followed by one (Smith;'=HYPERLINK(...)), so a spreadsheet opening the
                  file directly shows them as text in any locale (this changes those values: not for Power BI)`;

export async function exportCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({ args, options: { ...TARGET_FLAGS, out: { type: 'string' }, 'excel-safe': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) return (out(EXPORT_HELP), 0);
  const dir = values.out;
  if (!dir || dir.trim() === '') throw new UsageError('export needs --out DIR');
  return withReader(values, async (warehouse) => {
    if (!(await warehouse.latestSuccessfulRun())) throw new UsageError('no successful run yet: run "ppoc-prep run" first');
    const result = await exportTables(warehouse, dir, { excelSafe: values['excel-safe'] ?? false }).catch((error: unknown) => {
      // A SQLite file from before release 2 that no run has upgraded yet.
      if (/no such (table|column)/.test(String((error as Error).message))) {
        throw new UsageError('the database predates this version\'s tables: run "ppoc-prep migrate" (or a refresh) first');
      }
      throw error;
    });
    out(`Exported run ${result.runId} (as at ${result.asAt}) to ${printable(dir)}:`);
    out(textTable(['File', 'Rows'], result.files.map((f) => [f.file, f.rows])));
    const risky = result.files.reduce((n, f) => n + f.formulaLike, 0);
    if (risky > 0) {
      out(`Note: ${risky} text cells start with = + - or @ (or have one after a , ; | tab or line break), which a spreadsheet ` +
        'opening the file directly may run as a formula' +
        (values['excel-safe'] ? ' (prefixed with an apostrophe, as asked).' : '. Open the files in Excel through Data > From Text/CSV, or export with --excel-safe.'));
    }
    return 0;
  });
}
