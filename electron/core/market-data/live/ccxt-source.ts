import { TIMEFRAMES, type Candle, type Timeframe } from '../../../../shared/domain/types';
import type { Market, MarketDataStatus, Ticker } from '../../../../shared/ipc/contract';
import { TradewindError } from '../../../../shared/ipc/errors';
import type { OrderBookSnapshot, RecentTrades } from '../../../../shared/ipc/schemas/market-depth';
import { redactExchangeMessage, translateCcxtError } from '../../exchange/ccxt-errors';
import { createExchangeClient, type ExchangeClient, type ExchangeTicker } from '../../exchange/exchange-client';
import { toDepthLevels, toPublicTrades } from '../../exchange/depth-mapping';
import { DepthStreams } from './depth-streams';
import { LiveStreams } from './live-streams';
import { DEFAULT_WS_BACKOFF, type Backoff, type WatchLoop } from './watch-loop';
import { DEFAULT_CANDLE_LIMIT, type CandleWatch, type MarketDataSink, type MarketDataSource } from '../source';

export interface CcxtSourceOptions {
  exchangeId: string;
  sandbox?: boolean;
  /** Spot (default) or USDT linear perpetuals: which markets the source lists and quotes. */
  marketType?: 'spot' | 'swap';
  /** Replaces the exchange's API origin (loopback fake exchange in tests). */
  apiUrl?: string;
  /** Time-out for the first contact; short, because start-up must not wait on a dead network. */
  connectTimeoutMs: number;
  /** Time-out for later requests. */
  requestTimeoutMs: number;
  pollMs: number;
  /** Websocket retry backoff after a failure (default 1 s doubling to 60 s). */
  wsBackoff?: Backoff;
  /** false: REST polling only, even where ccxt.pro has streams. */
  websocket?: boolean;
  sink: MarketDataSink;
  log: (line: string) => void;
  /** Told when the transport changes (websocket ↔ polling), so hosts can push the new status. */
  onStatus?: (status: MarketDataStatus) => void;
}

const TICKER_CACHE_MS = 15_000;

function toTicker(t: ExchangeTicker): Ticker | null {
  if (typeof t.last !== 'number' || !Number.isFinite(t.last)) return null;
  const finiteOrNull = (n: number | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : null);
  if (typeof t.symbol !== 'string') return null;
  return {
    symbol: t.symbol,
    last: t.last,
    bid: finiteOrNull(t.bid),
    ask: finiteOrNull(t.ask),
    changePct24h: finiteOrNull(t.percentage),
    quoteVolume24h: finiteOrNull(t.quoteVolume),
    timestamp: finiteOrNull(t.timestamp) ?? Date.now(),
  };
}

/**
 * Public market data from a real exchange through ccxt: websocket streams (ccxt.pro) where the
 * exchange has them, REST polling otherwise and for any stream that failed, until it recovers
 * (the rate limiter stays on). Reads only, so transient failures are retried.
 */
export class CcxtSource implements MarketDataSource {
  readonly exchangeId: string;
  readonly exchangeName: string;
  readonly timeframes: readonly Timeframe[];
  private readonly lastTickers = new Map<string, Ticker>();
  private lastAllTickersAt = 0;
  private watchedSymbols: ReadonlySet<string> = new Set();
  private watchedCandles: readonly CandleWatch[] = [];
  private streamedSymbols: ReadonlySet<string> = new Set();
  private streamedCandles: ReadonlySet<string> = new Set();
  private streamFailing = false;
  /** New watches still owed their one REST snapshot (kept until a poll delivers it). */
  private readonly snapshotSymbols = new Set<string>();
  private readonly snapshotCandles = new Map<string, CandleWatch>();
  private readonly timer: NodeJS.Timeout;
  private polling = false;
  private lastError: string | null = null;
  private readonly streams: LiveStreams | null;
  private readonly depth: DepthStreams | null;
  private closed = false;

  private constructor(
    private readonly exchange: ExchangeClient,
    private readonly options: CcxtSourceOptions,
  ) {
    this.exchangeId = exchange.id;
    this.exchangeName = exchange.name;
    const supported = new Set(exchange.timeframes);
    this.timeframes = TIMEFRAMES.filter((tf) => supported.has(tf));
    const backoff = options.wsBackoff ?? DEFAULT_WS_BACKOFF;
    const onState = (loop: WatchLoop<unknown>) => this.onStreamState(loop);
    const websocket = options.websocket !== false;
    this.streams = websocket
      ? new LiveStreams(exchange, { sink: options.sink, toTicker, onTicker: (t) => this.lastTickers.set(t.symbol, t), onState, backoff })
      : null;
    this.depth = websocket ? new DepthStreams(exchange, { onState, backoff }) : null;
    this.timer = setInterval(() => void this.poll(), options.pollMs);
    this.timer.unref();
  }

