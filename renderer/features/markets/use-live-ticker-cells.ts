import { useLayoutEffect, type RefObject } from 'react';
import type { Ticker } from '../../../shared/ipc/contract';
import { direction, formatCompact, formatPercent, formatPrice } from '../../lib/format/numbers';
import { useStore } from '../../store';

const DIRECTION_CLASS = { [-1]: 'is-down', 0: 'is-flat', 1: 'is-up' } as const;

type Cell = RefObject<HTMLSpanElement | null>;

/** Where a row shows its ticker: the text boxes of the three cells, and the change cell (its colour). */
export interface TickerCells {
  last: Cell;
  change: Cell;
  changeText: Cell;
  volume: Cell;
}

/** The change cell's classes: its colour follows the sign of the 24 h change. */
export function changeClassName(change: number | null | undefined): string {
  return `market-change num market-live ${DIRECTION_CLASS[direction(change)]}`;
}

/** Writes only a string that differs: an equal write would still dirty layout and paint. */
function writeText(box: HTMLElement | null, text: string): void {
  if (box && box.textContent !== text) box.textContent = text;
}

function show(cells: TickerCells, ticker: Ticker | undefined, priceStep: number | null | undefined): void {
  writeText(cells.last.current, formatPrice(ticker?.last, priceStep));
  writeText(cells.changeText.current, formatPercent(ticker?.changePct24h));
  const change = cells.change.current;
  const className = changeClassName(ticker?.changePct24h);
  if (change && change.className !== className) change.className = className;
  writeText(cells.volume.current, formatCompact(ticker?.quoteVolume24h));
}

/**
 * Rows written per animation frame. A ticker batch changes up to 50 visible rows at once; writing
 * them all in one frame costs ~6 ms of text layout plus ~5 ms of paint in software rendering, on
 * top of the chart and balances, and that frame overruns 16.7 ms. Spread over frames, 50 rows
 * take 3 frames (≤ 50 ms, well inside the ~100 ms between batches), so every price still shows,
 * each at most two frames later than in one big frame, and the frame rate holds.
 */
export const ROWS_PER_FRAME = 20;

/** Rows with a ticker to show, oldest first (a Set keeps insertion order and drops duplicates). */
const pendingRows = new Set<() => void>();
let frameRequest: number | null = null;

function writePendingRows(): void {
  frameRequest = null;
  let written = 0;
  for (const write of pendingRows) {
    if (written === ROWS_PER_FRAME) break;
    pendingRows.delete(write);
    write();
    written += 1;
  }
  if (pendingRows.size > 0) frameRequest = requestAnimationFrame(writePendingRows);
}

function scheduleRow(write: () => void): void {
  pendingRows.add(write);
  frameRequest ??= requestAnimationFrame(writePendingRows);
}

/**
 * Keeps a row's price, change and volume on the symbol's latest ticker by writing the text straight
 * into the DOM. 50 tickers at 10 Hz would otherwise re-render 50 rows (and diff their stars,
 * labels and handlers) ten times a second, when only three strings per row changed. React
 * renders the text boxes empty and never touches their content (nor the change cell's class after
 * mount, since it always renders the same one), so the two never fight. A layout effect writes the
 * first values before the row is painted: no flash of empty cells. Later tickers are written on
 * the next animation frames, a few rows per frame (ROWS_PER_FRAME), always the latest ticker.
 */
export function useLiveTickerCells(symbol: string, priceStep: number | null | undefined, cells: TickerCells): void {
  const { last, change, changeText, volume } = cells;
  useLayoutEffect(() => {
    const boxes = { last, change, changeText, volume };
    let shown = useStore.getState().tickers[symbol];
    show(boxes, shown, priceStep);
    // Reads the store when its turn comes: a row that waited a frame shows the newest ticker.
    const write = () => {
      const ticker = useStore.getState().tickers[symbol];
      if (ticker === shown) return;
      shown = ticker;
      show(boxes, ticker, priceStep);
    };
    const unsubscribe = useStore.subscribe((state, previous) => {
      // Most store writes are not ticker writes, and a batch may not carry this symbol.
      if (state.tickers === previous.tickers || state.tickers[symbol] === shown) return;
      scheduleRow(write);
    });
    return () => {
      unsubscribe();
      pendingRows.delete(write);
    };
  }, [symbol, priceStep, last, change, changeText, volume]);
}
