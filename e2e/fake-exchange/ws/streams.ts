/**
 * Binance spot stream names (`btcusdt@ticker`, `btcusdt@kline_1m`, `btcusdt@depth@100ms`...)
 * parsed against the fake's markets; anything else is refused the way Binance refuses it.
 */
import type { ExchangeCore } from '../core';

export type StreamSpec =
  | { name: string; symbol: string; kind: 'ticker' | 'miniTicker' | 'trade' | 'aggTrade' | 'depth' }
  | { name: string; symbol: string; kind: 'partialDepth'; levels: number }
  | { name: string; symbol: string; kind: 'kline'; interval: string };

const PARTIAL_LEVELS = new Set([5, 10, 20]);
const INTERVAL = /^(\d+)([smhdwM])$/;
const KLINE_INTERVALS = new Set(['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M']);

/** The parsed stream, or null for a name Binance would answer "invalid stream" to. */
export function parseStream(core: ExchangeCore, name: string): StreamSpec | null {
  const [lowerSymbol, channel, rate, ...rest] = name.split('@');
  if (!lowerSymbol || !channel || rest.length > 0 || lowerSymbol !== lowerSymbol.toLowerCase()) return null;
  const symbol = lowerSymbol.toUpperCase();
  if (!core.markets.has(symbol)) return null;
  if (rate !== undefined && !(channel.startsWith('depth') && (rate === '100ms' || rate === '1000ms'))) return null;
  if (channel === 'ticker' || channel === 'miniTicker' || channel === 'trade' || channel === 'aggTrade' || channel === 'depth') {
    return { name, symbol, kind: channel };
  }
  const partial = /^depth(\d+)$/.exec(channel);
  if (partial) {
    const levels = Number(partial[1]);
    return PARTIAL_LEVELS.has(levels) ? { name, symbol, kind: 'partialDepth', levels } : null;
  }
  if (channel.startsWith('kline_')) {
    const interval = channel.slice('kline_'.length);
    return KLINE_INTERVALS.has(interval) ? { name, symbol, kind: 'kline', interval } : null;
  }
  return null;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000, w: 7 * 86_400_000 };
/** Binance weeks open on Monday; 1970-01-01 was a Thursday. */
const WEEK_OFFSET = 4 * 86_400_000;

/** [open, close] of the kline bucket that contains `time` (close = next open - 1, as Binance prints it). */
export function klineBucket(time: number, interval: string): [number, number] {
  const match = INTERVAL.exec(interval);
  if (!match) throw new Error(`bad kline interval ${interval}`);
  const count = Number(match[1]);
  const unit = match[2] as string;
  if (unit === 'M') {
    const d = new Date(time);
    return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + count, 1) - 1];
  }
  const length = count * (UNIT_MS[unit] as number);
  const offset = unit === 'w' ? WEEK_OFFSET : 0;
  const open = Math.floor((time - offset) / length) * length + offset;
  return [open, open + length - 1];
}
