// Dragging a title's right border resizes its column; a double-click on the border fits the
// column to its content. The drag previews widths live and commits once, on release.
export interface ResizeHandlers {
  widthOf(index: number): number;
  preview(index: number, width: number): void;
  commit(index: number, width: number): void;
  autoFit(index: number): void;
}

interface Drag {
  index: number;
  startX: number;
  startWidth: number;
  pointerId: number;
}

export function wireColumnResize(headRow: HTMLTableRowElement, handlers: ResizeHandlers): void {
  let drag: Drag | null = null;
  const indexOf = (target: EventTarget | null): number => {
    const handle = target instanceof Element ? target.closest('.ppoc-resize') : null;
    const th = handle?.closest('th');
    return th ? th.cellIndex : -1;
  };
  headRow.addEventListener('pointerdown', (event) => {
    const index = indexOf(event.target);
    if (index < 0 || event.button !== 0) return;
    event.preventDefault();
    const startWidth = handlers.widthOf(index);
    drag = { index, startX: event.clientX, startWidth, pointerId: event.pointerId };
    (event.target as Element).setPointerCapture?.(event.pointerId);
  });
  headRow.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    handlers.preview(drag.index, Math.round(drag.startWidth + event.clientX - drag.startX));
  });
  headRow.addEventListener('pointerup', (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const done = drag;
    drag = null;
    const width = Math.round(done.startWidth + event.clientX - done.startX);
    if (width !== done.startWidth) handlers.commit(done.index, width);
  });
  // A drag the browser takes back (e.g. for a touch scroll) leaves the width as it was.
  headRow.addEventListener('pointercancel', (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    handlers.preview(drag.index, drag.startWidth);
    drag = null;
  });
  headRow.addEventListener('dblclick', (event) => {
    const index = indexOf(event.target);
    if (index < 0) return;
    event.preventDefault();
    handlers.autoFit(index);
  });
}
