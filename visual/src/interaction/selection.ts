// Selection through the host: identities are built lazily, only for rows the user touches or
// sees, from the table DataView (withTable), and cached until the next data update.
import powerbi from 'powerbi-visuals-api';
import type { RowModel } from '../converter/view-model';

type ISelectionId = powerbi.visuals.ISelectionId;
type IVisualHost = powerbi.extensibility.visual.IVisualHost;

export class SelectionController {
  private readonly manager: powerbi.extensibility.ISelectionManager | null;
  private table: powerbi.DataViewTable | null = null;
  private readonly ids = new Map<number, ISelectionId | null>();
  private selected: ISelectionId[] = [];

  constructor(
    private readonly host: IVisualHost | undefined,
    private readonly onChange: () => void,
  ) {
    this.manager = safe(() => host?.createSelectionManager?.()) ?? null;
    safe(() =>
      this.manager?.registerOnSelectCallback?.((ids) => {
        this.selected = Array.isArray(ids) ? (ids as ISelectionId[]) : [];
        this.onChange();
      }),
    );
  }

  setTable(table: powerbi.DataViewTable | null): void {
    this.table = table;
    this.ids.clear();
    this.selected = (safe(() => this.manager?.getSelectionIds?.()) as ISelectionId[] | undefined) ?? this.selected;
    if (!Array.isArray(this.selected)) this.selected = [];
  }

  idOf(row: RowModel): ISelectionId | null {
    if (this.ids.has(row.index)) return this.ids.get(row.index) ?? null;
    const table = this.table;
    const id = safe(() =>
      table && this.host?.createSelectionIdBuilder ? this.host.createSelectionIdBuilder().withTable(table, row.index).createSelectionId() : null,
    );
    this.ids.set(row.index, id ?? null);
    return id ?? null;
  }

  isSelected(row: RowModel): boolean {
    if (this.selected.length === 0) return false;
    const id = this.idOf(row);
    return id != null && this.selected.some((s) => safe(() => s.equals(id)) === true);
  }

  hasSelection(): boolean {
    return this.selected.length > 0;
  }

  /** Click or Enter/Space: Ctrl/Meta/Shift add to the selection. */
  select(row: RowModel, multi: boolean, allowInteractions: boolean): void {
    const id = this.idOf(row);
    if (!id || !allowInteractions || !this.manager) return;
    const result = safe(() => this.manager!.select(id, multi));
    if (result && typeof (result as Promise<ISelectionId[]>).then === 'function') {
      (result as Promise<ISelectionId[]>).then(
        (ids) => this.apply(ids),
        () => undefined,
      );
    }
    this.applyLocally(id, multi);
  }

  clear(allowInteractions: boolean): void {
    if (!allowInteractions || !this.manager || this.selected.length === 0) return;
    safe(() => this.manager!.clear());
    this.selected = [];
    this.onChange();
  }

  showContextMenu(row: RowModel | null, x: number, y: number, allowInteractions: boolean): void {
    if (!allowInteractions || !this.manager) return;
    const id = row ? this.idOf(row) : null;
    safe(() => this.manager!.showContextMenu((id ?? {}) as ISelectionId, { x, y }));
  }

  private applyLocally(id: ISelectionId, multi: boolean): void {
    const already = this.selected.some((s) => safe(() => s.equals(id)) === true);
    if (multi) this.selected = already ? this.selected.filter((s) => !safe(() => s.equals(id))) : [...this.selected, id];
    else this.selected = already && this.selected.length === 1 ? [] : [id];
    this.onChange();
  }

  private apply(ids: ISelectionId[] | undefined): void {
    if (!Array.isArray(ids)) return;
    this.selected = ids;
    this.onChange();
  }
}

/** The host may be a minimal fake: a missing or throwing optional service must not break us. */
export function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
