import type { CandleUpdate, EventPayload, Ticker, TopicName } from '../../../shared/ipc/contract';

type Listener = (payload: never) => void;

/**
 * Core's event bus. High-rate streams (tickers, candles) are conflated: only the latest
 * value per key is kept and flushed as one batch every `flushMs` (~10 Hz), so a busy
 * market never turns into one IPC message per tick.
 */
export class EventHub {
  private readonly listeners = new Map<TopicName, Set<Listener>>();
  private readonly pendingTickers = new Map<string, Ticker>();
  private readonly pendingCandles = new Map<string, CandleUpdate>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    flushMs = 100,
    private readonly onListenerError: (error: unknown) => void = () => {},
  ) {
    this.timer = setInterval(() => this.flush(), flushMs);
    this.timer.unref();
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

  ticker(ticker: Ticker): void {
    this.pendingTickers.set(ticker.symbol, ticker);
  }

  candle(update: CandleUpdate): void {
    this.pendingCandles.set(`${update.symbol}|${update.timeframe}|${update.candle[0]}`, update);
  }

  flush(): void {
    if (this.pendingTickers.size > 0) {
      const tickers = [...this.pendingTickers.values()];
      this.pendingTickers.clear();
      this.emit('tickers', { tickers });
    }
    if (this.pendingCandles.size > 0) {
      const updates = [...this.pendingCandles.values()].sort((a, b) => a.candle[0] - b.candle[0]);
      this.pendingCandles.clear();
      this.emit('candles', { updates });
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.listeners.clear();
  }
}
