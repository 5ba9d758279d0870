/**
 * Bybit v5 public market data for category=spot (linear: instruments, tickers and kline, from
 * linear-routes.ts): time, instruments-info, tickers, kline,
 * orderbook and recent-trade, in Bybit's shapes (numbers as strings, newest first where Bybit
 * sorts that way).
 */
import type { ExchangeCore } from '../core';
import { dec, div, plain, ZERO } from '../decimal';
import type { Market } from '../markets';
import { bybitErrors } from './errors';
import { instrumentInfo, KLINE_INTERVALS } from './instruments';
import { klineRow } from './kline-row';
import { linearPublic } from './linear-routes';
import { category, intParam, marketOf, param, requiredParam, type BybitRoute } from './route';

function ticker(core: ExchangeCore, market: Market): Record<string, unknown> {
  const s = core.state.market(market.symbol);
  const book = core.engine.book(market.symbol, 1);
  const last = dec(s.lastPrice);
  const open = dec(s.openPrice);
  return {
    symbol: market.symbol,
    bid1Price: plain(book.bids[0]?.price ?? ZERO),
    bid1Size: plain(book.bids[0]?.qty ?? ZERO),
    ask1Price: plain(book.asks[0]?.price ?? ZERO),
    ask1Size: plain(book.asks[0]?.qty ?? ZERO),
    lastPrice: plain(last),
    prevPrice24h: plain(open),
    price24hPcnt: open === ZERO ? '0' : plain(div(last - open, open)),
    highPrice24h: plain(dec(s.highPrice)),
    lowPrice24h: plain(dec(s.lowPrice)),
    turnover24h: plain(dec(s.quoteVolume)),
    volume24h: plain(dec(s.volume)),
    // Quoted in USDT here; Bybit's index is in USD (close enough for a fake, and ccxt reads it to tell spot from contract tickers).
    usdIndexPrice: market.quote === 'USDT' ? plain(last) : '',
  };
}

function spotOnly(req: Parameters<BybitRoute['handle']>[0]): boolean {
  return category(req) === 'spot';
}

export function publicRoutes(): BybitRoute[] {
  return [
    {
      method: 'GET',
      path: '/v5/market/time',
      security: 'NONE',
      handle: (req) => ({ timeSecond: String(Math.floor(req.serverTime / 1000)), timeNano: `${req.serverTime}000000` }),
    },
    {
      method: 'GET',
      path: '/v5/market/instruments-info',
      security: 'NONE',
      handle(req, core, extras) {
        const cat = category(req);
        if (cat === 'linear') return linearPublic.instruments(req, extras.linear);
        if (cat !== 'spot') return { category: cat, list: [], nextPageCursor: '' };
        const symbol = param(req, 'symbol');
        const list = symbol === undefined ? [...core.markets.values()] : [...core.markets.values()].filter((m) => m.symbol === symbol);
        return { category: 'spot', list: list.map(instrumentInfo), nextPageCursor: '' };
      },
    },
    {
      method: 'GET',
      path: '/v5/market/tickers',
      security: 'NONE',
      handle(req, core, extras) {
        if (category(req) === 'linear') return linearPublic.tickers(req, extras.linear);
        if (!spotOnly(req)) return { category: req.params['category'], list: [] };
        const symbol = param(req, 'symbol');
        const list = symbol === undefined ? [...core.markets.values()] : [marketOf(core, symbol)];
        return { category: 'spot', list: list.map((m) => ticker(core, m)) };
      },
    },
    {
      method: 'GET',
      path: '/v5/market/kline',
      security: 'NONE',
      handle(req, core, extras) {
        if (category(req) === 'linear') return linearPublic.kline(req, extras.linear, core);
        if (!spotOnly(req)) throw bybitErrors.notSupportedSymbols();
        const market = marketOf(core, requiredParam(req, 'symbol'));
        const interval = KLINE_INTERVALS[requiredParam(req, 'interval')];
        if (interval === undefined) throw bybitErrors.paramError('Invalid period!');
        const start = intParam(req, 'start');
        const end = intParam(req, 'end');
        const limit = Math.min(Math.max(intParam(req, 'limit') ?? 200, 1), 1000);
        // 1m and 3m bars cannot honestly be made from the 5m replay data: the shared core serves none.
        const inRange = core
          .klines(market.symbol, interval)
          .filter((b) => (start === undefined || b.openTime >= start) && (end === undefined || b.openTime <= end));
        // Bybit answers the newest `limit` bars of the range, newest first.
        const chosen = inRange.slice(Math.max(0, inRange.length - limit)).reverse();
        return { category: 'spot', symbol: market.symbol, list: chosen.map(klineRow) };
      },
    },
    {
      method: 'GET',
      path: '/v5/market/orderbook',
      security: 'NONE',
      handle(req, core) {
        if (!spotOnly(req)) throw bybitErrors.notSupportedSymbols();
        const market = marketOf(core, requiredParam(req, 'symbol'));
        const limit = intParam(req, 'limit') ?? 1;
        if (limit < 1 || limit > 200) throw bybitErrors.paramError('limit must be between 1 and 200 for spot');
        const book = core.engine.book(market.symbol, limit);
        const state = core.state.market(market.symbol);
        const level = (l: { price: bigint; qty: bigint }) => [plain(l.price), plain(l.qty)];
        return {
          s: market.symbol,
          b: book.bids.slice(0, limit).map(level),
          a: book.asks.slice(0, limit).map(level),
          ts: req.now,
          u: state.updateId,
          seq: state.updateId,
          cts: req.now,
        };
      },
    },
    {
      method: 'GET',
      path: '/v5/market/recent-trade',
      security: 'NONE',
      handle(req, core) {
        if (!spotOnly(req)) throw bybitErrors.notSupportedSymbols();
        const market = marketOf(core, requiredParam(req, 'symbol'));
        const limit = Math.min(Math.max(intParam(req, 'limit') ?? 60, 1), 60);
        const tape = core.state.market(market.symbol).tape;
        const list = tape
          .slice(Math.max(0, tape.length - limit))
          .reverse()
          .map((t) => ({
            execId: String(t.id),
            symbol: market.symbol,
            price: plain(dec(t.price)),
            size: plain(dec(t.qty)),
            side: t.isBuyerMaker ? 'Sell' : 'Buy',
            time: String(t.time),
            isBlockTrade: false,
            isRPITrade: false,
          }));
        return { category: 'spot', list };
      },
    },
  ];
}
