import type { Candle } from '../../../shared/domain/types';
import type { MarketDataSource } from '../market-data/source';
import type { PriceObservation } from '../exchange/venue';

interface Seen {
  last: number;
  bar: Candle | null;
}

/**
 * Turns successive price samples into traded ranges, so an order whose price was touched between
 * two samples still fills. With the replay (which may run much faster than the sampling), the
 * current bar's low/high tell which prices were traded since the previous sample: new extremes of
 * the bar seen last time, and the full range of every bar after it. Elsewhere the range is the
 * segment between the two last prices. The first sample of a symbol only sets the baseline:
 * nothing traded before an order was watched can fill it.
 */
export class PriceRanges {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly now: () => number = Date.now) {}

  async observe(source: MarketDataSource, symbol: string): Promise<PriceObservation | null> {
    const last = source.lastPrice(symbol);
    if (last === null) return null;
    const prev = this.seen.get(symbol);
    let low = Math.min(prev?.last ?? last, last);
    let high = Math.max(prev?.last ?? last, last);
    let bar = prev?.bar ?? null;
    const timeframe = source.timeframes[0];
    if (source.status().mode === 'replay' && timeframe) {
      const bars = await source.fetchCandles(symbol, timeframe, prev?.bar?.[0], prev?.bar ? 100 : 1);
      if (prev?.bar) {
        const since = prev.bar;
        for (const b of bars) {
          if (b[0] < since[0]) continue;
          const newLow = b[0] > since[0] || b[3] < since[3];
          const newHigh = b[0] > since[0] || b[2] > since[2];
          if (newLow) low = Math.min(low, b[3]);
          if (newHigh) high = Math.max(high, b[2]);
        }
      }
      bar = bars[bars.length - 1] ?? bar;
    }
    this.seen.set(symbol, { last, bar });
    return { last, low, high, at: this.now() };
  }

  /** Starts over for a symbol nobody watches any more (its next sample is a fresh baseline). */
  forget(symbol: string): void {
    this.seen.delete(symbol);
  }

  symbols(): string[] {
    return [...this.seen.keys()];
  }
}
