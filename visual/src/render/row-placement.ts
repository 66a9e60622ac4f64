// The rows' heights for a virtualized table. One-line rows: one height for all. Wrapped values:
// each row's height is estimated from its texts' lengths and the columns' widths until the row
// has been on screen, then measured; measured heights are kept per row (through sorts) while
// the widths, fonts and padding stay the same. After the rows on screen are measured, what the
// rows above the first visible one gained or lost is returned, so the table can scroll by it and
// keep what the user sees still (no jump while estimates turn into real heights).
import type { ColumnModel, RowModel } from '../converter/view-model';
import { MeasuredHeights, UniformHeights, type RowHeights } from './row-heights';
import type { RowGeometry } from './table-layout';
import { ptToPx } from './text-measure';

/** An average character of a proportional font, in ems (for estimates only). */
const AVERAGE_CHAR_EM = 0.52;
const MAX_ESTIMATED_LINES = 12;

export interface PlacementInput {
  rows: readonly RowModel[];
  columns: readonly ColumnModel[];
  geometry: RowGeometry;
  widths: readonly number[];
  fontSizePt: number;
  /** Virtualized (more rows than are all rendered). */
  virtual: boolean;
}

export class RowPlacement {
  heights: RowHeights = new UniformHeights(0, 27);
  private measured = new Map<number, number>();
  private estimated = new Map<number, number>();
  private key = '';

  /** Heights for the rows in their order; measured heights survive a sort, not a width change. */
  place(input: PlacementInput): void {
    const { rows, geometry } = input;
    if (!geometry.wrap || !input.virtual) {
      this.heights = new UniformHeights(rows.length, geometry.rowHeight);
      return;
    }
    const key = `${input.widths.join(',')}|${input.fontSizePt}|${geometry.rowHeight}|${input.columns.map((c) => c.sourceIndex).join(',')}`;
    if (key !== this.key) {
      this.key = key;
      this.measured.clear();
      this.estimated.clear();
    }
    const estimate = this.estimator(input);
    this.heights = new MeasuredHeights(rows.length, (position) => {
      const index = rows[position].index;
      return this.measured.get(index) ?? this.estimated.get(index) ?? this.remember(index, estimate(rows[position]));
    });
  }

  get measuring(): boolean {
    return this.heights instanceof MeasuredHeights;
  }

  /**
   * Reads the heights of the rendered rows (positions `first`…); returns how far the offset of
   * row `anchor` moved (the sum of the changes above it).
   */
  measure(trs: HTMLCollectionOf<HTMLTableRowElement>, first: number, rows: readonly RowModel[], anchor: number): number {
    const heights = this.heights;
    if (!(heights instanceof MeasuredHeights)) return 0;
    let shift = 0;
    const read: number[] = [];
    for (let i = 0; i < trs.length; i++) read.push(trs[i].offsetHeight);
    read.forEach((height, i) => {
      const position = first + i;
      if (!(height > 0) || position >= rows.length) return;
      this.measured.set(rows[position].index, height);
      const delta = heights.set(position, height);
      if (position < anchor) shift += delta;
    });
    return shift;
  }

  private remember(index: number, height: number): number {
    this.estimated.set(index, height);
    return height;
  }

  /** Lines each wrapping column needs at an average character width; the row takes the most. */
  private estimator({ columns, widths, geometry, fontSizePt }: PlacementInput): (row: RowModel) => number {
    const charPx = ptToPx(fontSizePt) * AVERAGE_CHAR_EM;
    const wrapping = columns
      .map((column, i) => ({ source: column.sourceIndex, perLine: Math.max(1, Math.floor(((widths[i] ?? 0) - geometry.chrome.across) / charPx)) }))
      .filter((_, i) => columns[i].kind === 'text' && columns[i].sourceIndex >= 0);
    const extra = geometry.rowHeight - geometry.lineHeight;
    return (row) => {
      let lines = 1;
      for (const { source, perLine } of wrapping) {
        const value = row.raw[source];
        const length = typeof value === 'string' ? value.length : 0;
        if (length > perLine) lines = Math.max(lines, Math.ceil(length / perLine));
      }
      return Math.min(lines, MAX_ESTIMATED_LINES) * geometry.lineHeight + extra;
    };
  }
}