  static async connect(options: CcxtSourceOptions): Promise<CcxtSource> {
    const exchange = createExchangeClient({
      exchangeId: options.exchangeId,
      sandbox: options.sandbox ?? false,
      marketType: options.marketType ?? 'spot',
      timeoutMs: options.connectTimeoutMs,
      urlOverrides: options.apiUrl ? { [options.exchangeId]: options.apiUrl } : {},
    });
    try {
      await exchange.loadMarkets();
    } catch (error) {
      await exchange.close().catch(() => {});
      throw exchange.translate(error);
    }
    exchange.requestTimeoutMs = options.requestTimeoutMs;
    return new CcxtSource(exchange, options);
  }

  status(): MarketDataStatus {
    const failed = this.lastError ? `; the last update failed (${this.lastError}), retrying` : '';
    return {
      mode: 'live',
      exchangeId: this.exchangeId,
      exchangeName: this.exchangeName,
      detail: `Live prices from ${this.exchangeName} · ${this.transport()}${failed}.`,
    };
  }

  /** "websocket", or "polling (why)": which transport carries the live data right now. */
  transport(): string {
    const seconds = Math.round(this.options.pollMs / 100) / 10;
    if (!this.streams?.canStreamTickers) {
      return this.streams
        ? `polling every ${seconds} s (no websocket streams for ${this.exchangeName} in ccxt)`
        : `polling every ${seconds} s`;
    }
    const failing = this.loops().find((l) => l.failing);
    if (!failing) return 'websocket';
    const retryIn = Math.max(0, Math.ceil((failing.retryAt - Date.now()) / 1000));
    const retry = failing.state === 'connecting' ? 'retrying now' : `retrying in ${retryIn} s`;
    return `polling every ${seconds} s (websocket failed: ${this.describe(failing)}; ${retry})`;
  }

  listMarkets(): Market[] {
    return this.exchange.tradableMarkets();
  }

  hasMarket(symbol: string): boolean {
    return this.exchange.hasTradableMarket(symbol);
  }

  async tickers(symbols?: readonly string[]): Promise<Ticker[]> {
    if (symbols === undefined) {
      // The all-markets ticker is heavy; serve it from a short cache.
      if (Date.now() - this.lastAllTickersAt > TICKER_CACHE_MS) {
        await this.fetchTickers(undefined);
        this.lastAllTickersAt = Date.now();
      }
      return [...this.lastTickers.values()];
    }
    if (symbols.length === 0) return [];
    return this.fetchTickers(symbols);
  }

  lastPrice(symbol: string): number | null {
    return this.lastTickers.get(symbol)?.last ?? null;
  }

  async fetchCandles(symbol: string, timeframe: Timeframe, since?: number, limit = DEFAULT_CANDLE_LIMIT): Promise<Candle[]> {
    if (!this.hasMarket(symbol)) throw new TradewindError('not_found', `${symbol} is not a spot market on ${this.exchangeName}.`);
    if (!this.timeframes.includes(timeframe)) {
      throw new TradewindError(
        'invalid_input',
        `${this.exchangeName} has no ${timeframe} candles; use one of ${this.timeframes.join(', ')}.`,
      );
    }
    try {
      const rows = await this.exchange.fetchOHLCV(symbol, timeframe, since, limit);
      return rows.filter((row): row is Candle => row.length === 6 && row.every((n) => typeof n === 'number' && Number.isFinite(n)));
    } catch (error) {
      throw translateCcxtError(error, this.exchangeName);
    }
  }

  async orderBook(symbol: string, limit: number): Promise<OrderBookSnapshot> {
    this.requireSpot(symbol);
    const streamed = this.depth?.orderBook(symbol, limit);
    if (streamed) return streamed;
    try {
      const book = await this.exchange.fetchOrderBook(symbol, limit);
      return {
        symbol,
        bids: toDepthLevels(book.bids, 'desc').slice(0, limit),
        asks: toDepthLevels(book.asks, 'asc').slice(0, limit),
        timestamp: typeof book.timestamp === 'number' && Number.isFinite(book.timestamp) ? book.timestamp : Date.now(),
        available: true,
      };
    } catch (error) {
      throw translateCcxtError(error, this.exchangeName);
    }
  }

  async recentTrades(symbol: string, limit: number): Promise<RecentTrades> {
    this.requireSpot(symbol);
    const streamed = this.depth?.recentTrades(symbol, limit);
    if (streamed) return streamed;
    try {
      const trades = toPublicTrades(await this.exchange.fetchTrades(symbol, undefined, limit));
      this.depth?.seedTrades(symbol, trades);
      return { symbol, trades: trades.slice(0, limit), available: true };
    } catch (error) {
      throw translateCcxtError(error, this.exchangeName);
    }
  }

