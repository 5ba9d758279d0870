import { useCallback, useEffect, useState } from 'react';
import type { BracketView, OrderView, TradeView } from '../../../shared/ipc/schemas/orders';
import { useCoalescedRefresh } from '../../lib/hooks/use-coalesced-refresh';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';

export type OrdersTab = 'open' | 'history' | 'trades' | 'brackets';
export type OrdersScope = 'account' | 'all';

export type OrdersData =
  | { tab: 'open' | 'history'; rows: OrderView[] }
  | { tab: 'trades'; rows: TradeView[] }
  | { tab: 'brackets'; rows: BracketView[] };

export const HISTORY_LIMIT = 200;

/**
 * The rows of one tab of the orders panel, for the selected account or all accounts. Reloaded
 * on `orders.changed`, `fills` and `brackets.changed` (bursts coalesce) and after a reconnect.
 */
export function useOrdersData(tab: OrdersTab, scope: OrdersScope, accountId: string | null) {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const key = `${tab}\n${scope}\n${accountId ?? ''}`;
  const [state, setState] = useState<{ key: string; data: OrdersData | null; error: string | null } | null>(null);

  const load = useCallback(async () => {
    if (scope === 'account' && !accountId) return;
    const account = scope === 'account' && accountId ? { accountId } : {};
    try {
      let data: OrdersData;
      if (tab === 'open' || tab === 'history') {
        data = { tab, rows: await client.call('orders.list', { ...account, status: tab, limit: tab === 'history' ? HISTORY_LIMIT : 1000 }) };
      } else if (tab === 'trades') {
        data = { tab, rows: await client.call('trades.list', { ...account, limit: HISTORY_LIMIT }) };
      } else {
        data = { tab, rows: await client.call('brackets.list', account) };
      }
      setState({ key, data, error: null });
    } catch (error) {
      setState((current) => ({ key, data: current?.key === key ? current.data : null, error: describeError(error) }));
    }
  }, [client, tab, scope, accountId, key]);

  const refresh = useCoalescedRefresh(load);
  useEffect(() => {
    void refresh();
  }, [refresh, load, epoch]);

  const concerns = (accountIds: readonly string[]) => scope === 'all' || (accountId !== null && accountIds.includes(accountId));
  useRpcEvent('orders.changed', (payload) => {
    if ((tab === 'open' || tab === 'history') && concerns(payload.accountIds)) void refresh();
  });
  useRpcEvent('fills', (payload) => {
    if (tab === 'trades' && concerns(payload.fills.map((fill) => fill.accountId))) void refresh();
  });
  useRpcEvent('brackets.changed', (payload) => {
    if (tab === 'brackets' && concerns(payload.brackets.map((b) => b.accountId))) void refresh();
  });

  const current = state?.key === key ? state : null;
  return { data: current?.data ?? null, error: current?.error ?? null, refresh: () => void refresh() };
}
