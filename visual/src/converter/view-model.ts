import type { IsoDate, SentenceCounts, StatusKey } from '../../../core/src/index';
import type { RoleKind, RoleName } from '../roles';

export interface ColumnModel {
  role: RoleName;
  kind: RoleKind;
  /** The bound field's display name. */
  title: string;
  /** Index of the column in dataView.table.columns (and in each source row). */
  sourceIndex: number;
}

export interface RowModel {
  /** Index in dataView.table.rows: used for the selection identity, built only when visible. */
  index: number;
  /**
   * The DataView row itself. Cells are read from it (cellValue) only when needed: for the
   * rows on screen, a sort key or a header line. Converting 30,000 × 11 cells up front is
   * what makes other table visuals slow.
   */
  raw: readonly unknown[];
  status: StatusKey | null;
  predicted: IsoDate | null;
  actual: IsoDate | null;
}

export interface HeaderLines {
  fullCareOrder: string | null;
  localityTeam: string;
  assessmentType: string;
  status: string;
  placementType: string;
}

export type ViewState = 'landing' | 'empty' | 'rows';

export interface ViewModel {
  state: ViewState;
  columns: ColumnModel[];
  rows: RowModel[];
  asAt: IsoDate;
  asAtFromData: boolean;
  windowMonths: number;
  counts: SentenceCounts;
  sentence: string;
  header: HeaderLines;
}
