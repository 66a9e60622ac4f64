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

/**
 * The filter-context lines, from the rows received. Null: the line is left out (the Full Care
 * Order role unbound with no format-pane text; with no rows, every value taken from rows, which
 * then tell nothing about the filters: "All" would be untrue).
 */
export interface HeaderLines {
  fullCareOrder: string | null;
  localityTeam: string | null;
  assessmentType: string | null;
  status: string | null;
  placementType: string | null;
}

export type ViewState = 'landing' | 'empty' | 'rows';

export type DateRole = 'predictedStartDate' | 'actualStartDate' | 'asAtDate';

/**
 * Values of a date field that are not dates: numbers (a date hierarchy's Year bound by mistake)
 * or text in a format the visual cannot read. They are shown as they arrived, warned about
 * (naming the field), and the sentence is not counted.
 */
export interface DateProblem {
  /** The field well (role) and the bound field's name in it, as the author sees them. */
  role: string;
  field: string;
  numbers: number;
  texts: number;
  /** The longest such value as text (for the column's width). */
  longest: string;
}

export type DateProblems = Partial<Record<DateRole, DateProblem>>;

export interface ViewModel {
  state: ViewState;
  columns: ColumnModel[];
  tooltipFields: TooltipField[];
  rows: RowModel[];
  /** The date statuses and windows are computed against (rules.md: today when no row gives one). */
  asAt: IsoDate;
  /** True when a row gave the as-at date: only then is it shown ("Data as at …"). */
  asAtFromData: boolean;
  /** True when a field is bound to As At Date. */
  asAtBound: boolean;
  windowMonths: number;
  counts: SentenceCounts;
  /** Rows per status, for the legend. */
  statusCounts: Record<StatusKey, number>;
  /** False when no status can be shown (Status unbound and no predicted date to derive it from). */
  hasStatus: boolean;
  dateProblems: DateProblems;
  /** False when a date field holds something other than dates: the sentence says so. */
  canCount: boolean;
  header: HeaderLines;
}
