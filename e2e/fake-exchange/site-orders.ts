/**
 * Orders placed on the exchange's own site or app rather than through the API. Bybit and OKX give
 * such an order no client id (`orderLinkId` / `clOrdId` are ""), so a test of "orders placed
 * outside Tradewind" can make one exactly as the venue would show it, without any API request.
 */
import type { ExchangeCore } from './core';
import { dec } from './decimal';
import type { OrderRecord, TradeRecord } from './state';

export interface SiteOrder {
  /** The engine's market symbol (Bybit `BTCUSDT`, OKX `BTC-USDT`). */
  symbol: string;
  side: 'buy' | 'sell';
  /** Base quantity of the market order. */
  amount: string | number;
}

export interface SitePlacement {
  order: OrderRecord;
  fills: TradeRecord[];
}

export function placeOnSite(core: ExchangeCore, keyOrAccount: string, site: SiteOrder): SitePlacement {
  const account = core.state.accountIdFor(keyOrAccount);
  const placed = core.engine.placeOrder(
    account,
    { symbol: site.symbol, side: site.side === 'buy' ? 'BUY' : 'SELL', type: 'MARKET', quantity: dec(site.amount), newClientOrderId: '' },
    Date.now(),
  );
  return structuredClone(placed);
}
