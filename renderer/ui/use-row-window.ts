import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useElementHeight } from './use-element-height';
import { computeWindow, type RowWindow } from './windowing';

/** A viewport's worth of rows before anything is measured (and in jsdom, which measures nothing). */
const FALLBACK_VIEWPORT = 600;

export interface RowWindowOptions {
  /** The element that scrolls (its scrollTop and height decide what is visible). */
  scrollRef: RefObject<HTMLElement | null>;
  rowCount: number;
  /** Fixed row height in px (rows are styled not to wrap). */
  rowHeight: number;
  overscan?: number;
  /** Called when the mounted rows reach within `nearEndRows` of the last loaded one. */
  onNearEnd?: () => void;
  nearEndRows?: number;
}

export interface WindowedRows extends RowWindow {
  /** Heights of the spacers standing in for the rows before `start` and after `end`. */
  padTop: number;
  padBottom: number;
}

/**
 * Which rows of a long fixed-height table to mount: the visible ones plus overscan. Scrolling
 * re-renders only when that range changes, never on every scroll event. The table keeps its
 * full height through two spacer rows, so the scrollbar tells the truth about the loaded rows.
 */
export function useRowWindow({
  scrollRef,
  rowCount,
  rowHeight,
  overscan = 12,
  onNearEnd,
  nearEndRows = 40,
}: RowWindowOptions): WindowedRows {
  const viewportHeight = useElementHeight(scrollRef, FALLBACK_VIEWPORT);
  const [scrollTop, setScrollTop] = useState(0);
  const windowOf = (top: number) => computeWindow({ scrollTop: top, viewportHeight, rowHeight, rowCount, overscan });
  const range = windowOf(scrollTop);

  const latest = useRef({ range, windowOf });
  useLayoutEffect(() => {
    latest.current = { range, windowOf };
  });
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const onScroll = () => {
      const { range: shown, windowOf: compute } = latest.current;
      const next = compute(element.scrollTop);
      if (next.start !== shown.start || next.end !== shown.end) setScrollTop(element.scrollTop);
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, [scrollRef]);

  const nearEnd = rowCount > 0 && range.end >= rowCount - nearEndRows;
  const onNearEndRef = useRef(onNearEnd);
  useLayoutEffect(() => {
    onNearEndRef.current = onNearEnd;
  });
  useEffect(() => {
    if (nearEnd) onNearEndRef.current?.();
  }, [nearEnd, rowCount]);

  return { ...range, padTop: range.start * rowHeight, padBottom: Math.max(0, rowCount - range.end) * rowHeight };
}
