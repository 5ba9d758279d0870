/**
 * Order book and public trades for open order book panels over ccxt.pro (`watchOrderBook`,
 * `watchTrades`). The renderer keeps polling `market.depth` / `market.trades`; those calls are
 * answered from the websocket-maintained book and tape once they stream, and from REST until
 * then or while the stream is in backoff. A stream nobody asked about for IDLE_MS (the panel
 * was closed) is stopped.
 */
import type { ExchangeClient, ExchangeOrderBook, ExchangeTrade } from '../../exchange/exchange-client';
import type { OrderBookSnapshot, PublicTrade, RecentTrades } from '../../../../shared/ipc/schemas/market-depth';
import { toDepthLevels, toPublicTrades } from '../../exchange/depth-mapping';
import { streamCapabilities } from './live-streams';
import { WatchLoop, type Backoff } from './watch-loop';

const IDLE_MS = 15_000;
const SWEEP_MS = 5_000;
/** The most the contract ever asks for (DEPTH_LIMITS.max, trades max). */
const KEEP_LEVELS = 100;
const KEEP_TRADES = 100;

interface BookStream {
  loop: WatchLoop<unknown>;
  lastAskedAt: number;
  book: OrderBookSnapshot | null;
}

interface TapeStream {
  loop: WatchLoop<unknown>;
  lastAskedAt: number;
  /** Newest first; seeded from REST, then extended by the stream. */
  trades: PublicTrade[];
  seeded: boolean;
}

export class DepthStreams {
  private readonly books = new Map<string, BookStream>();
  private readonly tapes = new Map<string, TapeStream>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly caps: ReturnType<typeof streamCapabilities>;
  /** After close() the exchange's sockets are closed: a late ask must not open new ones. */
  private closed = false;

  constructor(
    private readonly exchange: ExchangeClient,
    private readonly options: { onState: (loop: WatchLoop<unknown>) => void; backoff: Backoff },
  ) {
    this.caps = streamCapabilities(exchange);
    this.sweeper = setInterval(() => this.sweep(Date.now()), SWEEP_MS);
    this.sweeper.unref();
  }

  loops(): Array<WatchLoop<unknown>> {
    return [...[...this.books.values()].map((b) => b.loop), ...[...this.tapes.values()].map((t) => t.loop)];
  }

  /** The streamed book, or null when the caller must read it over REST (not streaming yet, or in backoff). */
  orderBook(symbol: string, limit: number): OrderBookSnapshot | null {
    if (!this.caps.orderBook || this.closed) return null;
    let stream = this.books.get(symbol);
    if (!stream) {
      stream = { loop: this.bookLoop(symbol), lastAskedAt: 0, book: null };
      this.books.set(symbol, stream);
    }
    stream.lastAskedAt = Date.now();
    if (stream.loop.state !== 'streaming' || !stream.book) return null;
    return { ...stream.book, bids: stream.book.bids.slice(0, limit), asks: stream.book.asks.slice(0, limit), streaming: true };
  }

  /** The streamed tape, or null when the caller must read it over REST and `seedTrades` the result. */
  recentTrades(symbol: string, limit: number): RecentTrades | null {
    if (!this.caps.trades || this.closed) return null;
    let stream = this.tapes.get(symbol);
    if (!stream) {
      stream = { loop: this.tapeLoop(symbol), lastAskedAt: 0, trades: [], seeded: false };
      this.tapes.set(symbol, stream);
    }
    stream.lastAskedAt = Date.now();
    if (!stream.seeded || stream.loop.failing) return null;
    return { symbol, trades: stream.trades.slice(0, limit), available: true, streaming: true };
  }

  /** REST trades as the tape's history: the stream only carries prints made after it started. */
  seedTrades(symbol: string, trades: readonly PublicTrade[]): void {
    const stream = this.tapes.get(symbol);
    if (!stream) return;
    stream.trades = mergeTrades(stream.trades, trades);
    stream.seeded = true;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const stream of this.books.values()) stream.loop.stop();
    for (const stream of this.tapes.values()) stream.loop.stop();
    this.books.clear();
    this.tapes.clear();
  }

  private sweep(now: number): void {
    for (const [symbol, stream] of this.books) {
      if (now - stream.lastAskedAt < IDLE_MS) continue;
      stream.loop.stop();
      this.books.delete(symbol);
      void this.exchange.unWatchOrderBook(symbol).catch(() => {});
    }
    for (const [symbol, stream] of this.tapes) {
      if (now - stream.lastAskedAt < IDLE_MS) continue;
      stream.loop.stop();
      this.tapes.delete(symbol);
      void this.exchange.unWatchTrades(symbol).catch(() => {});
    }
  }

  private bookLoop(symbol: string): WatchLoop<unknown> {
    return new WatchLoop<unknown>({
      watch: () => this.exchange.watchOrderBook(symbol),
      onData: (data) => {
        const book = data as ExchangeOrderBook;
        const stream = this.books.get(symbol);
        if (!stream) return;
        stream.book = {
          symbol,
          bids: toDepthLevels(book.bids.slice(0, KEEP_LEVELS), 'desc'),
          asks: toDepthLevels(book.asks.slice(0, KEEP_LEVELS), 'asc'),
          timestamp: typeof book.timestamp === 'number' && Number.isFinite(book.timestamp) ? book.timestamp : Date.now(),
          available: true,
        };
      },
      onState: this.options.onState,
      backoff: this.options.backoff,
    });
  }

  private tapeLoop(symbol: string): WatchLoop<unknown> {
    return new WatchLoop<unknown>({
      watch: () => this.exchange.watchTrades(symbol),
      onData: (data) => {
        const stream = this.tapes.get(symbol);
        if (stream) stream.trades = mergeTrades(stream.trades, toPublicTrades(data as ExchangeTrade[]));
      },
      onState: this.options.onState,
      backoff: this.options.backoff,
    });
  }
}

/** Newest first, one entry per trade id, at most KEEP_TRADES. */
function mergeTrades(current: readonly PublicTrade[], incoming: readonly PublicTrade[]): PublicTrade[] {
  const byId = new Map<string, PublicTrade>();
  for (const trade of [...current, ...incoming]) byId.set(trade.id, trade);
  return [...byId.values()].sort((a, b) => b.timestamp - a.timestamp || Number(b.id) - Number(a.id)).slice(0, KEEP_TRADES);
}
