import type { DataQualityIssue } from '../model/data-quality';
import type { DataQualityRule } from '../model/data-quality-rules';
import type { SourceRef } from '../model/source-records';
import { issuePersonId } from '../model/value-shape';

/** Where a finding points: the record it comes from (file and line), a column, a person. */
export interface IssueAt {
  ref?: SourceRef | null;
  /** A file named without a specific row (e.g. the file a missing row should be in). */
  sourceFile?: string | null;
  column?: string | null;
  personId?: string | null;
}

/**
 * Collects the transform's findings. Messages carry IDs, codes and dates only, never a
 * name or any free text from the files.
 */
export class IssueLog {
  readonly issues: DataQualityIssue[] = [];

  warn(rule: DataQualityRule, message: string, at: IssueAt = {}): void {
    this.add('warning', rule, message, at);
  }

  error(rule: DataQualityRule, message: string, at: IssueAt = {}): void {
    this.add('error', rule, message, at);
  }

  private add(severity: DataQualityIssue['severity'], rule: DataQualityRule, message: string, at: IssueAt): void {
    const { personId, note } = issuePersonId(at.personId ?? null);
    this.issues.push({
      severity,
      sourceFile: at.ref?.sourceFile ?? at.sourceFile ?? null,
      line: at.ref?.line ?? null,
      column: at.column ?? null,
      personId,
      rule,
      message: message + note,
    });
  }
}
