import { barStart, timeframeMs, type Candle, type Timeframe } from '../../../../shared/domain/types';
import type { Market, MarketDataStatus, Ticker } from '../../../../shared/ipc/contract';
import { TradewindError } from '../../../../shared/ipc/errors';
import type { OrderBookSnapshot, RecentTrades } from '../../../../shared/ipc/schemas/market-depth';
import { aggregateCandles, sliceCandles } from '../aggregate';
import { DEFAULT_CANDLE_LIMIT, type CandleWatch, type MarketDataSink, type MarketDataSource } from '../source';
import { partialBar } from './intrabar-path';
import { REPLAY_BAR_MS, type ReplayManifest, type ReplayMarketData } from './replay-data';

export interface ReplayOptions {
  /** 1 = real time. */
  speed: number;
  /** Where in the bundled history the replay clock starts (0..1), leaving the rest to play. */
  startFraction: number;
  /** How often watched tickers and candles are pushed (wall-clock ms). */
  tickMs: number;
  /** Why we are replaying, shown to the person. */
  reason: string;
  now?: () => number;
  /**
   * Where the data folder's replay clock stopped last time, and where to record it. With it the
   * clock resumes there instead of going back to `startFraction`, and never runs past the time
   * last recorded (a lease renewed on every push), so a kill -9 can never make it run backwards.
   */
  clock?: ReplayClockStore;
}

/** The data folder's replay clock (see `replay-clock-store.ts`). */
export interface ReplayClockStore {
  load(): number | null;
  save(time: number): void;
}

const DAY_MS = 86_400_000;
export const REPLAY_NO_DEPTH = 'The offline replay has recorded bars only: no order book or individual trades.';
/** The recording is 5-minute bars: it serves them and their aggregates, never invented 1m bars. */
const REPLAY_TIMEFRAMES: readonly Timeframe[] = ['5m', '15m', '1h', '4h', '1d', '1w'];

interface BarView {
  completed: Candle[];
  partial: Candle | undefined;
}

/** The bars of `bars` at or after `from`, their times moved by `offset`. */
const shifted = (bars: readonly Candle[], from: number, offset: number): Candle[] =>
  bars.filter((bar) => bar[0] >= from).map((bar) => [bar[0] + offset, bar[1], bar[2], bar[3], bar[4], bar[5]] as Candle);

/** Index of the last bar whose open time is <= t, or -1. */
function lastBarAtOrBefore(bars: readonly Candle[], t: number): number {
  let lo = 0;
  let hi = bars.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid]![0] <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Replays recorded history as if it were live: one replay clock for all markets, bars
 * revealed as the clock passes them, the current bar built along its intrabar path.
 * Nothing past the clock is ever visible (no look-ahead for charts or paper fills).
 */
