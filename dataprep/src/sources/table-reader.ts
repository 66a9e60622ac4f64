import type { z } from 'zod';
import { ExtractError, type DataQualityIssue } from '../model/data-quality';
import { isDataQualityRule, type DataQualityRule } from '../model/data-quality-rules';
import type { FileFingerprint, FileReadStats, SourceFileName, SourceRef } from '../model/source-records';
import { cellText } from './cell-values';
import { PERSON_ID } from './readers/limits';
import { cleanCell, locateColumns, type ColumnSpec, type RawCell, type RowVisitor } from './raw-table';

/** A problem with one row found after its fields parsed (cross-field or cross-row rules). */
export interface RowFault {
  column: string | null;
  rule: DataQualityRule;
  message: string;
}

/** Turns the rows of one contract file into records (one per contract file in readers/). */
export interface FileDefinition<R extends SourceRef> {
  columns: readonly ColumnSpec[];
  /** The column holding the Mosaic person ID, reported on every issue of the row. */
  personIdColumn: string | null;
  /** Object schema keyed by contract column names. */
  schema: z.ZodType<Omit<R, keyof SourceRef>, Record<string, RawCell>>;
  /** A known-but-unusual value: the row is kept and a warning recorded. */
  warn?: (record: R) => RowFault | null;
  /** Cross-field rule for a parsed row. */
  check?: (record: R) => RowFault | null;
  /** Later rows with the same key are rejected with `duplicate`'s fault; the first is kept. */
  unique?: { key: (record: R) => string; duplicate: (record: R, firstLine: number) => RowFault };
}

export interface FileResult<R> {
  records: R[];
  issues: DataQualityIssue[];
  stats: FileReadStats;
}

/**
 * Validates one contract file's rows as the file reader hands them over (a RowVisitor), then
 * `finish()` gives the records, the row issues and the counts, or throws when most rows failed.
 */
export class TableCollector<R extends SourceRef> implements RowVisitor {
  private positions: number[] | null = null;
  private personAt = -1;
  private readonly records: R[] = [];
  private readonly issues: DataQualityIssue[] = [];
  private readonly firstLineByKey = new Map<string, number>();
  private readonly names: readonly string[];
  private rows = 0;
  private rejected = 0;

  constructor(
    private readonly file: SourceFileName,
    private readonly definition: FileDefinition<R>,
  ) {
    this.names = definition.columns.map((column) => column.name);
  }

  header(names: readonly string[], line: number): void {
    this.positions = locateColumns(this.file, names, line, this.definition.columns);
    const personColumn = this.names.indexOf(this.definition.personIdColumn ?? '');
    this.personAt = personColumn >= 0 ? this.positions[personColumn] : -1;
  }

  row(line: number, cells: readonly RawCell[]): void {
    const positions = this.positions as number[];
    this.rows++;
    const input: Record<string, RawCell> = {};
    for (let i = 0; i < positions.length; i++) input[this.names[i]] = positions[i] >= 0 ? cleanCell(cells[positions[i]]) : null;
    const parsed = this.definition.schema.safeParse(input);
    if (!parsed.success) {
      this.reject(line, cells, parsed.error.issues.map(faultOf));
      return;
    }
    const record = parsed.data as R;
    record.sourceFile = this.file;
    record.line = line;
    const fault = this.definition.check?.(record) ?? duplicateFault(this.definition, record, this.firstLineByKey);
    if (fault) {
      this.reject(line, cells, [fault]);
      return;
    }
    this.records.push(record);
    const warning = this.definition.warn?.(record);
    if (warning) this.record('warning', line, cells, warning);
  }

  finish(fingerprint?: FileFingerprint): FileResult<R> {
    assertMostlyValid(this.file, this.rows, this.rejected, this.issues);
    return { records: this.records, issues: this.issues, stats: this.stats(fingerprint) };
  }

  /** The counts so far (and what was read), also for a file that then fails. */
  stats(fingerprint?: FileFingerprint): FileReadStats {
    return { file: this.file, rowsRead: this.rows, rowsRejected: this.rejected, ...(fingerprint ? { fingerprint } : {}) };
  }

  private reject(line: number, cells: readonly RawCell[], faults: RowFault[]): void {
    this.rejected++;
    for (const fault of faults) this.record('error', line, cells, fault);
  }

  private record(severity: DataQualityIssue['severity'], line: number, cells: readonly RawCell[], fault: RowFault): void {
    const personId = this.personAt >= 0 ? readablePersonId(cleanCell(cells[this.personAt])) : null;
    this.issues.push({ severity, sourceFile: this.file, line, personId, ...fault });
  }
}

function duplicateFault<R extends SourceRef>(
  definition: FileDefinition<R>,
  record: R,
  firstLineByKey: Map<string, number>,
): RowFault | null {
  if (!definition.unique) return null;
  const key = definition.unique.key(record);
  const firstLine = firstLineByKey.get(key);
  if (firstLine === undefined) {
    firstLineByKey.set(key, record.line);
    return null;
  }
  return definition.unique.duplicate(record, firstLine);
}

function readablePersonId(cell: RawCell): string | null {
  const value = cellText(cell);
  return value !== null && value.length <= PERSON_ID ? value : null;
}

function faultOf(issue: z.core.$ZodIssue): RowFault {
  const column = typeof issue.path[0] === 'string' ? issue.path[0] : null;
  const rule = issue.code === 'custom' && isDataQualityRule(issue.params?.rule) ? issue.params.rule : 'invalid_value';
  // Non-custom zod messages can echo input; ours never do, so only custom messages pass through.
  const message = issue.code === 'custom' ? issue.message : `${column ?? 'the row'} is not valid`;
  return { column, rule, message };
}

/** More than half the data rows rejected means the wrong file or a broken export: stop the run. */
function assertMostlyValid(file: SourceFileName, rows: number, rejected: number, issues: DataQualityIssue[]): void {
  if (rows === 0 || rejected * 2 <= rows) return;
  const first = issues.find((issue) => issue.severity === 'error');
  const where = first ? ` (first: line ${first.line}${first.column ? `, column ${first.column}` : ''}: ${first.message})` : '';
  throw new ExtractError(file, `${file}: ${rejected} of ${rows} rows are invalid${where}`, first?.line ?? null, first?.column ?? null);
}
