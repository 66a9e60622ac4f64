import type { z } from 'zod';
import { ExtractError, type DataQualityIssue } from '../model/data-quality';
import { isDataQualityRule } from '../model/data-quality-rules';
import type { FileFingerprint, FileReadStats, SourceFileName, SourceRef } from '../model/source-records';
import { cellText } from './cell-values';
import { INVALID, type Field } from './fields';
import { issuePersonId } from '../model/value-shape';
import type { FileDefinition, RowFault } from './file-definition';
import { cleanCell, locateColumns, type RawCell, type RowVisitor } from './raw-table';
import { rowSchema } from './row-schema';

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
  private readonly names: readonly string[];
  private readonly fields: readonly Field<unknown>[];
  /** The row being read, keyed by contract column: reused, the record copies what it keeps. */
  private readonly values: Record<string, unknown> = {};
  private schema: z.ZodType<Record<string, unknown>, Record<string, RawCell>> | null = null;
  private readonly uniqueKeys: UniqueKeys<R> | null;
  private rows = 0;
  private rejected = 0;

  constructor(
    private readonly file: SourceFileName,
    private readonly definition: FileDefinition<R>,
  ) {
    this.names = definition.columns.map((column) => column.name);
    this.fields = this.names.map((name) => definition.fields[name]);
    this.uniqueKeys = definition.unique ? new UniqueKeys(definition.unique) : null;
  }

  header(names: readonly string[], line: number): void {
    this.positions = locateColumns(this.file, names, line, this.definition.columns);
    const personColumn = this.names.indexOf(this.definition.personIdColumn ?? '');
    this.personAt = personColumn >= 0 ? this.positions[personColumn] : -1;
  }

  /**
   * The fast path: each field's reader, straight into the record. A row with any invalid cell
   * is read again through the zod schema of the same readers, which names every problem.
   */
  row(line: number, cells: readonly RawCell[]): void {
    const positions = this.positions as number[];
    const values = this.values;
    this.rows++;
    for (let i = 0; i < positions.length; i++) {
      const value = this.fields[i].read(positions[i] >= 0 ? cleanCell(cells[positions[i]]) : null, invalid);
      if (value === INVALID) {
        this.rowWithProblems(line, cells);
        return;
      }
      values[this.names[i]] = value;
    }
    this.accept(this.definition.record(values, this.file, line), line, cells);
  }

  private rowWithProblems(line: number, cells: readonly RawCell[]): void {
    const positions = this.positions as number[];
    const input: Record<string, RawCell> = {};
    for (let i = 0; i < positions.length; i++) input[this.names[i]] = positions[i] >= 0 ? cleanCell(cells[positions[i]]) : null;
    this.schema ??= rowSchema(this.definition);
    const parsed = this.schema.safeParse(input);
    if (parsed.success) this.accept(this.definition.record(parsed.data, this.file, line), line, cells);
    else this.reject(line, cells, parsed.error.issues.map(faultOf));
  }

  private accept(record: R, line: number, cells: readonly RawCell[]): void {
    const fault = this.definition.check?.(record) ?? this.uniqueKeys?.fault(record, this.records) ?? null;
    if (fault) {
      this.reject(line, cells, [fault]);
      return;
    }
    this.records.push(record);
    const warning = this.definition.warn?.(record);
    if (warning) this.record('warning', line, cells, warning);
  }

  warning(line: number, cells: readonly RawCell[], fault: RowFault): void {
    this.record('warning', line, cells, fault);
  }

  finish(fingerprint?: FileFingerprint): FileResult<R> {
    assertMostlyValid(this.file, this.rows, this.rejected, this.issues);
    return { records: this.records, issues: this.issues, stats: this.stats(fingerprint) };
  }

  /** The row issues so far, also for a file that then fails (as its counts are). */
  rowIssues(): readonly DataQualityIssue[] {
    return this.issues;
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
    const { personId, note } = issuePersonId(this.personAt >= 0 ? cellText(cleanCell(cells[this.personAt])) : null);
    this.issues.push({ severity, sourceFile: this.file, line, personId, ...fault, message: fault.message + note });
  }
}

/** The fast path's reject: only whether the cell is valid; the schema says why it is not. */
const invalid = (): typeof INVALID => INVALID;

/** Duplicates found by scanning the kept rows before a map of every key's first line is built. */
const SCANNED_DUPLICATES = 16;

/**
 * The unique keys seen so far, one set operation per row; the first line of a key is looked
 * up only for a duplicate (from the records kept).
 */
class UniqueKeys<R extends SourceRef> {
  private readonly seen = new Set<string>();
  private duplicates = 0;
  private firstLines: Map<string, number> | null = null;

  constructor(private readonly unique: NonNullable<FileDefinition<R>['unique']>) {}

  fault(record: R, kept: readonly R[]): RowFault | null {
    const key = this.unique.key(record);
    const size = this.seen.size;
    this.seen.add(key);
    if (this.seen.size > size) {
      this.firstLines?.set(key, record.line);
      return null;
    }
    return this.unique.duplicate(record, this.firstLine(key, kept));
  }

  /**
   * The line of the kept row with this key. A file's few duplicates are found by a scan of the
   * kept rows (no map of every key); after many, a map of every key's first line is kept.
   */
  private firstLine(key: string, kept: readonly R[]): number {
    this.duplicates++;
    if (this.firstLines === null && this.duplicates <= SCANNED_DUPLICATES) {
      for (let i = 0; i < kept.length; i++) if (this.unique.key(kept[i]) === key) return kept[i].line;
    }
    if (this.firstLines === null) {
      this.firstLines = new Map();
      for (const earlier of kept) {
        const earlierKey = this.unique.key(earlier);
        if (!this.firstLines.has(earlierKey)) this.firstLines.set(earlierKey, earlier.line);
      }
    }
    return this.firstLines.get(key) as number;
  }
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
