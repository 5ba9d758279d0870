/**
 * Recorded bars played to a bot backtest as its market: the paper account of a throwaway data
 * folder trades against this source exactly as it trades against the live reference or the
 * offline replay. The clock stands on one point of a bar's intrabar path at a time (open, first
 * extreme, second extreme, close — `intrabarPath`, the replay's rule) at a third of the bar
 * apart; it says it replays, so paper fills are timed on it, and it shows nothing past it.
 */
import { timeframeMs, type Candle, type Timeframe } from '../../../shared/domain/types';
import type { Market, MarketDataStatus, Ticker } from '../../../shared/ipc/contract';
import { TradewindError } from '../../../shared/ipc/errors';
import { aggregateCandles } from '../market-data/aggregate';
import { intrabarPath } from '../market-data/replay/intrabar-path';
import { DEFAULT_CANDLE_LIMIT, type MarketDataSource } from '../market-data/source';
import { lowerBound, type CandleColumns } from '../strategy/candle-columns';

/** Points sampled per bar: open, the two extremes, close. */
export const PATH_POINTS = 4;

export class BacktestMarketSource implements MarketDataSource {
  readonly timeframes: readonly Timeframe[];
  private readonly barMs: number;
  /** Bars before the one in progress, as tuples (built as the clock passes them). */
  private readonly completed: Candle[] = [];
  private bar = -1;
  private point = 0;
  private time = 0;
  private price: number | null = null;
  private partial: Candle | null = null;

  constructor(
    private readonly market: Market,
    private readonly candles: CandleColumns,
    private readonly timeframe: Timeframe,
    readonly exchangeId: string,
    readonly exchangeName: string,
  ) {
    this.timeframes = [timeframe];
    this.barMs = timeframeMs(timeframe);
  }

  /** Moves the clock to `point` (0..3) of bar `index`; bars only go forward. */
  moveTo(index: number, point: number): void {
    if (index < this.bar || (index === this.bar && point < this.point)) throw new Error('The backtest clock only goes forward.');
    const c = this.candles;
    while (this.completed.length < index) {
      const i = this.completed.length;
      this.completed.push([c.time[i]!, c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!, c.volume[i]!]);
    }
    this.bar = index;
    this.point = point;
    const bar: Candle = [c.time[index]!, c.open[index]!, c.high[index]!, c.low[index]!, c.close[index]!, c.volume[index]!];
    const path = intrabarPath(bar);
    const visited = path.slice(0, point + 1);
    this.time = bar[0] + (this.barMs * point) / (PATH_POINTS - 1);
    this.price = path[point]!;
    this.partial =
      point === PATH_POINTS - 1
        ? bar
        : [bar[0], bar[1], Math.max(...visited), Math.min(...visited), this.price, (bar[5] * point) / (PATH_POINTS - 1)];
  }

  /** The clock: the bar's open time plus a third of the bar per path point. */
  now(): number {
    return this.time;
  }

  status(): MarketDataStatus {
    return {
      mode: 'replay',
      exchangeId: this.exchangeId,
      exchangeName: this.exchangeName,
      detail: 'Backtest on recorded bars.',
      replayTime: this.time,
      replaySpeed: 1,
    };
  }

  listMarkets(): Market[] {
    return [this.market];
  }

  hasMarket(symbol: string): boolean {
    return symbol === this.market.symbol;
  }

  async tickers(symbols?: readonly string[]): Promise<Ticker[]> {
    if (this.price === null || (symbols && !symbols.includes(this.market.symbol))) return [];
    return [
      {
        symbol: this.market.symbol,
        last: this.price,
        bid: null,
        ask: null,
        changePct24h: null,
        quoteVolume24h: null,
        timestamp: this.time,
      },
    ];
  }

  lastPrice(symbol: string): number | null {
    return this.hasMarket(symbol) ? this.price : null;
  }

  async fetchCandles(symbol: string, timeframe: Timeframe, since?: number, limit = DEFAULT_CANDLE_LIMIT): Promise<Candle[]> {
    if (!this.hasMarket(symbol)) throw new TradewindError('not_found', `${symbol} is not the backtested market (${this.market.symbol}).`);
    const factor = timeframeMs(timeframe) / this.barMs;
    if (!Number.isInteger(factor) || factor < 1) {
      throw new TradewindError(
        'invalid_input',
        `The backtest's bars are ${this.timeframe}: they can make ${timeframe} candles only if that is a multiple of ${this.timeframe}. Pick a data set of ${timeframe} or shorter bars.`,
      );
    }
    const bars = this.partial ? [...this.window(since, limit * factor), this.partial] : this.window(since, limit * factor);
    const out = factor === 1 ? bars : aggregateCandles(bars, timeframe);
    if (since === undefined) return out.slice(Math.max(0, out.length - limit));
    const from = out.findIndex((c) => c[0] >= since);
    return from < 0 ? [] : out.slice(from, from + limit);
  }

  /** Completed bars from `since` (or the last `count`), without copying the whole history. */
  private window(since: number | undefined, count: number): Candle[] {
    const done = this.completed;
    if (since === undefined) return done.slice(Math.max(0, done.length - count));
    const from = lowerBound(this.candles.time, since, done.length);
    return done.slice(from, from + count);
  }

  setWatched(): void {}

  async close(): Promise<void> {}
}
