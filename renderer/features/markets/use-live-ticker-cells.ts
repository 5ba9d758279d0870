import { useLayoutEffect, type RefObject } from 'react';
import type { Ticker } from '../../../shared/ipc/contract';
import { direction, formatCompact, formatPercent, formatPrice } from '../../lib/format/numbers';
import { useStore } from '../../store';
import { cancelRowWrite, scheduleRowWrite } from './live-row-writes';

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
  return `market-change num market-live live-box ${DIRECTION_CLASS[direction(change)]}`;
}

/**
 * Writes only a string that differs: an equal write would still dirty layout and paint. The box's
 * text node is changed in place: `textContent =` would remove it and insert a new one, which
 * costs a style recalc and a layout of the inserted node on every tick.
 */
function writeText(box: HTMLElement | null, text: string): void {
  if (!box) return;
  const node = box.firstChild;
  if (node instanceof Text && node === box.lastChild) {
    if (node.data !== text) node.data = text;
  } else if (box.textContent !== text) {
    box.textContent = text;
  }
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
 * Keeps a row's price, change and volume on the symbol's latest ticker by writing the text straight
 * into the DOM. 50 tickers at 10 Hz would otherwise re-render 50 rows (and diff their stars,
 * labels and handlers) ten times a second, when only three strings per row changed. React
 * renders the text boxes empty and never touches their content (nor the change cell's class after
 * mount, since it always renders the same one), so the two never fight. A layout effect writes the
 * first values before the row is painted: no flash of empty cells. Later tickers are written as
 * live-row-writes schedules them: the selected row on the next frame, the others at most five
 * times a second, always with the newest ticker.
 */
export function useLiveTickerCells(symbol: string, priceStep: number | null | undefined, selected: boolean, cells: TickerCells): void {
  const { last, change, changeText, volume } = cells;
  useLayoutEffect(() => {
    const boxes = { last, change, changeText, volume };
    let shown = useStore.getState().tickers[symbol];
    show(boxes, shown, priceStep);
    // Reads the store when its turn comes: a row that waited shows the newest ticker.
    const write = () => {
      const ticker = useStore.getState().tickers[symbol];
      if (ticker === shown) return;
      shown = ticker;
      show(boxes, ticker, priceStep);
    };
    const unsubscribe = useStore.subscribe((state, previous) => {
      // Most store writes are not ticker writes, and a batch may not carry this symbol.
      if (state.tickers === previous.tickers || state.tickers[symbol] === shown) return;
      scheduleRowWrite(write, selected);
    });
    return () => {
      unsubscribe();
      cancelRowWrite(write);
    };
  }, [symbol, priceStep, selected, last, change, changeText, volume]);
}
