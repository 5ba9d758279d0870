import ccxt, { type Exchange, type MarketInterface as CcxtMarket, type Ticker as CcxtTicker } from 'ccxt';
import { TIMEFRAMES, type Candle, type Timeframe } from '../../../../shared/domain/types';
import type { Market, MarketDataStatus, Ticker } from '../../../../shared/ipc/contract';
import { TradewindError } from '../../../../shared/ipc/errors';
import type { OrderBookSnapshot, RecentTrades } from '../../../../shared/ipc/schemas/market-depth';
import { translateCcxtError } from '../../exchange/ccxt-errors';
import { createExchangeClient } from '../../exchange/exchange-factory';
import { toDepthLevels, toPublicTrades } from './depth-mapping';
import { DEFAULT_CANDLE_LIMIT, type CandleWatch, type MarketDataSink, type MarketDataSource } from '../source';

export interface CcxtSourceOptions {
  exchangeId: string;
  sandbox?: boolean;
  /** Replaces the exchange's API origin (loopback fake exchange in tests). */
  apiUrl?: string;
  /** Time-out for the first contact; short, because start-up must not wait on a dead network. */
  connectTimeoutMs: number;
  /** Time-out for later requests. */
  requestTimeoutMs: number;
  pollMs: number;
  sink: MarketDataSink;
  log: (line: string) => void;
}

const TICKER_CACHE_MS = 15_000;

function toTicker(t: CcxtTicker): Ticker | null {
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
 * Public market data from a real exchange through ccxt (REST polling; the rate limiter
 * stays on). Reads only, so transient failures are retried on the next poll.
 */
export class CcxtSource implements MarketDataSource {
  readonly exchangeId: string;
  readonly exchangeName: string;
  readonly timeframes: readonly Timeframe[];
  private readonly lastTickers = new Map<string, Ticker>();
  private lastAllTickersAt = 0;
  private watchedSymbols: ReadonlySet<string> = new Set();
  private watchedCandles: readonly CandleWatch[] = [];
  private readonly timer: NodeJS.Timeout;
  private polling = false;
  private lastError: string | null = null;

  private constructor(
    private readonly exchange: Exchange,
    private readonly options: CcxtSourceOptions,
  ) {
    this.exchangeId = exchange.id;
    this.exchangeName = String(exchange.name ?? exchange.id);
    const supported = new Set(Object.keys(exchange.timeframes ?? {}));
    this.timeframes = TIMEFRAMES.filter((tf) => supported.has(tf));
    this.timer = setInterval(() => void this.poll(), options.pollMs);
    this.timer.unref();
  }

  static async connect(options: CcxtSourceOptions): Promise<CcxtSource> {
    const exchange = createExchangeClient({
      exchangeId: options.exchangeId,
      sandbox: options.sandbox ?? false,
      timeoutMs: options.connectTimeoutMs,
      urlOverrides: options.apiUrl ? { [options.exchangeId]: options.apiUrl } : {},
    });
    try {
      await exchange.loadMarkets();
    } catch (error) {
      await exchange.close().catch(() => {});
      throw translateCcxtError(error, String(exchange.name ?? exchange.id));
    }
    exchange.timeout = options.requestTimeoutMs;
    return new CcxtSource(exchange, options);
  }

  status(): MarketDataStatus {
    return {
      mode: 'live',
      exchangeId: this.exchangeId,
      exchangeName: this.exchangeName,
      detail: this.lastError
        ? `Live prices from ${this.exchangeName}; the last update failed (${this.lastError}), retrying.`
        : `Live prices from ${this.exchangeName}.`,
    };
  }

  listMarkets(): Market[] {
    const tickMode = this.exchange.precisionMode === ccxt.TICK_SIZE;
    const step = (p: number | undefined) => (p === undefined ? null : tickMode ? p : 10 ** -p);
    return Object.values(this.exchange.markets as Record<string, CcxtMarket | undefined>)
      .filter((m): m is CcxtMarket => m !== undefined && m.spot === true && m.active !== false)
      .map((m) => ({
        symbol: m.symbol,
        base: m.base,
        quote: m.quote,
        active: m.active !== false,
        amountStep: step(m.precision.amount),
        priceStep: step(m.precision.price),
        minAmount: m.limits.amount?.min ?? null,
        minCost: m.limits.cost?.min ?? null,
      }))
      .sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  hasMarket(symbol: string): boolean {
    const market = (this.exchange.markets as Record<string, CcxtMarket | undefined>)[symbol];
    return market !== undefined && market.spot === true;
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
      throw new TradewindError('invalid_input', `${this.exchangeName} has no ${timeframe} candles; use one of ${this.timeframes.join(', ')}.`);
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
    try {
      const trades = await this.exchange.fetchTrades(symbol, undefined, limit);
      return { symbol, trades: toPublicTrades(trades).slice(0, limit), available: true };
    } catch (error) {
      throw translateCcxtError(error, this.exchangeName);
    }
  }

  setWatched(symbols: ReadonlySet<string>, candles: readonly CandleWatch[]): void {
    this.watchedSymbols = new Set([...symbols].filter((s) => this.hasMarket(s)));
    this.watchedCandles = candles.filter((c) => this.hasMarket(c.symbol) && this.timeframes.includes(c.timeframe));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.exchange.close().catch(() => {});
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

  /** One poll at a time: a slow exchange must not pile up overlapping requests. */
  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      if (this.watchedSymbols.size > 0) {
        for (const ticker of await this.fetchTickers([...this.watchedSymbols])) this.options.sink.ticker(ticker);
      }
      for (const { symbol, timeframe } of this.watchedCandles) {
        for (const candle of await this.fetchCandles(symbol, timeframe, undefined, 2)) {
          this.options.sink.candle({ symbol, timeframe, candle });
        }
      }
      this.lastError = null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError) this.options.log(`market data poll failed: ${message}`);
      this.lastError = message;
    } finally {
      this.polling = false;
    }
  }
}
