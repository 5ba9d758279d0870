/**
 * Tickers and candles of the watched symbols over ccxt.pro websockets (`watchTickers` /
 * `watchTicker`, `watchOHLCV`), feeding the same sink as polling so EventHub conflation applies.
 * Each stream is a WatchLoop: while one is in backoff, `needsPolling` tells CcxtSource to poll
 * that part over REST instead, and the loop returns to the socket when it recovers.
 */
import type { Candle, Timeframe } from '../../../../shared/domain/types';
import type { Ticker } from '../../../../shared/ipc/contract';
import type { ExchangeCandle, ExchangeClient, ExchangeTicker } from '../../exchange/exchange-client';
import type { CandleWatch, MarketDataSink } from '../source';
import { WatchLoop, type Backoff } from './watch-loop';

export interface LiveStreamsOptions {
  sink: MarketDataSink;
  toTicker: (raw: ExchangeTicker) => Ticker | null;
  onTicker: (ticker: Ticker) => void;
  onState: (loop: WatchLoop<unknown>) => void;
  backoff: Backoff;
}

/** Which websocket streams an exchange offers through ccxt.pro (false for plain REST clients). */
export function streamCapabilities(exchange: ExchangeClient) {
  const { tickers, ticker, ohlcv, orderBook, trades } = exchange.capabilities.websockets;
  return { tickers, ticker, ohlcv, orderBook, trades };
}

const candleKey = (c: CandleWatch) => `${c.symbol}|${c.timeframe}`;

function validCandle(row: ExchangeCandle): row is Candle {
  return row.length === 6 && row.every((n) => typeof n === 'number' && Number.isFinite(n));
}

export class LiveStreams {
  private readonly caps: ReturnType<typeof streamCapabilities>;
  /** One multi-symbol loop (watchTickers) or one per symbol (watchTicker). */
  private readonly tickerLoops = new Map<string, WatchLoop<unknown>>();
  private readonly candleLoops = new Map<string, WatchLoop<unknown>>();

  constructor(
    private readonly exchange: ExchangeClient,
    private readonly options: LiveStreamsOptions,
  ) {
    this.caps = streamCapabilities(exchange);
  }

  get canStreamTickers(): boolean {
    return this.caps.tickers || this.caps.ticker;
  }

  get canStreamCandles(): boolean {
    return this.caps.ohlcv;
  }

  loops(): Array<WatchLoop<unknown>> {
    return [...this.tickerLoops.values(), ...this.candleLoops.values()];
  }

  /** Symbols whose tickers must be polled: no websocket for them, or their stream is in backoff. */
  tickersToPoll(symbols: ReadonlySet<string>): string[] {
    if (!this.canStreamTickers) return [...symbols];
    if (this.caps.tickers) {
      const loop = this.tickerLoops.values().next().value;
      return loop?.failing ? [...symbols] : [];
    }
    return [...symbols].filter((s) => this.tickerLoops.get(s)?.failing === true);
  }

  candlesToPoll(candles: readonly CandleWatch[]): CandleWatch[] {
    if (!this.canStreamCandles) return [...candles];
    return candles.filter((c) => this.candleLoops.get(candleKey(c))?.failing === true);
  }

  /** Starts and stops loops so exactly the watched symbols and candle series stream. */
  reconcile(symbols: ReadonlySet<string>, candles: readonly CandleWatch[]): void {
    if (this.caps.tickers) {
      const key = [...symbols].sort().join(',');
      const current = [...this.tickerLoops.keys()][0];
      if (current !== key) {
        this.stopTickers();
        if (symbols.size > 0) this.tickerLoops.set(key, this.tickerLoop([...symbols]));
      }
    } else if (this.caps.ticker) {
      for (const [symbol, loop] of this.tickerLoops) {
        if (!symbols.has(symbol))
          this.stopLoop(this.tickerLoops, symbol, loop, () => this.unwatch('unWatchTicker', symbol, this.tickerParams));
      }
      for (const symbol of symbols) if (!this.tickerLoops.has(symbol)) this.tickerLoops.set(symbol, this.tickerLoop([symbol]));
    }
    if (this.caps.ohlcv) {
      const wanted = new Map(candles.map((c) => [candleKey(c), c]));
      for (const [key, loop] of this.candleLoops) {
        if (wanted.has(key)) continue;
        const [symbol, timeframe] = key.split('|') as [string, Timeframe];
        this.stopLoop(this.candleLoops, key, loop, () => this.unwatch('unWatchOHLCV', symbol, timeframe));
      }
      for (const [key, watch] of wanted) if (!this.candleLoops.has(key)) this.candleLoops.set(key, this.candleLoop(watch));
    }
  }

  /**
   * Stops every loop without unsubscribing: the caller closes the exchange (and its sockets)
   * next, and an unsubscribe racing that close would fail inside ccxt where nobody can catch it.
   */
  stopAll(): void {
    for (const map of [this.tickerLoops, this.candleLoops]) {
      for (const [key, loop] of map) this.stopLoop(map, key, loop, () => {});
    }
  }

  private stopTickers(): void {
    for (const [key, loop] of this.tickerLoops) {
      this.stopLoop(this.tickerLoops, key, loop, () =>
        this.caps.tickers
          ? this.unwatch('unWatchTickers', key.split(','), this.tickerParams)
          : this.unwatch('unWatchTicker', key, this.tickerParams),
      );
    }
  }

  private stopLoop(map: Map<string, WatchLoop<unknown>>, key: string, loop: WatchLoop<unknown>, unwatch: () => void): void {
    loop.stop();
    map.delete(key);
    // Tell the exchange too, so the socket stops carrying a stream nobody reads (and the
    // pending watch settles, ending the loop).
    unwatch();
  }

  private unwatch(method: 'unWatchTickers' | 'unWatchTicker' | 'unWatchOHLCV', ...args: unknown[]): void {
    this.exchange.unWatch(method, ...args);
  }

  /** Binance's full 24 h ticker carries bid/ask; its default "miniTicker" does not (unwatch must name it too). */
  private get tickerParams(): Record<string, string> {
    return this.exchange.id === 'binance' ? { name: 'ticker' } : {};
  }

  private tickerLoop(symbols: string[]): WatchLoop<unknown> {
    const params = this.tickerParams;
    const single = symbols[0] as string;
    return new WatchLoop<unknown>({
      watch: () => (this.caps.tickers ? this.exchange.watchTickers(symbols, params) : this.exchange.watchTicker(single, params)),
      onData: (data) => {
        const raw = this.caps.tickers ? Object.values(data as Record<string, ExchangeTicker>) : [data as ExchangeTicker];
        for (const t of raw) {
          const ticker = this.options.toTicker(t);
          if (!ticker) continue;
          this.options.onTicker(ticker);
          this.options.sink.ticker(ticker);
        }
      },
      onState: this.options.onState,
      backoff: this.options.backoff,
    });
  }

  private candleLoop({ symbol, timeframe }: CandleWatch): WatchLoop<unknown> {
    return new WatchLoop<unknown>({
      watch: () => this.exchange.watchOHLCV(symbol, timeframe),
      onData: (rows) => {
        for (const candle of (rows as ExchangeCandle[]).filter(validCandle)) this.options.sink.candle({ symbol, timeframe, candle });
      },
      onState: this.options.onState,
      backoff: this.options.backoff,
    });
  }
}
