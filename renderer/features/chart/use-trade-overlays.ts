import { useCallback, useEffect, useRef } from 'react';
import type { Timeframe } from '../../../shared/domain/types';
import type { BracketView, OrderView, TradeView } from '../../../shared/ipc/schemas/orders';
import { useCoalescedRefresh } from '../../lib/hooks/use-coalesced-refresh';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { setOverlayAttributes } from './chart-attributes';
import { bracketLines, fillMarkers, orderLines } from './chart-overlays';
import type { ChartView } from './chart-view';

export const FILL_LIMIT = 500;

interface OverlayOptions {
  view: ChartView | null;
  element: HTMLElement | null;
  accountId: string | null;
  symbol: string | null;
  timeframe: Timeframe;
  /** Markers need bars to sit on: redraw once candles are drawn for this market. */
  ready: boolean;
}

interface Loaded {
  key: string;
  orders: OrderView[];
  brackets: BracketView[];
  fills: TradeView[];
}

/**
 * Draws the account's working orders and active brackets as price lines and its fills as markers
 * on the chart, reloading on `orders.changed`, `brackets.changed` and `fills` for that account.
 */
export function useTradeOverlays({ view, element, accountId, symbol, timeframe, ready }: OverlayOptions): {
  brackets: () => readonly BracketView[];
} {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const loaded = useRef<Loaded | null>(null);
  const key = accountId && symbol ? `${accountId}\n${symbol}` : null;

  const draw = useCallback(() => {
    if (!view || !element) return;
    const current = key !== null && loaded.current?.key === key ? loaded.current : null;
    const orders = orderLines(current?.orders ?? []);
    const brackets = bracketLines(current?.brackets ?? []);
    const markers = ready ? fillMarkers(current?.fills ?? [], timeframe) : [];
    view.setOrderLines(orders);
    view.setBracketLines(brackets);
    view.setFillMarkers(markers);
    setOverlayAttributes(element, { orderLines: orders.length, bracketLines: brackets.length, fillMarkers: markers.length });
  }, [view, element, key, timeframe, ready]);

  const load = useCallback(async () => {
    if (!accountId || !symbol || key === null) return;
    try {
      const [orders, brackets, fills] = await Promise.all([
        client.call('orders.list', { accountId, symbol, status: 'open' }),
        client.call('brackets.list', { accountId, symbol, active: true }),
        client.call('trades.list', { accountId, symbol, limit: FILL_LIMIT }),
      ]);
      loaded.current = { key, orders, brackets, fills };
    } catch (error) {
      console.warn(`Loading ${symbol} orders for the chart failed: ${describeError(error)}`);
      if (loaded.current?.key !== key) loaded.current = null;
    }
    draw();
  }, [client, accountId, symbol, key, draw]);

  const refresh = useCoalescedRefresh(load);

  useEffect(() => {
    if (loaded.current?.key !== key) loaded.current = null;
    draw();
  }, [draw, key]);

  useEffect(() => {
    void refresh();
  }, [refresh, key, epoch]);

  useRpcEvent('orders.changed', (payload) => {
    if (accountId && payload.accountIds.includes(accountId)) void refresh();
  });
  useRpcEvent('brackets.changed', (payload) => {
    if (payload.brackets.some((bracket) => bracket.accountId === accountId && bracket.symbol === symbol)) void refresh();
  });
  useRpcEvent('fills', (payload) => {
    if (payload.fills.some((fill) => fill.accountId === accountId && fill.symbol === symbol)) void refresh();
  });
  // The brackets drawn now, for a dragged target or stop to be amended against.
  return { brackets: () => (key !== null && loaded.current?.key === key ? loaded.current.brackets : []) };
}
