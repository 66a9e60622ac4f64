// Which sort the table shows, from three sources kept in step: the author's clicks (saved in
// the report, object `sort`), the sort saved in the report when it opens, and Power BI's own
// sort of the data (its "Sort by" menu, or the visual's applyCustomSort echoed back). A new
// host sort that the visual did not ask for wins and is saved, so the saved sort follows it.
import powerbi from 'powerbi-visuals-api';
import type { ColumnModel } from '../converter/view-model';
import { applyHostSort, readHostSort } from './host-sort';
import { readPersistedSort, sortKey } from './persisted-sort';
import type { SortSpec } from './sorter';

export class SortState {
  spec: SortSpec = [];
  private persistedKey: string | null = null;
  private hostKey = '';
  /** The host sort the visual last asked for: when it comes back, it is not a new choice. */
  private askedKey: string | null = null;

  /** On each data update; true when the host's sort changed the spec (it should then be saved). */
  restore(dataView: powerbi.DataView | undefined, columns: readonly ColumnModel[]): boolean {
    const host = readHostSort(dataView, columns);
    const hostKey = sortKey(host);
    const hostChanged = hostKey !== this.hostKey && hostKey !== this.askedKey && host.length > 0;
    this.hostKey = hostKey;
    const persisted = readPersistedSort(dataView);
    const persistedKey = sortKey(persisted);
    if (persistedKey !== this.persistedKey) {
      this.persistedKey = persistedKey;
      if (persisted && !hostChanged) this.spec = persisted;
    }
    if (!hostChanged) return false;
    this.spec = host;
    this.askedKey = hostKey;
    return sortKey(host) !== this.persistedKey;
  }

  /** The author sorted by clicking: saved sort and host sort follow. */
  choose(spec: SortSpec, host: powerbi.extensibility.visual.IVisualHost | undefined, dataView: powerbi.DataView | undefined, columns: readonly ColumnModel[]): void {
    this.spec = spec;
    this.markSaved();
    const asked = applyHostSort(host, dataView, columns, spec);
    if (asked) this.askedKey = sortKey(asked);
  }

  /** The spec is (being) saved in the report: a re-delivery of it is not a new choice. */
  markSaved(): void {
    this.persistedKey = sortKey(this.spec);
  }
}
