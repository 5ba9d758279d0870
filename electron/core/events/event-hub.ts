import type { EventPayload, TopicName, VenueCandleUpdate, VenueTicker } from '../../../shared/ipc/contract';
import type { MarketDataSink } from '../market-data/source';
import { LatestBatcher } from '../kit/latest-batcher';

type Listener = (payload: never) => void;
type MarketUpdate = { kind: 'ticker'; ticker: VenueTicker } | { kind: 'candle'; update: VenueCandleUpdate };

/**
 * Core's event bus. High-rate streams (tickers, candles) are conflated: only the latest
 * value per key is kept and flushed as one batch every `flushMs` (~10 Hz), so a busy
 * market never turns into one IPC message per tick.
 */
export class EventHub {
  private readonly listeners = new Map<TopicName, Set<Listener>>();
  private readonly market: LatestBatcher<string, MarketUpdate>;

  constructor(
    flushMs = 100,
    private readonly onListenerError: (error: unknown) => void = () => {},
  ) {
    this.market = new LatestBatcher((batch) => this.deliver(batch), flushMs);
  }

  subscribe<T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  /** Listeners over every topic; leak checks compare it with a baseline. */
  listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  emit<T extends TopicName>(topic: T, payload: EventPayload<T>): void {
    for (const listener of this.listeners.get(topic) ?? []) {
      try {
        (listener as (p: EventPayload<T>) => void)(payload);
      } catch (error) {
        // One broken subscriber (a closed window, a dead socket) must not starve the others.
        this.onListenerError(error);
      }
    }
  }

  /** Conflated per venue and symbol: one venue's price never replaces another's. */
  ticker(ticker: VenueTicker): void {
    this.market.set(`t|${ticker.venue}|${ticker.symbol}`, { kind: 'ticker', ticker });
  }

  candle(update: VenueCandleUpdate): void {
    this.market.set(`c|${update.venue}|${update.symbol}|${update.timeframe}|${update.candle[0]}`, { kind: 'candle', update });
  }

  /** The sink a market-data source of `venue` streams into: its events are stamped with the venue. */
  sinkFor(venue: string): MarketDataSink {
    return {
      ticker: (ticker) => this.ticker({ ...ticker, venue }),
      candle: (update) => this.candle({ ...update, venue }),
    };
  }

  flush(): void {
    this.market.flush();
  }

  close(): void {
    this.market.stop();
    this.listeners.clear();
  }

  /** One batch: the tickers as one message, then the candles oldest first as another. */
  private deliver(batch: MarketUpdate[]): void {
    const tickers: VenueTicker[] = [];
    const updates: VenueCandleUpdate[] = [];
    for (const item of batch) {
      if (item.kind === 'ticker') tickers.push(item.ticker);
      else updates.push(item.update);
    }
    if (tickers.length > 0) this.emit('tickers', { tickers });
    if (updates.length > 0) this.emit('candles', { updates: updates.sort((a, b) => a.candle[0] - b.candle[0]) });
  }
}
