/**
 * The signal log as a strategy's signal feed: a backtest of a graph with "Signal received" blocks
 * replays the accepted signals of the sources it names, at the times they were received.
 */
import { signalDirection } from '../../../shared/strategy/blocks/signal-blocks';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import type { SignalEvent, SignalFeedData } from '../strategy/signal-feed';

export interface SignalLogReader {
  /** The configured sources (a block naming another id is a validation error). */
  list(): Array<{ id: string; name: string }>;
  accepted(sourceId: string): Array<{ at: number; action: string | null; symbol: string | null }>;
}

/** The sources the graph's "Signal received" blocks listen to. */
export function signalSourcesOf(graph: StrategyGraph): string[] {
  const ids = graph.nodes.flatMap((n) => (n.type === 'signalReceived' && typeof n.params.source === 'string' ? [n.params.source] : []));
  return [...new Set(ids)];
}

/** Accepted log rows as feed events (bot start/stop signals are not trade signals and are left out). */
export function eventsFromLog(rows: ReturnType<SignalLogReader['accepted']>): SignalEvent[] {
  return rows.flatMap((row) => {
    const direction = row.action === null ? null : signalDirection(row.action);
    return direction ? [{ time: row.at, direction, market: row.symbol }] : [];
  });
}

/** The feed a backtest of `graph` on `market` replays, or undefined when it has no signal block. */
export function backtestSignalFeed(log: SignalLogReader, graph: StrategyGraph, market: string, barMs: number): SignalFeedData | undefined {
  const sources = signalSourcesOf(graph);
  if (sources.length === 0) return undefined;
  return { barMs, market, events: Object.fromEntries(sources.map((id) => [id, eventsFromLog(log.accepted(id))])) };
}
