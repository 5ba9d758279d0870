/** One Bybit v5 kline row: [start, open, high, low, close, volume, turnover], numbers as strings. */
import type { Candle } from '../candles';
import { mul, plain } from '../decimal';

export function klineRow(bar: Candle): string[] {
  const typical = (bar.open + bar.high + bar.low + bar.close) / 4n;
  return [
    String(bar.openTime),
    plain(bar.open),
    plain(bar.high),
    plain(bar.low),
    plain(bar.close),
    plain(bar.volume),
    plain(mul(bar.volume, typical)),
  ];
}
