/**
 * Public market-data endpoints (security NONE), in Binance spot's response shapes.
 */
import { isKnownInterval, klineRow, selectKlines } from '../candles';
import type { ExchangeCore, Route } from '../core';
import { dec, div, fmt, ZERO } from '../decimal';
import { errors } from '../errors';
import { exchangeInfoSymbol, RATE_LIMITS, type Market } from '../markets';
import { limitParam, optionalInt, required, requireMarket, selectMarkets } from '../params';

function ticker24hr(core: ExchangeCore, market: Market, closeTime: number): Record<string, unknown> {
  const s = core.state.market(market.symbol);
  const book = core.engine.book(market.symbol, 1);
  const last = dec(s.lastPrice);
  const open = dec(s.openPrice);
  const volume = dec(s.volume);
  const change = last - open;
  const lastTrade = s.tape[s.tape.length - 1];
  return {
    symbol: market.symbol,
    priceChange: fmt(change),
    priceChangePercent: open === ZERO ? '0.000' : fmt(div(change * 100n, open), 3),
    weightedAvgPrice: fmt(volume === ZERO ? last : div(dec(s.quoteVolume), volume)),
    prevClosePrice: s.prevClosePrice,
    lastPrice: s.lastPrice,
    lastQty: s.lastQty,
    bidPrice: fmt(book.bids[0]?.price ?? ZERO),
    bidQty: fmt(book.bids[0]?.qty ?? ZERO),
    askPrice: fmt(book.asks[0]?.price ?? ZERO),
    askQty: fmt(book.asks[0]?.qty ?? ZERO),
    openPrice: s.openPrice,
    highPrice: s.highPrice,
    lowPrice: s.lowPrice,
    volume: s.volume,
    quoteVolume: s.quoteVolume,
    openTime: closeTime - 24 * 3600_000,
    closeTime,
    firstId: s.tape[0]?.id ?? -1,
    lastId: lastTrade?.id ?? -1,
    count: s.count,
  };
}

function bookTicker(core: ExchangeCore, market: Market): Record<string, unknown> {
  const book = core.engine.book(market.symbol, 1);
  return {
    symbol: market.symbol,
    bidPrice: fmt(book.bids[0]?.price ?? ZERO),
    bidQty: fmt(book.bids[0]?.qty ?? ZERO),
    askPrice: fmt(book.asks[0]?.price ?? ZERO),
    askQty: fmt(book.asks[0]?.qty ?? ZERO),
  };
}

/** `symbol` answers with one object, otherwise an array (Binance's convention). */
function perSymbol(core: ExchangeCore, params: URLSearchParams, build: (market: Market) => unknown): unknown {
  const { list, single } = selectMarkets(core.markets, params);
  return single ? build(list[0] as Market) : list.map(build);
}

function klines(params: URLSearchParams, core: ExchangeCore): unknown {
  const market = requireMarket(core.markets, params);
  const interval = required(params, 'interval');
  if (!isKnownInterval(interval)) throw errors.invalidInterval();
  const startTime = optionalInt(params, 'startTime');
  const endTime = optionalInt(params, 'endTime');
  const bars = selectKlines(core.klines(market.symbol, interval), {
    interval,
    limit: limitParam(params, 500, 1000),
    ...(startTime !== undefined ? { startTime } : {}),
    ...(endTime !== undefined ? { endTime } : {}),
  });
  return bars.map((bar) => klineRow(bar, interval));
}

export const marketDataRoutes: Route[] = [
  { method: 'GET', path: '/api/v3/ping', security: 'NONE', handle: () => ({}) },
  { method: 'GET', path: '/api/v3/time', security: 'NONE', handle: (ctx) => ({ serverTime: ctx.serverTime }) },
  {
    method: 'GET',
    path: '/api/v3/exchangeInfo',
    security: 'NONE',
    handle: (ctx, core) => ({
      timezone: 'UTC',
      serverTime: ctx.serverTime,
      rateLimits: RATE_LIMITS,
      exchangeFilters: [],
      symbols: selectMarkets(core.markets, ctx.params).list.map((m) => exchangeInfoSymbol(m.spec)),
    }),
  },
  {
    method: 'GET',
    path: '/api/v3/ticker/24hr',
    security: 'NONE',
    handle: (ctx, core) => perSymbol(core, ctx.params, (m) => ticker24hr(core, m, ctx.serverTime)),
  },
  {
    method: 'GET',
    path: '/api/v3/ticker/price',
    security: 'NONE',
    handle: (ctx, core) => perSymbol(core, ctx.params, (m) => ({ symbol: m.symbol, price: core.state.market(m.symbol).lastPrice })),
  },
  {
    method: 'GET',
    path: '/api/v3/ticker/bookTicker',
    security: 'NONE',
    handle: (ctx, core) => perSymbol(core, ctx.params, (m) => bookTicker(core, m)),
  },
  {
    method: 'GET',
    path: '/api/v3/avgPrice',
    security: 'NONE',
    handle: (ctx, core) => {
      const market = requireMarket(core.markets, ctx.params);
      return { mins: 5, price: core.state.market(market.symbol).lastPrice, closeTime: ctx.serverTime };
    },
  },
  { method: 'GET', path: '/api/v3/klines', security: 'NONE', handle: (ctx, core) => klines(ctx.params, core) },
  { method: 'GET', path: '/api/v3/uiKlines', security: 'NONE', handle: (ctx, core) => klines(ctx.params, core) },
  {
    method: 'GET',
    path: '/api/v3/depth',
    security: 'NONE',
    handle: (ctx, core) => {
      const market = requireMarket(core.markets, ctx.params);
      const limit = limitParam(ctx.params, 100, 5000);
      const book = core.engine.book(market.symbol, limit);
      return {
        lastUpdateId: core.state.market(market.symbol).updateId,
        bids: book.bids.slice(0, limit).map((l) => [fmt(l.price), fmt(l.qty)]),
        asks: book.asks.slice(0, limit).map((l) => [fmt(l.price), fmt(l.qty)]),
      };
    },
  },
  {
    method: 'GET',
    path: '/api/v3/trades',
    security: 'NONE',
    handle: (ctx, core) => {
      const market = requireMarket(core.markets, ctx.params);
      const limit = limitParam(ctx.params, 500, 1000);
      return core.state
        .market(market.symbol)
        .tape.slice(-limit)
        .map((t) => ({ ...t, isBestMatch: true }));
    },
  },
  {
    // ccxt's fetchTrades default. Each print of the fake's tape is its own aggregate trade.
    method: 'GET',
    path: '/api/v3/aggTrades',
    security: 'NONE',
    handle: (ctx, core) => {
      const market = requireMarket(core.markets, ctx.params);
      const limit = limitParam(ctx.params, 500, 1000);
      const fromId = optionalInt(ctx.params, 'fromId');
      const startTime = optionalInt(ctx.params, 'startTime');
      const endTime = optionalInt(ctx.params, 'endTime');
      const selected = core.state
        .market(market.symbol)
        .tape.filter(
          (t) =>
            (fromId === undefined || t.id >= fromId) &&
            (startTime === undefined || t.time >= startTime) &&
            (endTime === undefined || t.time <= endTime),
        );
      const page = fromId !== undefined || startTime !== undefined ? selected.slice(0, limit) : selected.slice(-limit);
      return page.map((t) => ({ a: t.id, p: t.price, q: t.qty, f: t.id, l: t.id, T: t.time, m: t.isBuyerMaker, M: true }));
    },
  },
];
