/**
 * `doctor` runs what the job runs: every read `run` and `backfill` make (the ledger, the figures
 * of earlier runs the shrink guards compare with, the history a run builds on, the run log), as the
 * configured login, each with harmless parameters, in one transaction it rolls back, one row
 * each at most. A read refused for a missing grant (error 229) names the one GRANT that fixes it.
 * The permission test fails when the job sends a read that is not listed here.
 */
import type { IsoDate } from '../../../../../core/src/index';
import { TABLES } from '../../../model/tables';
import { calendarDateValue } from '../columns';
import { SqlServerRequestError } from '../connection-errors';
import { DATE, INT, type SqlConnector, type SqlParam } from '../connector';
import { param } from '../params';
import { SELECT_LATEST_FINISHED, SELECT_SOURCE_FILES } from '../operations-statements';
import {
  APPLIED_MIGRATIONS, LOCK_PRINCIPAL, SELECT_ACCEPTED_RUN_FIGURES, SELECT_HISTORY_LATEST_BY_PLAN, SELECT_HISTORY_MONTH_ENDS, SELECT_HISTORY_PLACES,
  SELECT_LATEST_SUCCESS, SELECT_RECENT_RUNS, SELECT_SUCCEEDED_AS_AT_DATES,
} from '../statements';

export interface JobRead {
  name: string;
  sql: string;
  params: SqlParam[];
}

/** Every read of `run` and `backfill`, and the run-log reads of `status` (latest finished, recent runs, source files), as doctor runs them. */
export function jobReads(today: IsoDate): JobRead[] {
  const history = [
    { name: 'before', type: DATE, value: calendarDateValue(today) },
    { name: 'from', type: DATE, value: null },
  ];
  return [
    { name: 'the migration ledger', sql: APPLIED_MIGRATIONS, params: [] },
    {
      name: 'the figures of earlier runs (the shrink guards)', sql: SELECT_ACCEPTED_RUN_FIGURES,
      params: [{ name: 'as_at_date', type: DATE, value: calendarDateValue(today) }, { name: 'runs', type: INT, value: 1 }],
    },
    { name: 'the history (month ends)', sql: SELECT_HISTORY_MONTH_ENDS, params: history },
    { name: 'the history (latest by plan)', sql: SELECT_HISTORY_LATEST_BY_PLAN, params: history },
    { name: 'the history (places)', sql: SELECT_HISTORY_PLACES, params: history },
    { name: 'the run log (latest success)', sql: SELECT_LATEST_SUCCESS, params: [] },
    { name: 'the run log (latest finished)', sql: SELECT_LATEST_FINISHED, params: [] },
    { name: 'the run log (recent runs)', sql: SELECT_RECENT_RUNS, params: [{ name: 'limit', type: INT, value: 1 }] },
    { name: 'the run log (dates done)', sql: SELECT_SUCCEEDED_AS_AT_DATES, params: [] },
    { name: 'the source files of a run', sql: SELECT_SOURCE_FILES, params: [param(TABLES.source_file, 'run_id', '')] },
  ];
}

/** Around the reads, in their transaction: a refused read does not end the others; one row each. */
export const READS_BEGIN = 'SET XACT_ABORT OFF;\nSET ROWCOUNT 1;';
export const READS_END = 'SET ROWCOUNT 0;\nSET XACT_ABORT ON;';

export interface ReadFailure {
  read: string;
  message: string;
  /** The GRANT a DBA runs, when SQL Server said which permission on which object is missing. */
  grant?: string;
}

/** `GRANT SELECT ON OBJECT::ppoc.vw_x TO ppoc_writer;` from error 229's message, or undefined. */
export function grantFor(message: string): string | undefined {
  const m = /The (\w+) permission was denied on the object '([^']+)', database '[^']*', schema '([^']+)'/.exec(message);
  return m ? `GRANT ${m[1]} ON OBJECT::${m[3]}.${m[2]} TO ${LOCK_PRINCIPAL};` : undefined;
}

/**
 * Runs every read in one transaction it rolls back: XACT_ABORT off so a refused read does not end
 * the others, ROWCOUNT 1 so a year of history is not carried over the network; both put back.
 */
export async function runJobReads(connector: SqlConnector, today: IsoDate): Promise<{ ran: number; failures: ReadFailure[] }> {
  const reads = jobReads(today);
  const failures: ReadFailure[] = [];
  const tx = await connector.begin();
  try {
    await tx.query(READS_BEGIN);
    for (const read of reads) {
      try {
        await tx.query(read.sql, read.params);
      } catch (error) {
        const message = (error as Error).message.split('\n')[0];
        failures.push({ read: read.name, message, grant: error instanceof SqlServerRequestError ? grantFor(message) : undefined });
      }
    }
    await tx.query(READS_END);
  } finally {
    await tx.rollback();
  }
  return { ran: reads.length, failures };
}
