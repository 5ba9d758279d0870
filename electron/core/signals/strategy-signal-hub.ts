/**
 * Accepted signals on their way to running strategy bots whose graphs hold a "Signal received"
 * block. A bot subscribes to each source its graph names while it runs; SignalService publishes
 * every signal that passed all checks. A source a running strategy listens to needs no signal
 * bot: the strategy taking the signal is what makes it accepted.
 */
import type { TradeSignal } from '../../../shared/ipc/schemas/signals';

/** True when the listener counts the signal (its blocks' market and action match). */
export type StrategySignalListener = (signal: TradeSignal) => boolean;

export class StrategySignalHub {
  private readonly listeners = new Map<string, Set<StrategySignalListener>>();

  constructor(
    /** The configured sources, so a graph naming a deleted one is refused with its name. */
    readonly sources: () => Array<{ id: string; name: string }>,
  ) {}

  subscribe(sourceId: string, listener: StrategySignalListener): () => void {
    let set = this.listeners.get(sourceId);
    if (!set) {
      set = new Set();
      this.listeners.set(sourceId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(sourceId) === set) this.listeners.delete(sourceId);
    };
  }

  /** Hands an accepted signal to the source's listeners; how many counted it. */
  publish(sourceId: string, signal: TradeSignal): number {
    let counted = 0;
    for (const listener of this.listeners.get(sourceId) ?? []) if (listener(signal)) counted++;
    return counted;
  }
}
