import { useCallback, useEffect, useState } from 'react';
import type { BotDetail, BotEvent, BotView } from '../../../../shared/ipc/schemas/bots';
import { useCoalescedRefresh } from '../../../lib/hooks/use-coalesced-refresh';
import { useRpcClient, useRpcEvent } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';

/** Events kept in the log (core sends this many with the detail; live ones are appended). */
export const EVENT_LIMIT = 300;

/** A view change that moves orders, fills or levels needs the detail again; a PnL tick does not. */
export function needsReload(shown: BotView, next: BotView): boolean {
  return (
    shown.state !== next.state ||
    shown.openOrders !== next.openOrders ||
    shown.realisedPnl !== next.realisedPnl ||
    shown.lastEvent?.seq !== next.lastEvent?.seq ||
    JSON.stringify(shown.config) !== JSON.stringify(next.config)
  );
}

/** Appends live events in `seq` order without duplicates, keeping the newest EVENT_LIMIT. */
export function appendEvents(events: readonly BotEvent[], incoming: readonly BotEvent[]): BotEvent[] {
  const bySeq = new Map<number, BotEvent>();
  for (const event of [...events, ...incoming]) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-EVENT_LIMIT);
}

/**
 * One bot's detail (`bots.get`): levels, deals, orders, fills and the event log. Events arrive
 * live from `bots.event`; the rest is re-read (coalesced) when `bots.changed` says something
 * that moves it changed, or a fill lands on its market.
 */
export function useBotDetail(id: string) {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const [state, setState] = useState<{ id: string; detail: BotDetail | null; error: string | null } | null>(null);

  const load = useCallback(async () => {
    try {
      const detail = await client.call('bots.get', { id, events: EVENT_LIMIT });
      // Events that arrived while the request was out are kept.
      setState((current) => ({ id, detail: { ...detail, events: appendEvents(detail.events, current?.id === id ? (current.detail?.events ?? []) : []) }, error: null }));
    } catch (error) {
      setState((current) => ({ id, detail: current?.id === id ? current.detail : null, error: describeError(error) }));
    }
  }, [client, id]);
  const refresh = useCoalescedRefresh(load);

  useEffect(() => {
    void refresh();
  }, [refresh, epoch]);

  useRpcEvent('bots.event', (event) => {
    if (event.botId !== id) return;
    setState((current) => (current?.id === id && current.detail ? { ...current, detail: { ...current.detail, events: appendEvents(current.detail.events, [event]) } } : current));
  });
  useRpcEvent('bots.changed', (payload) => {
    const view = payload.bots.find((bot) => bot.id === id);
    if (!view) return;
    const shown = state?.id === id ? state.detail?.bot : undefined;
    if (!shown || needsReload(shown, view)) {
      void refresh();
      return;
    }
    setState((current) => (current?.id === id && current.detail ? { ...current, detail: { ...current.detail, bot: view } } : current));
  });
  useRpcEvent('fills', (payload) => {
    const bot = state?.id === id ? state.detail?.bot : undefined;
    if (bot && payload.fills.some((fill) => fill.accountId === bot.accountId && fill.symbol === bot.symbol)) void refresh();
  });

  const current = state?.id === id ? state : null;
  return { detail: current?.detail ?? null, error: current?.error ?? null, reload: () => void refresh() };
}
