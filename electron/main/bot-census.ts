/**
 * How many bots are active (and how many of those trade live), for the tray and the quit and
 * close prompts. Kept current from core's `bots.changed` / `bots.deleted` events; re-read with
 * `bots.list` when a decision depends on it.
 */
import type { BotView } from '../../shared/ipc/schemas/bots';
import type { Core } from '../core/types';

export interface BotCensus {
  /** Running, paused or stopping: acting on the market or holding orders. */
  active: number;
  /** Of those, the ones placing real orders. */
  live: number;
}

type CensusBot = Pick<BotView, 'id' | 'state' | 'mode'>;

export function countBots(bots: Iterable<CensusBot>): BotCensus {
  let active = 0;
  let live = 0;
  for (const bot of bots) {
    if (bot.state !== 'running' && bot.state !== 'paused' && bot.state !== 'stopping') continue;
    active += 1;
    if (bot.mode === 'live') live += 1;
  }
  return { active, live };
}

export interface BotCensusTracker {
  current(): BotCensus;
  /** Re-reads `bots.list`; keeps the tracked state (and says so in the log) when core cannot answer. */
  refresh(): Promise<BotCensus>;
  onChange(listener: (census: BotCensus) => void): () => void;
  dispose(): void;
}

/** Main's own core session (it is not a window). */
export const MAIN_SESSION = 'electron-main';

export function trackBotCensus(core: Pick<Core, 'invoke' | 'subscribe'>, log: (line: string) => void): BotCensusTracker {
  const bots = new Map<string, CensusBot>();
  const listeners = new Set<(census: BotCensus) => void>();
  let last = countBots([]);
  const changed = () => {
    const next = countBots(bots.values());
    if (next.active === last.active && next.live === last.live) return;
    last = next;
    for (const listener of [...listeners]) listener(next);
  };
  const offChanged = core.subscribe('bots.changed', ({ bots: views }) => {
    for (const view of views) bots.set(view.id, view);
    changed();
  });
  const offDeleted = core.subscribe('bots.deleted', ({ ids }) => {
    for (const id of ids) bots.delete(id);
    changed();
  });

  const refresh = async (): Promise<BotCensus> => {
    const reply = await core.invoke('bots.list', undefined, { sessionId: MAIN_SESSION });
    if (!reply.ok) {
      log(`bots: cannot list bots (${reply.error.code}: ${reply.error.message}); using the last known state`);
      return last;
    }
    bots.clear();
    for (const view of reply.value as CensusBot[]) bots.set(view.id, view);
    changed();
    return last;
  };

  return {
    current: () => last,
    refresh,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      offChanged();
      offDeleted();
      listeners.clear();
    },
  };
}
