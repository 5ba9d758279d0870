/**
 * Where each trade's entry and exit go on the price chart. Long runs are drawn with merged bars
 * (one candle per N bars), so a fill time is placed on the candle whose span contains it; the
 * chart needs markers in time order, one list for the whole series.
 */
import type { Candle } from '../../../../shared/domain/types';
import type { BacktestTrade } from '../../../../shared/strategy/backtest-schema';

export interface TradeMarker {
  time: number;
  side: 'entry' | 'exit';
  text: string;
}

/** Open time of the last candle starting at or before `time` (the first candle when before all). */
export function candleTimeAt(bars: readonly Candle[], time: number): number | null {
  if (bars.length === 0) return null;
  let lo = 0;
  let hi = bars.length - 1;
  if (time <= bars[0]![0]) return bars[0]![0];
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (bars[mid]![0] <= time) lo = mid;
    else hi = mid - 1;
  }
  return bars[lo]![0];
}

export function tradeMarkers(bars: readonly Candle[], trades: readonly BacktestTrade[]): TradeMarker[] {
  const markers: TradeMarker[] = [];
  for (const trade of trades) {
    const entry = candleTimeAt(bars, trade.entryTime);
    const exit = candleTimeAt(bars, trade.exitTime);
    if (entry !== null) markers.push({ time: entry, side: 'entry', text: trade.side === 'short' ? 'SH' : 'B' });
    if (exit !== null) markers.push({ time: exit, side: 'exit', text: trade.exitReason === 'signal' ? 'S' : exitLetter(trade.exitReason) });
  }
  // Partial exits book one trade row each for the same entry: one marker per fill is enough.
  const seen = new Set<string>();
  return markers
    .filter((m) => {
      const key = `${m.time}|${m.side}|${m.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.time - b.time);
}

function exitLetter(reason: BacktestTrade['exitReason']): string {
  switch (reason) {
    case 'stopLoss':
      return 'SL';
    case 'takeProfit':
      return 'TP';
    case 'trailingStop':
      return 'TS';
    case 'partialTakeProfit':
      return 'PT';
    case 'breakEven':
      return 'BE';
    default:
      return 'S';
  }
}
