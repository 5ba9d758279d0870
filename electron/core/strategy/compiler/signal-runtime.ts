import type { ResolvedParams } from '../../../../shared/strategy/block-types';
import type { SignalActionFilter } from '../../../../shared/strategy/blocks/signal-blocks';
import { FALSE, TRUE } from '../kernels/conditions';
import type { SignalEvent, SignalFeed } from '../signal-feed';
import { CANDLE_SLOTS, type NodeRuntime } from './runtime-types';

const T = CANDLE_SLOTS.time;

/**
 * Walks a source's signals alongside the bars: each call takes a bar's open time and says whether
 * a matching signal arrived during that bar. Signals before the bar (in a gap, or before the first
 * bar) are skipped, never carried into a later bar. Shared by the batch loop and the streaming step.
 */
class SignalKernel {
  private cursor = 0;

  constructor(
    private readonly events: readonly SignalEvent[],
    private readonly barMs: number,
    private readonly action: SignalActionFilter,
    private readonly market: string,
  ) {}

  next(openTime: number): number {
    const events = this.events;
    const end = openTime + this.barMs;
    let c = this.cursor;
    while (c < events.length && events[c]!.time < openTime) c++;
    let hit = FALSE;
    for (; c < events.length && events[c]!.time < end; c++) {
      const e = events[c]!;
      if (e.market === this.market && (this.action === 'any' || e.direction === this.action)) hit = TRUE;
    }
    this.cursor = c;
    return hit;
  }
}

/** The block's runtime over a feed (with no feed, as in an alert preview, no signal ever arrives). */
export function signalReceived(params: ResolvedParams, outputs: readonly number[], feed: SignalFeed | undefined): NodeRuntime {
  const out = outputs[0]!;
  const market = (params.market as string) || (feed?.market ?? '');
  const make = () =>
    new SignalKernel(feed ? feed.events(params.source as string) : [], feed?.barMs ?? 0, params.action as SignalActionFilter, market);
  return {
    batch: (c, n) => {
      const k = make();
      const time = c.num[T]!;
      const column = c.bool[out]!;
      for (let i = 0; i < n; i++) column[i] = k.next(time[i]!);
    },
    stepper: (r) => {
      const k = make();
      return () => {
        r.bool[out] = k.next(r.num[T]!);
      };
    },
  };
}
