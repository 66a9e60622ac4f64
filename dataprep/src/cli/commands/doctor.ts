import { parseFlags } from '../flags';
import { formatCheck, type CheckResult } from '../../warehouse/checks';
import { logRetries } from '../open-warehouse';
import { resolveTarget, TARGET_FLAGS, TARGET_FLAGS_HELP } from '../settings';

export const DOCTOR_HELP = `Usage: ppoc-prep doctor [--sqlite FILE | --sqlserver CONN [--sqlserver-ca-file PEM]]

Checks the target end to end, one line per check: "ok", or "FAIL" with the exact fix ("skip"
when this login or machine cannot see what a check needs). Without a target flag it checks
what "run" would use (PPOC_SQLSERVER if set, else the SQLite file).
SQL Server, in order, stopping where later checks cannot run: settings, SQL Browser (named
instance without a port), TCP, TLS and certificate trust, login, database, server version,
schema version, database owner, roles, the login's permissions (a missing one as the GRANT to
run), the reads a run makes run as this login (in a transaction rolled back), the staging and
retired twins, the refresh lock, the last run.
SQLite: the file, owner-only permissions, schema version, integrity, the last run.
Exit 0 when every check passed, 1 when one failed, 2 for a usage or settings error.
${TARGET_FLAGS_HELP}`;

export async function doctorCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({ args, options: { ...TARGET_FLAGS, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) return (out(DOCTOR_HELP), 0);
  const target = resolveTarget(values, process.env);
  const results: CheckResult[] = [];
  const report = (result: CheckResult) => {
    results.push(result);
    out(formatCheck(result));
  };
  if (target.sqlserver) {
    out('ppoc-prep doctor: SQL Server');
    const { sqlServerDoctor } = await import('../../warehouse/sqlserver/doctor/index');
    await sqlServerDoctor(target.sqlserver, { env: process.env, flags: { caFile: target.sqlserverCaFile }, report, connectorOptions: logRetries() });
  } else {
    out(`ppoc-prep doctor: SQLite ${target.sqlite}`);
    const { sqliteDoctor } = await import('../../warehouse/sqlite/doctor');
    sqliteDoctor(target.sqlite).forEach(report);
  }
  const failures = results.filter((r) => r.status === 'FAIL');
  const skips = results.filter((r) => r.status === 'skip').length;
  out(failures.length === 0
    ? `doctor: ${results.length - skips} checks passed${skips ? `, ${skips} skipped (see why above)` : ''}`
    : `doctor: ${failures.length} of ${results.length} checks failed; fix the first (${failures[0].check}) first`);
  return failures.length === 0 ? 0 : 1;
}
