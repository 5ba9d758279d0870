/**
 * OKX v5 public REST: system time, SPOT instruments and market data, in OKX's shapes
 * (`{"code":"0","msg":"","data":[…]}`; candles and trades newest first).
 */
import type { Candle } from '../candles';
import type { ExchangeCore } from '../core';
import { dec, mul, plain } from '../decimal';
import type { OkxContext, OkxRoute } from './context';
import { okxErrors } from './errors';
import { instrumentJson, type OkxInstrumentSpec } from './instruments';
import { tickerJson } from './views';

/** OKX bar names → the shared candle intervals (the replay data is 5-minute bars). */
const BARS: Record<string, string> = {
  '1m': '1m',
  '3m': '3m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1H': '1h',
  '2H': '2h',
  '4H': '4h',
  '6Hutc': '6h',
  '12Hutc': '12h',
  '1Dutc': '1d',
  '1Wutc': '1w',
  '1Mutc': '1M',
  // OKX's unsuffixed 6H/12H/1D/1W/1M buckets open at 08:00 Hong Kong time; the fake's data is
  // bucketed in UTC, so those answer with the UTC bars (close enough for a test peer).
  '6H': '6h',
  '12H': '12h',
  '1D': '1d',
  '1W': '1w',
  '1M': '1M',
};

export function instrumentOf(ctx: OkxContext, instruments: readonly OkxInstrumentSpec[], name = 'instId'): OkxInstrumentSpec {
  const instId = ctx.query.get(name);
  if (instId === null || instId === '') throw okxErrors.emptyParam(name);
  const spec = instruments.find((i) => i.instId === instId);
  if (!spec) throw okxErrors.unknownInstrument();
  return spec;
}

function limitOf(ctx: OkxContext, fallback: number, max: number): number {
  const raw = ctx.query.get('limit');
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw okxErrors.paramError('limit');
  return Math.min(Math.max(1, Number(raw)), max);
}

function optionalMs(ctx: OkxContext, name: string): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw okxErrors.paramError(name);
  return Number(raw);
}

function candleRow(bar: Candle): string[] {
  const typical = (bar.open + bar.high + bar.low + bar.close) / 4n;
  const quote = plain(mul(bar.volume, typical));
  return [String(bar.openTime), plain(bar.open), plain(bar.high), plain(bar.low), plain(bar.close), plain(bar.volume), quote, quote, '1'];
}

/** `after`: bars older than it; `before`: bars newer than it; newest first, up to `limit`. */
function candles(ctx: OkxContext, core: ExchangeCore, instruments: readonly OkxInstrumentSpec[], max: number): unknown[] {
  const spec = instrumentOf(ctx, instruments);
  const bar = ctx.query.get('bar') ?? '1m';
  const interval = BARS[bar];
  if (interval === undefined) throw okxErrors.paramError('bar');
  const after = optionalMs(ctx, 'after');
  const before = optionalMs(ctx, 'before');
  const limit = limitOf(ctx, 100, max);
  const bars = core
    .klines(spec.instId, interval)
    .filter((b) => (after === undefined || b.openTime < after) && (before === undefined || b.openTime > before));
  return bars
    .slice(Math.max(0, bars.length - limit))
    .reverse()
    .map(candleRow);
}

export function publicRoutes(instruments: readonly OkxInstrumentSpec[]): OkxRoute[] {
  return [
    { method: 'GET', path: '/api/v5/public/time', security: 'NONE', handle: (ctx) => [{ ts: String(ctx.serverTime) }] },
    {
      method: 'GET',
      path: '/api/v5/public/instruments',
      security: 'NONE',
      handle(ctx) {
        const instType = ctx.query.get('instType');
        if (instType === null || instType === '') throw okxErrors.emptyParam('instType');
        if (!['SPOT', 'MARGIN', 'SWAP', 'FUTURES', 'OPTION'].includes(instType)) throw okxErrors.paramError('instType');
        // The fake lists spot only; derivatives are an empty list, as on a venue without them.
        if (instType !== 'SPOT') return [];
        const instId = ctx.query.get('instId');
        return instruments.filter((i) => !instId || i.instId === instId).map(instrumentJson);
      },
    },
    {
      method: 'GET',
      path: '/api/v5/market/tickers',
      security: 'NONE',
      handle(ctx, core) {
        const instType = ctx.query.get('instType');
        if (instType === null || instType === '') throw okxErrors.emptyParam('instType');
        if (instType !== 'SPOT') return [];
        return instruments.map((i) => tickerJson(core, i.instId, ctx.now));
      },
    },
    {
      method: 'GET',
      path: '/api/v5/market/ticker',
      security: 'NONE',
      handle: (ctx, core) => [tickerJson(core, instrumentOf(ctx, instruments).instId, ctx.now)],
    },
    {
      method: 'GET',
      path: '/api/v5/market/books',
      security: 'NONE',
      handle(ctx, core) {
        const spec = instrumentOf(ctx, instruments);
        const raw = ctx.query.get('sz');
        if (raw !== null && raw !== '' && !/^\d+$/.test(raw)) throw okxErrors.paramError('sz');
        const depth = Math.min(Math.max(1, Number(raw || '1')), 400);
        const book = core.engine.book(spec.instId, depth);
        const level = (l: { price: bigint; qty: bigint }) => [plain(l.price), plain(l.qty), '0', '1'];
        const s = core.state.market(spec.instId);
        return [{ asks: book.asks.map(level), bids: book.bids.map(level), ts: String(ctx.now), seqId: s.updateId }];
      },
    },
    { method: 'GET', path: '/api/v5/market/candles', security: 'NONE', handle: (ctx, core) => candles(ctx, core, instruments, 300) },
    {
      method: 'GET',
      path: '/api/v5/market/history-candles',
      security: 'NONE',
      handle: (ctx, core) => candles(ctx, core, instruments, 100),
    },
    {
      method: 'GET',
      path: '/api/v5/market/trades',
      security: 'NONE',
      handle(ctx, core) {
        const spec = instrumentOf(ctx, instruments);
        const tape = core.state.market(spec.instId).tape;
        return tape
          .slice(Math.max(0, tape.length - limitOf(ctx, 100, 500)))
          .reverse()
          .map((t) => ({
            instId: spec.instId,
            side: t.isBuyerMaker ? 'sell' : 'buy',
            sz: plain(dec(t.qty)),
            px: plain(dec(t.price)),
            source: '0',
            tradeId: String(t.id),
            ts: String(t.time),
          }));
      },
    },
  ];
}
