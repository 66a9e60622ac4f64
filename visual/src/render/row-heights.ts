// Where each row sits in a virtualized table. One-line rows share one height (offsets are
// arithmetic). Wrapped rows grow to their text, so their heights differ: each starts as an
// estimate from its texts' lengths and the columns' widths, becomes the real height once the
// row has been on screen (measured, and remembered per row while the widths and fonts stay),
// and a Fenwick tree keeps the offsets, so finding the row at a scroll offset is O(log rows).
import { RENDER_ALL_LIMIT, type RowWindow } from './table-layout';

export interface RowHeights {
  readonly count: number;
  total(): number;
  offsetOf(position: number): number;
  heightOf(position: number): number;
  /** The row whose box holds `offset` (clamped to the rows). */
  indexAt(offset: number): number;
}

export class UniformHeights implements RowHeights {
  constructor(
    readonly count: number,
    readonly height: number,
  ) {}

  total(): number {
    return this.count * this.height;
  }

  offsetOf(position: number): number {
    return position * this.height;
  }

  heightOf(): number {
    return this.height;
  }

  indexAt(offset: number): number {
    return Math.max(0, Math.min(this.count - 1, Math.floor(offset / this.height)));
  }
}

export class MeasuredHeights implements RowHeights {
  private readonly heights: Float64Array;
  /** Fenwick tree over the heights (1-based). */
  private readonly tree: Float64Array;

  constructor(
    readonly count: number,
    heightAt: (position: number) => number,
  ) {
    this.heights = new Float64Array(count);
    this.tree = new Float64Array(count + 1);
    for (let i = 0; i < count; i++) {
      this.heights[i] = heightAt(i);
      this.tree[i + 1] += this.heights[i];
      const parent = i + 1 + ((i + 1) & -(i + 1));
      if (parent <= count) this.tree[parent] += this.tree[i + 1];
    }
  }

  total(): number {
    return this.offsetOf(this.count);
  }

  offsetOf(position: number): number {
    let sum = 0;
    for (let i = Math.min(position, this.count); i > 0; i -= i & -i) sum += this.tree[i];
    return sum;
  }

  heightOf(position: number): number {
    return this.heights[position] ?? 0;
  }

  /** Sets a row's height; returns the change. */
  set(position: number, height: number): number {
    const delta = height - this.heights[position];
    if (delta === 0) return 0;
    this.heights[position] = height;
    for (let i = position + 1; i <= this.count; i += i & -i) this.tree[i] += delta;
    return delta;
  }

  indexAt(offset: number): number {
    // The largest prefix whose sum is ≤ offset, by descending the tree's powers of two.
    let position = 0;
    let rest = offset;
    for (let step = highestPowerOfTwo(this.count); step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.count && this.tree[next] <= rest) {
        position = next;
        rest -= this.tree[next];
      }
    }
    return Math.max(0, Math.min(this.count - 1, position));
  }
}

function highestPowerOfTwo(n: number): number {
  let power = 1;
  while (power * 2 <= n) power *= 2;
  return n > 0 ? power : 0;
}

/**
 * The rows to render for a rows area `areaHeight` px high (the table's height minus its header),
 * with `overscan` rows more above and below so a fast scroll never shows a blank.
 */
export function visibleWindow(heights: RowHeights, scrollTop: number, areaHeight: number, overscan: number): RowWindow {
  const rowCount = heights.count;
  if (rowCount <= RENDER_ALL_LIMIT) return { first: 0, last: rowCount, virtual: false };
  if (heights instanceof UniformHeights) {
    const rowHeight = heights.height;
    const height = Math.max(areaHeight, rowHeight);
    const first = Math.max(0, Math.min(rowCount - 1, Math.floor(scrollTop / rowHeight) - overscan));
    // Without overscan, one more row for the one a scroll offset between rows shows in part.
    const last = Math.min(rowCount, first + Math.ceil(height / rowHeight) + Math.max(1, 2 * overscan));
    return { first, last, virtual: true };
  }
  const first = Math.max(0, heights.indexAt(scrollTop) - overscan);
  const last = Math.min(rowCount, heights.indexAt(scrollTop + Math.max(areaHeight, 1)) + 1 + Math.max(1, overscan));
  return { first, last, virtual: true };
}
