import { useCallback, useEffect, useState } from 'react';
import type { BotDetail, BotView } from '../../../../shared/ipc/schemas/bots';
import { useCoalescedRefresh } from '../../../lib/hooks/use-coalesced-refresh';
import { useRpcClient, useRpcEvent } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';

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

/**
 * One bot's detail (`bots.get`): levels, deals, orders and fills for the chart and the fills tab
 * (the orders and events tabs page their own: use-bot-pages.ts). Re-read (coalesced) when
 * `bots.changed` says something that moves it changed, or a fill lands on its market.
 */
export function useBotDetail(id: string) {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const [state, setState] = useState<{ id: string; detail: BotDetail | null; error: string | null } | null>(null);

  const load = useCallback(async () => {
    try {
      // The event log pages itself (bots.events): one event is the least the detail carries.
      const detail = await client.call('bots.get', { id, events: 1 });
      setState({ id, detail, error: null });
    } catch (error) {
      setState((current) => ({ id, detail: current?.id === id ? current.detail : null, error: describeError(error) }));
    }
  }, [client, id]);
  const refresh = useCoalescedRefresh(load);

  useEffect(() => {
    void refresh();
  }, [refresh, epoch]);

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
  // A stop or the kill switch cancels the bot's orders after its state changed: redraw without them.
  useRpcEvent('orders.changed', (payload) => {
    if (payload.orders.some((order) => order.origin === 'bot' && order.originId === id)) void refresh();
  });
  useRpcEvent('fills', (payload) => {
    const bot = state?.id === id ? state.detail?.bot : undefined;
    if (bot && payload.fills.some((fill) => fill.accountId === bot.accountId && fill.symbol === bot.symbol)) void refresh();
  });

  const current = state?.id === id ? state : null;
  return { detail: current?.detail ?? null, error: current?.error ?? null, reload: () => void refresh() };
}
