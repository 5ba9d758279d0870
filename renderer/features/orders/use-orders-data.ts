import { useCallback, useEffect, useState } from 'react';
import type { BracketView, OrderView, TradeView } from '../../../shared/ipc/schemas/orders';
import { useCoalescedRefresh } from '../../lib/hooks/use-coalesced-refresh';
import { usePagedList, type PagedList } from '../../lib/hooks/use-paged-list';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { applyNewFills, applyOrderChanges, orderKey, tradeKey, type OrderList } from './order-pages';

export type OrdersTab = 'open' | 'history' | 'trades' | 'brackets';
export type OrdersScope = 'account' | 'all';

/** Rows per page: a few screens of the panel. */
export const ORDERS_PAGE = 200;

/** The account filter of a query, or null while the panel has no account to show. */
function accountFilter(scope: OrdersScope, accountId: string | null): { accountId?: string } | null {
  if (scope === 'all') return {};
  return accountId ? { accountId } : null;
}

const NO_ROWS = Promise.resolve({ items: [], nextCursor: null });

/**
 * Open orders or the order history, newest first, a page at a time (`orders.page`); the next page
 * loads as the table nears its end. `orders.changed` updates the loaded rows in place.
 */
export function useOrderPages(list: OrderList, scope: OrdersScope, accountId: string | null): PagedList<OrderView> {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const filter = accountFilter(scope, accountId);
  const paged = usePagedList<OrderView>(
    `${list}\n${scope}\n${accountId ?? ''}`,
    epoch,
    (cursor) =>
      filter ? client.call('orders.page', { ...filter, status: list, limit: ORDERS_PAGE, ...(cursor ? { cursor } : {}) }) : NO_ROWS,
    orderKey,
  );
  const wanted = (order: OrderView) => scope === 'all' || order.accountId === accountId;
  useRpcEvent('orders.changed', (payload) => {
    if (payload.orders.some(wanted)) paged.update((items, hasMore) => applyOrderChanges(items, payload.orders, list, wanted, hasMore));
  });
  return paged;
}

/** Fills newest first (ledger order), a page at a time (`trades.page`); new `fills` arrive on top. */
export function useTradePages(scope: OrdersScope, accountId: string | null): PagedList<TradeView> {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const filter = accountFilter(scope, accountId);
  const paged = usePagedList<TradeView>(
    `${scope}\n${accountId ?? ''}`,
    epoch,
    (cursor) => (filter ? client.call('trades.page', { ...filter, limit: ORDERS_PAGE, ...(cursor ? { cursor } : {}) }) : NO_ROWS),
    tradeKey,
  );
  useRpcEvent('fills', (payload) => {
    const wanted = (trade: TradeView) => scope === 'all' || trade.accountId === accountId;
    if (payload.fills.some(wanted)) paged.update((items) => applyNewFills(items, payload.fills, wanted));
  });
  return paged;
}

/**
 * Smart trades of the account or of all accounts (few: not paged). Reloaded on
 * `brackets.changed` (bursts coalesce) and after a reconnect.
 */
export function useBrackets(scope: OrdersScope, accountId: string | null) {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const key = `${scope}\n${accountId ?? ''}`;
  const [state, setState] = useState<{ key: string; rows: BracketView[] | null; error: string | null } | null>(null);

  const load = useCallback(async () => {
    const filter = accountFilter(scope, accountId);
    if (!filter) return;
    try {
      setState({ key, rows: await client.call('brackets.list', filter), error: null });
    } catch (error) {
      setState((current) => ({ key, rows: current?.key === key ? current.rows : null, error: describeError(error) }));
    }
  }, [client, scope, accountId, key]);

  const refresh = useCoalescedRefresh(load);
  useEffect(() => {
    void refresh();
  }, [refresh, load, epoch]);

  useRpcEvent('brackets.changed', (payload) => {
    if (scope === 'all' || payload.brackets.some((b) => b.accountId === accountId)) void refresh();
  });

  const current = state?.key === key ? state : null;
  return { rows: current?.rows ?? null, error: current?.error ?? null, refresh: () => void refresh() };
}
