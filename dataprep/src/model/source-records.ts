import type { IsoDate } from '../../../core/src/index';

/**
 * Typed, validated rows of the extract folder (docs/source-contract.md). Each
 * record remembers where it came from so later rules can report file and line.
 */
export interface SourceRef {
  sourceFile: string;
  line: number;
}

export interface EpisodeRecord extends SourceRef {
  child: string;
  decom: IsoDate;
  ls: string;
  place: string;
  placeProvider: string;
  dec: IsoDate | null;
  rec: string | null;
}

/** SSDA903 Header: personal fields are read but never logged. */
export interface HeaderRecord extends SourceRef {
  child: string;
  sex: string | null;
  dob: IsoDate | null;
}

export interface AllocationRecord extends SourceRef {
  personId: string;
  childName: string | null;
  socialWorker: string | null;
  team: string | null;
  locality: string | null;
}

export interface TeamRecord extends SourceRef {
  team: string;
  locality: string;
}

export type WorkflowType = 'SGO' | 'SINGLE';
export const WORKFLOW_TYPES: readonly WorkflowType[] = ['SGO', 'SINGLE'];

export interface AssessmentRecord extends SourceRef {
  personId: string;
  workflowId: string;
  /** `SGO` or `SINGLE` in that spelling; any other type is kept as written (it never qualifies). */
  workflowType: WorkflowType | (string & {});
  startDate: IsoDate | null;
  forReunification: boolean | null;
}

export type AssessmentType = 'SGO' | 'Reunification';
export const ASSESSMENT_TYPES: readonly AssessmentType[] = ['SGO', 'Reunification'];

export interface PredictionRecord extends SourceRef {
  personId: string;
  assessmentType: AssessmentType;
  predictedStartDate: IsoDate;
  /** Sortable `YYYY-MM-DDTHH:MM:SS` (time `00:00:00` when only a date was given). */
  submittedAt: string;
  /** The calendar date of `submittedAt`. */
  submittedOn: IsoDate;
  submittedBy: string | null;
}

export interface ExclusionRecord extends SourceRef {
  personId: string;
  reason: string | null;
  /** Null when the file gives no date: the exclusion applies from always. */
  excludedOn: IsoDate | null;
}

export interface UserAccessRecord extends SourceRef {
  userPrincipalName: string;
  /** A locality name or `All`. */
  locality: string;
  team: string | null;
}

export type TargetMeasure =
  | 'assessments_started'
  | 'assessments_started_on_time'
  | 'sgo_exits'
  | 'reunification_exits'
  | 'plans';
export const TARGET_MEASURES: readonly TargetMeasure[] = [
  'assessments_started',
  'assessments_started_on_time',
  'sgo_exits',
  'reunification_exits',
  'plans',
];

export interface TargetRecord extends SourceRef {
  /** A locality name or `All`. */
  locality: string;
  measure: TargetMeasure;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  target: number;
}

/** Contract file names, exactly as they appear in the extract folder. */
export type SourceFileName =
  | 'episodes.csv'
  | 'header.csv'
  | 'allocations.csv'
  | 'teams.csv'
  | 'assessments.csv'
  | 'predictions.csv'
  | 'predictions.xlsx'
  | 'exclusions.csv'
  | 'user_access.csv'
  | 'targets.csv';

/** The contract's required files (docs/source-contract.md); predictions come as .csv or .xlsx. */
export const REQUIRED_FILES: readonly SourceFileName[] = ['episodes.csv', 'allocations.csv', 'assessments.csv', 'predictions.csv', 'predictions.xlsx'];

export function isRequiredFile(name: string): name is SourceFileName {
  return (REQUIRED_FILES as readonly string[]).includes(name);
}

export interface FileReadStats {
  file: SourceFileName;
  /** Data rows read (header excluded). */
  rowsRead: number;
  /** Rows skipped as errors. */
  rowsRejected: number;
  /** What was read: size, modification time and content hash (source_file). */
  fingerprint?: FileFingerprint;
}

/** A source file as read: its size and modification time, and the SHA-256 of the bytes read. */
export interface FileFingerprint {
  sizeBytes: number;
  /** ISO instant, UTC. */
  modifiedAtUtc: string;
  sha256: string;
}

/** Everything the transform needs, already validated. Optional files absent → empty arrays. */
export interface SourceData {
  episodes: EpisodeRecord[];
  header: HeaderRecord[];
  allocations: AllocationRecord[];
  teams: TeamRecord[];
  assessments: AssessmentRecord[];
  predictions: PredictionRecord[];
  exclusions: ExclusionRecord[];
  userAccess: UserAccessRecord[];
  /** Null when `targets.csv` is absent (then `target_progress` is empty). */
  targets: TargetRecord[] | null;
}
