/**
 * The fake's markets as Bybit v5 spot instruments (`/v5/market/instruments-info?category=spot`).
 * Bybit has no separate step size: `basePrecision` is the quantity step, `tickSize` the price
 * step, `minOrderQty`/`minOrderAmt` the minimum quantity and value. They come from the shared
 * market specs, so every venue in a test lists the same symbols with comparable rules.
 */
import { plain } from '../decimal';
import type { Market } from '../markets';

/** Bybit prints quote precision with 8 decimals for these quote coins. */
const QUOTE_PRECISION = '0.00000001';

export function instrumentInfo(market: Market): Record<string, unknown> {
  return {
    symbol: market.symbol,
    baseCoin: market.base,
    quoteCoin: market.quote,
    innovation: '0',
    status: 'Trading',
    marginTrading: 'none',
    stTag: '0',
    lotSizeFilter: {
      basePrecision: plain(market.stepSize),
      quotePrecision: QUOTE_PRECISION,
      minOrderQty: plain(market.minQty),
      maxOrderQty: plain(market.maxQty),
      minOrderAmt: plain(market.minNotional),
      maxOrderAmt: plain(market.maxNotional),
    },
    priceFilter: { tickSize: plain(market.tickSize) },
    riskParameters: { priceLimitRatioX: '0.05', priceLimitRatioY: '0.05' },
  };
}

/** Bybit kline intervals (minutes, or D/W/M) → the shared candle interval names. */
export const KLINE_INTERVALS: Readonly<Record<string, string>> = {
  '1': '1m',
  '3': '3m',
  '5': '5m',
  '15': '15m',
  '30': '30m',
  '60': '1h',
  '120': '2h',
  '240': '4h',
  '360': '6h',
  '720': '12h',
  D: '1d',
  W: '1w',
  M: '1M',
};