export class ReplaySource implements MarketDataSource {
  readonly exchangeId: string;
  readonly exchangeName: string;
  readonly timeframes = REPLAY_TIMEFRAMES;
  private readonly bySymbol = new Map<string, ReplayMarketData>();
  private readonly now: () => number;
  private readonly startWall: number;
  private readonly startReplay: number;
  /** The recording's span the clock loops over: [loopStart, loopEnd). */
  private readonly loopStart: number;
  private readonly loopEnd: number;
  /** The latest replay time recorded in the data folder: the clock never passes it. */
  private lease = Infinity;
  /** Each market's bars of the lap in progress (and the lap before it), by symbol. */
  private readonly laps = new Map<string, { lap: number; bars: Candle[] }>();
  private watchedSymbols: ReadonlySet<string> = new Set();
  private watchedCandles: readonly CandleWatch[] = [];
  /** Bucket last pushed per watch, so a finished bucket's final state is pushed once more. */
  private readonly lastBucket = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly manifest: ReplayManifest,
    markets: readonly ReplayMarketData[],
    private readonly sink: MarketDataSink,
    private readonly options: ReplayOptions,
  ) {
    if (markets.length === 0) throw new Error('Replay needs at least one market');
    this.exchangeId = manifest.exchangeId;
    this.exchangeName = manifest.exchangeName;
    for (const market of markets) this.bySymbol.set(market.spec.symbol, market);
    this.now = options.now ?? Date.now;
    this.startWall = this.now();
    const reference = markets[0]!.bars;
    this.loopStart = reference[0]![0];
    this.loopEnd = Math.max(...markets.map((m) => m.bars[m.bars.length - 1]![0] + REPLAY_BAR_MS));
    const fresh = reference[Math.floor((reference.length - 1) * options.startFraction)]![0];
    // Resume where this data folder's clock stopped: a restart must never replay earlier times.
    this.startReplay = Math.max(fresh, options.clock?.load() ?? -Infinity);
    this.renewLease(this.startReplay);
    this.timer = setInterval(() => this.push(), options.tickMs);
    this.timer.unref();
  }

  replayTime(): number {
    const elapsed = (this.now() - this.startWall) * this.options.speed;
    return Math.min(this.startReplay + elapsed, this.lease);
  }

  status(): MarketDataStatus {
    const time = this.replayTime();
    const lap = this.lapAt(time);
    // Past the recording's end the clock goes on forward and the recording plays again, moved by whole laps.
    const detail =
      lap > 0
        ? `${this.options.reason} ${this.manifest.description} The recording has played through and is replayed again (lap ${lap + 1}) with times going on forward; prices jump where it starts over.`
        : `${this.options.reason} ${this.manifest.description}`;
    return {
      mode: 'replay',
      exchangeId: this.exchangeId,
      exchangeName: this.exchangeName,
      detail,
      replayTime: time,
      replaySpeed: this.options.speed,
    };
  }

  listMarkets(): Market[] {
    return [...this.bySymbol.values()].map(({ spec }) => {
      const [base = '', quote = ''] = spec.symbol.split('/');
      return {
        symbol: spec.symbol,
        base,
        quote,
        active: true,
        amountStep: spec.amountStep,
        priceStep: spec.priceStep,
        minAmount: spec.minAmount,
        minCost: spec.minCost,
      };
    });
  }

  hasMarket(symbol: string): boolean {
    return this.bySymbol.has(symbol);
  }

  async tickers(symbols?: readonly string[]): Promise<Ticker[]> {
    const wanted = symbols ?? [...this.bySymbol.keys()];
    return wanted.flatMap((symbol) => {
      const ticker = this.tickerOf(symbol);
      return ticker ? [ticker] : [];
    });
  }

  lastPrice(symbol: string): number | null {
    const view = this.view(symbol);
    const bar = view.partial ?? view.completed[view.completed.length - 1];
    return bar ? bar[4] : null;
  }

  async fetchCandles(symbol: string, timeframe: Timeframe, since?: number, limit = DEFAULT_CANDLE_LIMIT): Promise<Candle[]> {
    if (!this.timeframes.includes(timeframe)) {
      throw new TradewindError(
        'invalid_input',
        `The offline replay records 5-minute bars, so it has ${this.timeframes.join(', ')} candles, not ${timeframe}. Pick one of those.`,
      );
    }
    const { completed, partial } = this.view(symbol);
    const bars = partial ? [...completed, partial] : completed;
    return sliceCandles(aggregateCandles(bars, timeframe), since, limit);
  }

  setWatched(symbols: ReadonlySet<string>, candles: readonly CandleWatch[]): void {
    this.watchedSymbols = symbols;
    this.watchedCandles = candles;
    this.push();
  }

  // The recording holds bars only; a book or tape derived from them would be invented data.
  async orderBook(symbol: string): Promise<OrderBookSnapshot> {
    return { symbol, bids: [], asks: [], timestamp: this.replayTime(), available: false, reason: REPLAY_NO_DEPTH };
  }

  async recentTrades(symbol: string): Promise<RecentTrades> {
    return { symbol, trades: [], available: false, reason: REPLAY_NO_DEPTH };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    // Record where the clock stopped (the store keeps a later lease), so the next start resumes there.
    try {
      this.options.clock?.save(this.replayTime());
    } catch {
      // The lease recorded last is at or after this time: resuming from it is still forward.
    }
  }

  /** Records a time a little ahead of the clock and lets the clock run up to it, no further. */
  private renewLease(time: number): void {
    const store = this.options.clock;
    if (!store) return;
    const lease = time + 2 * this.options.tickMs * this.options.speed;
    try {
      store.save(lease);
    } catch {
      // Not recorded (disk full...): the clock waits at the old lease rather than run where a restart could not follow.
      if (this.lease === Infinity) this.lease = time;
      return;
    }
    this.lease = lease;
  }

  /** How many times the recording has played through at `time` (0 on the first pass). */
  private lapAt(time: number): number {
    if (time < this.loopEnd) return 0;
    return Math.floor((time - this.loopStart) / (this.loopEnd - this.loopStart));
  }

  /** A market's bars as the clock sees them at `time`: the recording, moved forward by whole laps once it has played through. */
  private barsAt(market: ReplayMarketData, time: number): readonly Candle[] {
    const lap = this.lapAt(time);
    if (lap === 0) return market.bars;
    const cached = this.laps.get(market.spec.symbol);
    if (cached?.lap === lap) return cached.bars;
    const span = this.loopEnd - this.loopStart;
    // The lap before stays visible as history, so charts and indicators run across the seam.
    const previous = lap === 1 ? market.bars : shifted(market.bars, this.loopStart, (lap - 1) * span);
    const bars = [...previous, ...shifted(market.bars, this.loopStart, lap * span)];
    this.laps.set(market.spec.symbol, { lap, bars });
    return bars;
  }

  private market(symbol: string): ReplayMarketData {
    const market = this.bySymbol.get(symbol);
    if (!market) {
      throw new TradewindError('not_found', `${symbol} is not in the offline replay (it has ${[...this.bySymbol.keys()].join(', ')}).`);
    }
    return market;
  }

  private view(symbol: string, time = this.replayTime()): BarView {
    const bars = this.barsAt(this.market(symbol), time);
    const k = lastBarAtOrBefore(bars, time);
    if (k < 0) return { completed: [], partial: undefined };
    const bar = bars[k]!;
    if (time < bar[0] + REPLAY_BAR_MS) {
      return { completed: bars.slice(0, k), partial: partialBar(bar, (time - bar[0]) / REPLAY_BAR_MS) };
    }
    return { completed: bars.slice(0, k + 1), partial: undefined };
  }

  private tickerOf(symbol: string): Ticker | null {
    const time = this.replayTime();
    const { completed, partial } = this.view(symbol, time);
    const recent: Candle[] = [];
    for (let i = completed.length - 1; i >= 0 && completed[i]![0] > time - DAY_MS; i--) recent.push(completed[i]!);
    if (partial) recent.unshift(partial);
    const latest = recent[0];
    if (!latest) return null;
    const dayAgo = completed.filter((bar) => bar[0] <= time - DAY_MS).at(-1);
    const last = latest[4];
    return {
      symbol,
      last,
      bid: null,
      ask: null,
      changePct24h: dayAgo ? ((last - dayAgo[4]) / dayAgo[4]) * 100 : null,
      quoteVolume24h: recent.reduce((sum, bar) => sum + bar[5] * bar[4], 0),
      timestamp: time,
    };
  }

  private push(): void {
    this.renewLease(this.replayTime());
    for (const symbol of this.watchedSymbols) {
      if (!this.bySymbol.has(symbol)) continue;
      const ticker = this.tickerOf(symbol);
      if (ticker) this.sink.ticker(ticker);
    }
    const time = this.replayTime();
    for (const { symbol, timeframe } of this.watchedCandles) {
      if (!this.bySymbol.has(symbol) || !this.timeframes.includes(timeframe)) continue;
      const { completed, partial } = this.view(symbol, time);
      const bucketStart = barStart(time, timeframe);
      const key = `${symbol}|${timeframe}`;
      const previous = this.lastBucket.get(key);
      if (previous !== undefined && previous < bucketStart) {
        // At high replay speeds a tick can jump past a bucket's end: send its final bars.
        const finished = this.bucketCandle(completed, undefined, previous, timeframe);
        if (finished) this.sink.candle({ symbol, timeframe, candle: finished });
      }
      this.lastBucket.set(key, bucketStart);
      const candle = this.bucketCandle(completed, partial, bucketStart, timeframe);
      if (candle) this.sink.candle({ symbol, timeframe, candle });
    }
  }

  /** The one candle of `timeframe` starting at `bucketStart`, from the bars revealed so far. */
  private bucketCandle(completed: Candle[], partial: Candle | undefined, bucketStart: number, timeframe: Timeframe): Candle | undefined {
    const end = bucketStart + timeframeMs(timeframe);
    const tail: Candle[] = [];
    for (let i = completed.length - 1; i >= 0 && completed[i]![0] >= bucketStart; i--) {
      if (completed[i]![0] < end) tail.unshift(completed[i]!);
    }
    if (partial && partial[0] >= bucketStart && partial[0] < end) tail.push(partial);
    return aggregateCandles(tail, timeframe)[0];
  }
}
