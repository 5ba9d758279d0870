import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useRowWindow } from './use-row-window';

/** A data-table row before one is measured (26px cells plus the 1px border). */
export const TABLE_ROW_HEIGHT = 27;

interface WindowedTableBodyProps<T> {
  rows: readonly T[];
  /** The element that scrolls the table. */
  scrollRef: RefObject<HTMLElement | null>;
  columns: number;
  renderRow: (row: T, index: number) => ReactNode;
  /** Asked for more rows when the mounted ones come near the last loaded row. */
  onNearEnd?: () => void;
  /** A next page is on its way (shown as a last row). */
  loadingMore?: boolean;
}

/**
 * The `<tbody>` of a long table that mounts only the rows in view (plus overscan): spacer rows
 * keep the table's full height, so scrolling and the scrollbar behave as if every row were there.
 * Rows must not wrap (`.data-table--windowed`); their height is measured from the first one.
 */
export function WindowedTableBody<T>({ rows, scrollRef, columns, renderRow, onNearEnd, loadingMore = false }: WindowedTableBodyProps<T>) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [rowHeight, setRowHeight] = useState(TABLE_ROW_HEIGHT);
  const { start, end, padTop, padBottom } = useRowWindow({ scrollRef, rowCount: rows.length, rowHeight, onNearEnd });

  // One measurement per mount: a forced layout on every render would cost more than it tells.
  const measured = useRef(false);
  useLayoutEffect(() => {
    if (measured.current) return;
    const first = bodyRef.current?.querySelector<HTMLElement>('tr[data-row]');
    const height = first?.getBoundingClientRect().height ?? 0;
    if (height <= 0) return;
    measured.current = true;
    setRowHeight((current) => (Math.abs(height - current) > 0.5 ? height : current));
  }, [rows]);

  return (
    <tbody ref={bodyRef}>
      {padTop > 0 ? <SpacerRow height={padTop} columns={columns} /> : null}
      {rows.slice(start, end).map((row, offset) => renderRow(row, start + offset))}
      {padBottom > 0 ? <SpacerRow height={padBottom} columns={columns} /> : null}
      {loadingMore ? (
        <tr className="table-status-row" role="row">
          <td colSpan={columns} className="cell-text" role="status">
            Loading more…
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return (
    <tr className="table-spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={columns} />
    </tr>
  );
}
