import type { CSSProperties } from 'react';
import type { OrderBookSnapshot } from '../../../shared/ipc/schemas/market-depth';
import { formatAmount, formatPrice } from '../../lib/format/numbers';
import { bookRows, groupLevels, spreadOf, type BookRow } from './depth-levels';

const ROWS_PER_SIDE = 25;

function Level({ row, side, tick }: { row: BookRow; side: 'bid' | 'ask'; tick: number | null }) {
  // The shading width is data, so it travels as a custom property; the gradient lives in CSS.
  const style = { '--depth': `${(row.depth * 100).toFixed(1)}%` } as CSSProperties;
  return (
    <div className={`book-row book-row--${side}`} role="row" style={style} data-testid={`book-${side}`}>
      <span role="cell" className="num book-price">
        {formatPrice(row.price, tick)}
      </span>
      <span role="cell" className="num">
        {formatAmount(row.amount)}
      </span>
      <span role="cell" className="num">
        {formatAmount(row.total)}
      </span>
    </div>
  );
}

/**
 * Asks above (best at the bottom, next to the spread), bids below, grouped to `tick`. Rows are keyed
 * by their distance from the spread, not by price: the book moves four times a second, and a slot
 * whose price changed updates its three texts instead of being torn down and built again.
 */
export function BookView({ book, tick }: { book: OrderBookSnapshot; tick: number | null }) {
  const grouped = { bids: groupLevels(book.bids, 'bid', tick), asks: groupLevels(book.asks, 'ask', tick) };
  const { bids, asks } = bookRows(grouped.bids, grouped.asks, ROWS_PER_SIDE);
  const spread = spreadOf(book.bids, book.asks);
  return (
    <div className="book" role="table" aria-label={`${book.symbol} order book`}>
      <div className="book-row book-columns" role="row">
        <span role="columnheader">Price</span>
        <span role="columnheader" className="num">
          Amount
        </span>
        <span role="columnheader" className="num">
          Total
        </span>
      </div>
      <div className="book-side book-side--asks" role="rowgroup" aria-label="Asks">
        {[...asks].reverse().map((row, slot) => (
          <Level key={asks.length - 1 - slot} row={row} side="ask" tick={tick} />
        ))}
      </div>
      <div className="book-spread" role="row" data-testid="book-spread">
        <span role="cell">Spread</span>
        <span role="cell" className="num">
          {spread ? `${formatPrice(spread.absolute, tick)} (${spread.percent.toFixed(3)}%)` : '—'}
        </span>
      </div>
      <div className="book-side book-side--bids" role="rowgroup" aria-label="Bids">
        {bids.map((row, slot) => (
          <Level key={slot} row={row} side="bid" tick={tick} />
        ))}
      </div>
    </div>
  );
}
