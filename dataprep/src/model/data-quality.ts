/** One data-quality finding: a skipped row (error) or a known-but-unusual value (warning). */
export interface DataQualityIssue {
  severity: 'error' | 'warning';
  /** Contract file name, e.g. `episodes.csv`; null for findings not tied to one file. */
  sourceFile: string | null;
  /** 1-based line in the file (the header is line 1); null when not tied to a row. */
  line: number | null;
  /** Header name as the contract spells it (e.g. `DECOM`, `start_date`); null for a whole row. */
  column: string | null;
  /** The Mosaic person ID (an identifier, never a name). */
  personId: string | null;
  /**
   * Stable machine-readable rule name, e.g. `invalid_date`: one of `DATA_QUALITY_RULES` when the
   * job records it (text here, as stored); docs/source-contract.md explains each.
   */
  rule: string;
  /** Human message; must not contain names or other personal fields. */
  message: string;
}

/** A file-level problem: the run fails before anything is written. */
export class ExtractError extends Error {
  constructor(
    readonly sourceFile: string,
    message: string,
    readonly line: number | null = null,
    readonly column: string | null = null,
  ) {
    super(message);
    this.name = 'ExtractError';
  }
}
