import type { Candle } from '../../../shared/domain/types';

export type CandleChange = 'appended' | 'updated-last' | 'updated-past' | 'ignored';

function isValidCandle(candle: Candle): boolean {
  return candle.length === 6 && candle.every((value) => Number.isFinite(value));
}

function isStrictlyAscending(candles: readonly Candle[]): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (const candle of candles) {
    if (!isValidCandle(candle) || candle[0] <= previous) return false;
    previous = candle[0];
  }
  return true;
}

/**
 * The bars currently drawn, in time order, one per open time. It decides how a live bar applies
 * (lightweight-charts throws when `update` gets a bar older than the last without the historical
 * flag) and answers "which bar is under the crosshair" with its volume.
 */
export class CandleBook {
  private bars: Candle[] = [];

  get size(): number {
    return this.bars.length;
  }

  all(): readonly Candle[] {
    return this.bars;
  }

  last(): Candle | undefined {
    return this.bars[this.bars.length - 1];
  }

  clear(): void {
    this.bars = [];
  }

  /** Replaces every bar: sorted, one per open time (the later duplicate wins), malformed dropped. */
  replace(candles: readonly Candle[]): readonly Candle[] {
    // History from core is already valid and strictly ascending: one check, one copy, no sort
    // (the usual case, and the one that matters for 100,000 bars).
    if (isStrictlyAscending(candles)) {
      this.bars = candles.slice();
      return this.bars;
    }
    const sorted = candles.filter(isValidCandle).sort((a, b) => a[0] - b[0]);
    const bars: Candle[] = [];
    for (const candle of sorted) {
      const previous = bars[bars.length - 1];
      if (previous && previous[0] === candle[0]) bars[bars.length - 1] = candle;
      else bars.push(candle);
    }
    this.bars = bars;
    return bars;
  }

  /** Inserts bars older than the first one (scroll-back page); returns how many were added. */
  prepend(older: readonly Candle[]): number {
    const first = this.bars[0];
    const cutoff = first ? first[0] : Number.POSITIVE_INFINITY;
    const fresh = new CandleBook();
    const added = fresh.replace(older.filter((candle) => candle[0] < cutoff));
    if (added.length > 0) this.bars = [...added, ...this.bars];
    return added.length;
  }

  /** Drops the newest bars beyond `maxBars` (memory cap while scrolled far back); returns how many. */
  trimNewest(maxBars: number): number {
    const dropped = Math.max(0, this.bars.length - maxBars);
    if (dropped > 0) this.bars = this.bars.slice(0, maxBars);
    return dropped;
  }

  /** Applies a live bar: a new bar appends, the forming bar or a known older bar is replaced. */
  upsert(candle: Candle): CandleChange {
    if (!isValidCandle(candle)) return 'ignored';
    const lastIndex = this.bars.length - 1;
    const last = this.bars[lastIndex];
    if (!last || candle[0] > last[0]) {
      this.bars.push(candle);
      return 'appended';
    }
    if (candle[0] === last[0]) {
      this.bars[lastIndex] = candle;
      return 'updated-last';
    }
    const index = this.indexOf(candle[0]);
    if (index < 0) return 'ignored';
    this.bars[index] = candle;
    return 'updated-past';
  }

  find(openTimeMs: number): Candle | undefined {
    const index = this.indexOf(openTimeMs);
    return index < 0 ? undefined : this.bars[index];
  }

  private indexOf(openTimeMs: number): number {
    let low = 0;
    let high = this.bars.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const time = (this.bars[middle] as Candle)[0];
      if (time === openTimeMs) return middle;
      if (time < openTimeMs) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}
