/** Deterministic signals over a candle series, for the evaluator and backtest tests of "Signal received". */
import type { CandleColumns } from '../candle-columns';
import { SignalTape, type SignalEvent } from '../signal-feed';

export const SIGNAL_TEST_MARKET = 'BTC/USDT';

/**
 * About one signal in six bars at a seeded offset inside the bar: buys and sells, some for another
 * market, some exactly on a bar's open, a few bunched in one bar, and some in no bar (before the
 * first one), so every branch of the block's kernel is crossed.
 */
export function syntheticSignals(candles: CandleColumns, seed = 7): SignalEvent[] {
  const n = candles.length;
  const barMs = n > 1 ? candles.time[1]! - candles.time[0]! : 60_000;
  let state = seed >>> 0;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const events: SignalEvent[] = [{ time: candles.time[0]! - 3 * barMs, direction: 'buy', market: SIGNAL_TEST_MARKET }];
  for (let i = 0; i < n; i++) {
    if (rand() > 1 / 6) continue;
    const count = rand() < 0.1 ? 3 : 1;
    for (let k = 0; k < count; k++) {
      const r = rand();
      events.push({
        time: candles.time[i]! + (r < 0.1 ? 0 : Math.floor(rand() * barMs)),
        direction: rand() < 0.5 ? 'buy' : 'sell',
        market: rand() < 0.15 ? 'ETH/USDT' : SIGNAL_TEST_MARKET,
      });
    }
  }
  return events.sort((a, b) => a.time - b.time);
}

export function syntheticSignalFeed(candles: CandleColumns, sourceId: string, seed = 7): SignalTape {
  const barMs = candles.length > 1 ? candles.time[1]! - candles.time[0]! : 60_000;
  return new SignalTape(barMs, SIGNAL_TEST_MARKET, { [sourceId]: syntheticSignals(candles, seed) });
}
