/**
 * Signals as a strategy sees them: for each source, the accepted signals in the order they were
 * received, each stamped with the market clock's time. The "Signal received" block reads them bar
 * by bar: a signal at time s belongs to the bar whose open time t has t <= s < t + barMs, and is
 * seen when that bar closes. Live, the tape grows while the bot runs (signals are appended as
 * they are accepted); a backtest gets the source's stored signal log.
 */
import type { SignalDirection } from '../../../shared/strategy/blocks/signal-blocks';

export interface SignalEvent {
  /** When the signal was received (ms, market clock). */
  time: number;
  direction: SignalDirection;
  /** The source's market it named. */
  market: string | null;
}

export interface SignalFeed {
  /** Length of one bar (ms). */
  barMs: number;
  /** The market the strategy runs on: the block's default market filter. */
  market: string;
  /** The accepted signals of a source in ascending time; the same array grows while live. */
  events(sourceId: string): readonly SignalEvent[];
}

/** A feed as plain data (a worker thread's task). */
export interface SignalFeedData {
  barMs: number;
  market: string;
  events: Record<string, SignalEvent[]>;
}

/** A feed whose per-source lists can be appended to (live bots) or filled at once (backtests). */
export class SignalTape implements SignalFeed {
  private readonly bySource = new Map<string, SignalEvent[]>();

  constructor(
    readonly barMs: number,
    readonly market: string,
    initial: Readonly<Record<string, readonly SignalEvent[]>> = {},
  ) {
    for (const [sourceId, events] of Object.entries(initial)) {
      this.bySource.set(
        sourceId,
        [...events].sort((a, b) => a.time - b.time),
      );
    }
  }

  static from(data: SignalFeedData): SignalTape {
    return new SignalTape(data.barMs, data.market, data.events);
  }

  events(sourceId: string): readonly SignalEvent[] {
    let list = this.bySource.get(sourceId);
    if (!list) {
      list = [];
      this.bySource.set(sourceId, list);
    }
    return list;
  }

  /** Adds a signal received now; a time before the last one is raised to it (the list stays ordered). */
  append(sourceId: string, event: SignalEvent): void {
    const list = this.events(sourceId) as SignalEvent[];
    const last = list[list.length - 1];
    list.push(last && event.time < last.time ? { ...event, time: last.time } : event);
  }

  /** Plain data for a worker thread. */
  toJSON(): SignalFeedData {
    return { barMs: this.barMs, market: this.market, events: Object.fromEntries(this.bySource) };
  }
}
