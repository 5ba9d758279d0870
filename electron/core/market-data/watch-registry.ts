import type { CandleWatch } from './source';

interface SessionWatch {
  symbols: ReadonlySet<string>;
  candles: readonly CandleWatch[];
}

/**
 * What each session (window, socket) watches. The source streams the union, so two
 * windows on the same market cost one subscription, and a closed session costs nothing.
 */
export class WatchRegistry {
  private readonly sessions = new Map<string, SessionWatch>();

  constructor(private readonly apply: (symbols: ReadonlySet<string>, candles: CandleWatch[]) => void) {}

  /** `candles`: the series this session charts (one, several in the docking workspace, or none). */
  set(sessionId: string, symbols: readonly string[], candles: CandleWatch | readonly CandleWatch[] | undefined): void {
    const series = candles === undefined ? [] : Array.isArray(candles) ? (candles as readonly CandleWatch[]) : [candles as CandleWatch];
    this.sessions.set(sessionId, { symbols: new Set(symbols), candles: series });
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
      for (const series of watch.candles) {
        symbols.add(series.symbol);
        candles.set(`${series.symbol}|${series.timeframe}`, series);
      }
    }
    this.apply(symbols, [...candles.values()]);
  }
}
