/**
 * A backtest of a strategy with "Signal received" blocks replays the sources' stored signal logs.
 * When a block has no matching signal in the tested range it is false on every bar: the result
 * says so, instead of showing a run with no trades and no reason.
 */
import { BLOCKS } from '../../../shared/strategy/blocks/index';
import type { SignalActionFilter } from '../../../shared/strategy/blocks/signal-blocks';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import type { StrategyIssue } from '../../../shared/strategy/issues';
import { resolveParams } from '../../../shared/strategy/params';
import type { SignalFeed } from '../strategy/signal-feed';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** One warning per signal block with no matching signal between the first bar's open and the last bar's close. */
export function signalCoverage(graph: StrategyGraph, feed: SignalFeed | undefined, firstOpen: number, lastOpen: number): StrategyIssue[] {
  if (!feed) return [];
  const end = lastOpen + feed.barMs;
  return graph.nodes.flatMap((node): StrategyIssue[] => {
    if (node.type !== 'signalReceived') return [];
    const p = resolveParams(BLOCKS.signalReceived, node.params);
    const action = p.action as SignalActionFilter;
    const market = (p.market as string) || feed.market;
    const events = feed.events(p.source as string);
    const inRange = events.filter((e) => e.time >= firstOpen && e.time < end);
    const matching = inRange.filter((e) => e.market === market && (action === 'any' || e.direction === action));
    if (matching.length > 0) return [];
    const what = action === 'any' ? 'buy or sell' : action;
    const held =
      events.length === 0
        ? 'the source has no accepted signals in its log'
        : `its log holds ${events.length} accepted signal(s), ${inRange.length} in this range`;
    return [
      {
        severity: 'warning',
        code: 'no_signals_in_range',
        nodeId: node.id,
        message: `Signal received "${node.label ?? node.id}": no accepted ${what} signal for ${market} between ${day(firstOpen)} and ${day(end)} UTC (${held}), so the block was false on every bar. Backtest a range the source has signals in, or let it collect signals first.`,
      },
    ];
  });
}
