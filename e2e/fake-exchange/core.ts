/**
 * The exchange behind the HTTP layer: state, markets, candles and the matching engine, plus the
 * shape every route handler has. Routes get a parsed request and this core; they never see
 * sockets, faults or signatures, which the server handles around them.
 */
import path from 'node:path';
import { aggregate, loadCsv, type Candle } from './candles';
import { dec, fmt, max, min, mul, ZERO } from './decimal';
import type { FeeRates } from './ledger';
import { MatchingEngine } from './matching';
import { toMarket, type Market, type MarketSpec } from './markets';
import type { Security } from './signature';
import type { FakeState, KeyRecord, MarketState } from './state';

export interface ExchangeCore {
  state: FakeState;
  engine: MatchingEngine;
  markets: ReadonlyMap<string, Market>;
  fees: FeeRates;
  /** Complete bars of an interval for a symbol (empty where the data cannot honestly give any). */
  klines(symbol: string, interval: string): readonly Candle[];
  /**
   * Adds a 5-minute bar after the replay data (and any bar added before), so a test can close new
   * candles while a client watches; refused when it does not come after the newest bar.
   */
  appendBar(symbol: string, bar: Candle): void;
}

export interface RequestContext {
  method: string;
  path: string;
  params: URLSearchParams;
  /** Server clock as the client should see it (shifted by a clock_skew fault). */
  serverTime: number;
  /** Real time, used to stamp orders and trades. */
  now: number;
  /** Set on USER_DATA / TRADE routes once the request is authenticated. */
  key?: KeyRecord;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  path: string;
  security: Security;
  handle(ctx: RequestContext, core: ExchangeCore): unknown;
}

/** The authenticated key of a signed route (the server guarantees it is set). */
export function keyOf(ctx: RequestContext): KeyRecord {
  if (!ctx.key) throw new Error(`route ${ctx.path} needs an authenticated key`);
  return ctx.key;
}

const DAY_BARS = 288;

/** Seeds a symbol's live state from the last day of its replay data (once; kept across restarts). */
function seedMarketState(market: Market, bars: readonly Candle[]): MarketState {
  const lastDay = bars.slice(-DAY_BARS);
  const first = lastDay[0];
  const last = lastDay[lastDay.length - 1];
  if (!first || !last) throw new Error(`no replay data for ${market.symbol}`);
  const close = max(market.tickSize, last.close - (last.close % market.tickSize));
  let high = ZERO;
  let low = first.low;
  let volume = ZERO;
  let quoteVolume = ZERO;
  for (const bar of lastDay) {
    high = max(high, bar.high);
    low = min(low, bar.low);
    volume += bar.volume;
    quoteVolume += mul(bar.volume, bar.close);
  }
  return {
    lastPrice: fmt(close),
    lastQty: fmt(market.minQty),
    openPrice: fmt(first.open),
    prevClosePrice: fmt(first.open),
    highPrice: fmt(max(high, close)),
    lowPrice: fmt(min(low, close)),
    volume: fmt(volume),
    quoteVolume: fmt(quoteVolume),
    count: lastDay.length,
    updateId: 1,
    tape: [],
  };
}

export function createCore(state: FakeState, specs: readonly MarketSpec[], dataDir: string, fees: FeeRates): ExchangeCore {
  const markets = new Map(specs.map((spec) => [spec.symbol, toMarket(spec)]));
  // Bars added by a test live with this exchange, not in the process-wide CSV cache other fakes share.
  const appended = new Map<string, Candle[]>();
  const source = (symbol: string): readonly Candle[] => {
    const market = markets.get(symbol);
    const csv = market ? loadCsv(path.join(dataDir, market.spec.csv)) : [];
    const added = appended.get(symbol);
    return added ? [...csv, ...added] : csv;
  };
  for (const market of markets.values()) {
    if (state.markets.has(market.symbol)) continue;
    const seeded = seedMarketState(market, source(market.symbol));
    // One public trade at the seeded price, so /api/v3/trades is never empty (it never is on Binance).
    seeded.tape.push({
      id: state.nextTradeId++,
      price: seeded.lastPrice,
      qty: seeded.lastQty,
      quoteQty: fmt(mul(dec(seeded.lastPrice), dec(seeded.lastQty))),
      time: Date.now(),
      isBuyerMaker: false,
    });
    state.markets.set(market.symbol, seeded);
  }
  const klineCache = new Map<string, readonly Candle[]>();
  return {
    state,
    markets,
    fees,
    engine: new MatchingEngine(state, markets, fees),
    klines(symbol, interval) {
      const cacheKey = `${symbol}|${interval}`;
      let bars = klineCache.get(cacheKey);
      if (!bars) {
        bars = aggregate(source(symbol), interval);
        klineCache.set(cacheKey, bars);
      }
      return bars;
    },
    appendBar(symbol, bar) {
      const bars = source(symbol);
      const newest = bars[bars.length - 1];
      if (!markets.has(symbol)) throw new Error(`appendBar: no market ${symbol}`);
      if (newest && bar.openTime <= newest.openTime) {
        throw new Error(`appendBar: a ${symbol} bar at ${bar.openTime} does not come after the newest one (${newest.openTime})`);
      }
      appended.set(symbol, [...(appended.get(symbol) ?? []), { ...bar }]);
      for (const key of klineCache.keys()) if (key.startsWith(`${symbol}|`)) klineCache.delete(key);
    },
  };
}
