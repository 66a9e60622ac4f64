// Sort keys of every column are built while the browser is idle, one column per idle slot and
// only when the slot is long enough, so a later click sorts at once and no frame is held up.
// It starts a moment after rendering, so the frames that show an update come first.
import type { RowSorter } from '../sorting/sorter';
import { safe } from './selection';

type IdleDeadline = { timeRemaining(): number };
type RequestIdle = (callback: (deadline: IdleDeadline) => void) => number;

/** About the time one text column's keys take at 30,000 rows on a slow machine. */
const MIN_IDLE_MS = 20;
const START_AFTER_MS = 300;

export class KeyWarmer {
  private sorter: RowSorter | null = null;

  start(sorter: RowSorter | null): void {
    const idle = (globalThis as { requestIdleCallback?: RequestIdle }).requestIdleCallback;
    if (typeof idle !== 'function' || !sorter || this.sorter === sorter) return;
    this.sorter = sorter;
    const step = (deadline: IdleDeadline) => {
      if (this.sorter !== sorter) return;
      let more = true;
      if (deadline.timeRemaining() >= MIN_IDLE_MS) more = safe(() => sorter.warmNext()) === true;
      if (more) idle(step);
    };
    setTimeout(() => this.sorter === sorter && idle(step), START_AFTER_MS);
  }

  stop(): void {
    this.sorter = null;
  }
}
