import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared/domain/types';
import type { BacktestTrade } from '../../../../shared/strategy/backtest-schema';
import { candleTimeAt, tradeMarkers } from './trade-markers';

const bars: Candle[] = [0, 300, 600, 900].map((t) => [t, 1, 1, 1, 1, 1]);
const trade = (entryTime: number, exitTime: number, exitReason: BacktestTrade['exitReason'] = 'signal'): BacktestTrade => ({
  entryTime,
  entryPrice: 1,
  exitTime,
  exitPrice: 1,
  amount: 1,
  pnl: 0,
  pnlPct: 0,
  fees: 0,
  exitReason,
  entryNodeId: 'e',
  entryBar: 0,
  exitBar: 0,
});

describe('trade markers', () => {
  it('sit on the candle whose span holds the fill (merged candles), in time order', () => {
    expect(candleTimeAt(bars, 450)).toBe(300);
    expect(candleTimeAt(bars, 900)).toBe(900);
    expect(candleTimeAt(bars, -5)).toBe(0);
    expect(candleTimeAt([], 5)).toBeNull();
    expect(tradeMarkers(bars, [trade(610, 1_000, 'stopLoss'), trade(10, 320)])).toEqual([
      { time: 0, side: 'entry', text: 'B' },
      { time: 300, side: 'exit', text: 'S' },
      { time: 600, side: 'entry', text: 'B' },
      { time: 900, side: 'exit', text: 'SL' },
    ]);
  });

  it('mark a short entry, partial and break-even exits, once per fill', () => {
    const partial = (exitTime: number, exitReason: BacktestTrade['exitReason']) => ({
      ...trade(10, exitTime, exitReason),
      side: 'short' as const,
    });
    expect(tradeMarkers(bars, [partial(320, 'partialTakeProfit'), partial(320, 'partialTakeProfit'), partial(620, 'breakEven')])).toEqual([
      { time: 0, side: 'entry', text: 'SH' },
      { time: 300, side: 'exit', text: 'PT' },
      { time: 600, side: 'exit', text: 'BE' },
    ]);
  });
});
