import type { IsoDate, SentenceCounts, StatusKey } from '../../../core/src/index';
import type { ColumnRole, RoleKind } from '../roles';

export interface ColumnModel {
  role: ColumnRole;
  kind: RoleKind;
  /** The bound field's display name. */
  title: string;
  /** Index of the column in dataView.table.columns (and in each source row); -1 when derived. */
  sourceIndex: number;
  /** True for the Status column shown from the derived statuses when Status is unbound. */
  derived?: boolean;
}

/** A field bound to the Tooltips role: shown on hover only. */
export interface TooltipField {
  title: string;
  sourceIndex: number;
  kind: 'date' | 'number' | 'text';
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
  /** Null: no Full Care Order line (role unbound and no format-pane text). */
  fullCareOrder: string | null;
  localityTeam: string;
  assessmentType: string;
  status: string;
  placementType: string;
}

export type ViewState = 'landing' | 'empty' | 'rows';

/** Date texts in a format the visual cannot read: shown as they are, and warned about once. */
export interface UnreadableDates {
  count: number;
  /** The longest such text per date column (for the column's width). */
  longest: Partial<Record<'predictedStartDate' | 'actualStartDate', string>>;
}

export interface ViewModel {
  state: ViewState;
  columns: ColumnModel[];
  tooltipFields: TooltipField[];
  rows: RowModel[];
  asAt: IsoDate;
  asAtFromData: boolean;
  windowMonths: number;
  counts: SentenceCounts;
  /** Rows per status, for the legend. */
  statusCounts: Record<StatusKey, number>;
  /** False when no status can be shown (Status unbound and no predicted date to derive it from). */
  hasStatus: boolean;
  unreadableDates: UnreadableDates;
  sentence: string;
  header: HeaderLines;
}
