import type { CandleWatch } from './source';

interface SessionWatch {
  symbols: ReadonlySet<string>;
  candles: CandleWatch | undefined;
}

/**
 * What each session (window, socket) watches. The source streams the union, so two
 * windows on the same market cost one subscription, and a closed session costs nothing.
 */
export class WatchRegistry {
  private readonly sessions = new Map<string, SessionWatch>();

  constructor(private readonly apply: (symbols: ReadonlySet<string>, candles: CandleWatch[]) => void) {}

  set(sessionId: string, symbols: readonly string[], candles: CandleWatch | undefined): void {
    this.sessions.set(sessionId, { symbols: new Set(symbols), candles });
    this.publish();
  }

  end(sessionId: string): void {
    if (this.sessions.delete(sessionId)) this.publish();
  }

  /** Sessions with a watch set (windows, sockets, bots, the trading loop); leak checks read it. */
  get size(): number {
    return this.sessions.size;
  }

  private publish(): void {
    const symbols = new Set<string>();
    const candles = new Map<string, CandleWatch>();
    for (const watch of this.sessions.values()) {
      for (const symbol of watch.symbols) symbols.add(symbol);
      if (watch.candles) {
        symbols.add(watch.candles.symbol);
        candles.set(`${watch.candles.symbol}|${watch.candles.timeframe}`, watch.candles);
      }
    }
    this.apply(symbols, [...candles.values()]);
  }
}
