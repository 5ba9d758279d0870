import type { PublicTrade } from '../../../shared/ipc/schemas/market-depth';
import { formatAmount, formatPrice } from '../../lib/format/numbers';

/** "14:05:09": trade prints are exchange (UTC) time, like the rest of the terminal. */
function utcSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** The public tape, newest first; the price is coloured by the taker's side when known. */
export function TradesView({ symbol, trades, priceStep }: { symbol: string; trades: readonly PublicTrade[]; priceStep: number | null }) {
  return (
    <div className="tape" role="table" aria-label={`${symbol} recent trades`}>
      <div className="tape-row book-columns" role="row">
        <span role="columnheader">Price</span>
        <span role="columnheader" className="num">
          Amount
        </span>
        <span role="columnheader" className="num">
          Time (UTC)
        </span>
      </div>
      <div className="tape-rows" role="rowgroup">
        {trades.map((trade) => (
          <div key={trade.id} className="tape-row" role="row" data-testid="tape-trade">
            <span role="cell" className={`num tape-price${trade.side ? ` is-${trade.side}` : ''}`}>
              {formatPrice(trade.price, priceStep)}
            </span>
            <span role="cell" className="num">
              {formatAmount(trade.amount)}
            </span>
            <span role="cell" className="num tape-time">
              {utcSeconds(trade.timestamp)}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