  setWatched(symbols: ReadonlySet<string>, candles: readonly CandleWatch[]): void {
    this.watchedSymbols = new Set([...symbols].filter((s) => this.hasMarket(s)));
    this.watchedCandles = candles.filter((c) => this.hasMarket(c.symbol) && this.timeframes.includes(c.timeframe));
    if (this.closed || !this.streams) return;
    const newSymbols = [...this.watchedSymbols].filter((s) => !this.streamedSymbols.has(s));
    const newCandles = this.watchedCandles.filter((c) => !this.streamedCandles.has(`${c.symbol}|${c.timeframe}`));
    this.streams.reconcile(this.watchedSymbols, this.watchedCandles);
    this.streamedSymbols = new Set(this.watchedSymbols);
    this.streamedCandles = new Set(this.watchedCandles.map((c) => `${c.symbol}|${c.timeframe}`));
    // A stream only speaks when something changes: send what REST knows now, so a new watch
    // never waits for the next trade to show a price.
    for (const symbol of newSymbols) this.snapshotSymbols.add(symbol);
    for (const c of newCandles) this.snapshotCandles.set(`${c.symbol}|${c.timeframe}`, c);
    if (newSymbols.length > 0 || newCandles.length > 0) void this.poll();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.streams?.stopAll();
    this.depth?.close();
    await this.exchange.close().catch(() => {});
  }

  private loops(): Array<WatchLoop<unknown>> {
    return [...(this.streams?.loops() ?? []), ...(this.depth?.loops() ?? [])];
  }

  /** Logs once per change: a stream falling back to polling, and its recovery. */
  private onStreamState(loop: WatchLoop<unknown>): void {
    const wasFailing = this.streamFailing;
    this.streamFailing = this.loops().some((l) => l.failing);
    if (this.streamFailing && !wasFailing) {
      this.options.log(`market data websocket failed (${this.describe(loop)}); polling ${this.exchangeName} until it recovers`);
      this.options.onStatus?.(this.status());
    } else if (!this.streamFailing && wasFailing) {
      this.options.log(`market data websocket recovered; streaming from ${this.exchangeName} again`);
      this.options.onStatus?.(this.status());
    }
  }

  /** The loop's failure in ccxt's own words, with URLs' query strings redacted. */
  private describe(loop: WatchLoop<unknown>): string {
    return loop.lastError === null ? 'unknown error' : redactExchangeMessage(loop.lastError);
  }

  private requireSpot(symbol: string): void {
    if (!this.hasMarket(symbol)) throw new TradewindError('not_found', `${symbol} is not a spot market on ${this.exchangeName}.`);
  }

  private async fetchTickers(symbols: readonly string[] | undefined): Promise<Ticker[]> {
    try {
      const raw = await this.exchange.fetchTickers(symbols ? [...symbols] : undefined);
      const tickers = Object.values(raw).flatMap((t) => {
        const ticker = toTicker(t);
        return ticker ? [ticker] : [];
      });
      for (const ticker of tickers) this.lastTickers.set(ticker.symbol, ticker);
      return tickers;
    } catch (error) {
      throw translateCcxtError(error, this.exchangeName);
    }
  }

  /** Polls what no healthy websocket stream carries, plus the snapshots new watches are owed. */
  private async poll(): Promise<void> {
    const streamed = this.streams ? this.streams.tickersToPoll(this.watchedSymbols) : [...this.watchedSymbols];
    const symbols = [...new Set([...streamed, ...this.snapshotSymbols])].filter((s) => this.watchedSymbols.has(s));
    const candles = new Map(
      (this.streams ? this.streams.candlesToPoll(this.watchedCandles) : this.watchedCandles).map((c) => [`${c.symbol}|${c.timeframe}`, c]),
    );
    for (const [key, c] of this.snapshotCandles)
      if (this.watchedCandles.some((w) => `${w.symbol}|${w.timeframe}` === key)) candles.set(key, c);
    if (symbols.length === 0 && candles.size === 0) {
      // Nothing to poll: the streams carry every watch, so an old poll failure no longer applies.
      this.lastError = null;
      this.snapshotSymbols.clear();
      this.snapshotCandles.clear();
      return;
    }
    if (await this.pollOnce(symbols, [...candles.values()])) {
      for (const s of symbols) this.snapshotSymbols.delete(s);
      for (const key of candles.keys()) this.snapshotCandles.delete(key);
    }
  }

  /** One poll at a time: a slow exchange must not pile up overlapping requests. True when it ran and succeeded. */
  private async pollOnce(symbols: readonly string[], candles: readonly CandleWatch[]): Promise<boolean> {
    if (this.polling) return false;
    this.polling = true;
    try {
      if (symbols.length > 0) {
        for (const ticker of await this.fetchTickers(symbols)) this.options.sink.ticker(ticker);
      }
      for (const { symbol, timeframe } of candles) {
        for (const candle of await this.fetchCandles(symbol, timeframe, undefined, 2)) {
          this.options.sink.candle({ symbol, timeframe, candle });
        }
      }
      this.lastError = null;
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError) this.options.log(`market data poll failed: ${message}`);
      this.lastError = message;
      return false;
    } finally {
      this.polling = false;
    }
  }
}
