/** Rows to mount for a fixed-row-height list: the visible ones plus `overscan` on each side. */
export interface RowWindow {
  start: number;
  /** Exclusive. */
  end: number;
}

export function computeWindow(options: {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  overscan: number;
}): RowWindow {
  const { scrollTop, viewportHeight, rowHeight, rowCount, overscan } = options;
  if (rowCount <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.min(rowCount, Math.max(0, first - overscan));
  const end = Math.min(rowCount, first + visible + overscan);
  return { start, end: Math.max(start, end) };
}

/** The smallest scroll that brings row `index` fully into view (unchanged when it already is). */
export function scrollTopToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** Where a listbox key moves the active row (Arrow, Page, Home, End), or undefined for other keys. */
export function listboxKeyTarget(
  key: string,
  activeIndex: number,
  rowCount: number,
  viewportHeight: number,
  rowHeight: number,
): number | undefined {
  const page = Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
  const moves: Record<string, number> = {
    ArrowDown: activeIndex + 1,
    ArrowUp: activeIndex - 1,
    PageDown: activeIndex + page,
    PageUp: activeIndex - page,
    Home: 0,
    End: rowCount - 1,
  };
  return moves[key];
}
