import { useCallback, useId, useRef, useState } from 'react';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { PanelTabs } from '../../ui/PanelTabs';
import { AmendOrderDialog } from './AmendOrderDialog';
import { BracketListView, OrderListView, TradeListView } from './OrdersTabViews';
import type { OrdersScope, OrdersTab } from './use-orders-data';
import '../../ui/data-table.css';
import './orders.css';
import { usePersistedChoice } from '../../lib/hooks/use-persisted-choice';

export const ORDERS_TAB_KEY = 'orders.tab';
export const ORDERS_TABS: ReadonlyArray<{ id: OrdersTab; label: string }> = [
  { id: 'open', label: 'Open orders' },
  { id: 'history', label: 'Order history' },
  { id: 'trades', label: 'Trades' },
  { id: 'brackets', label: 'Brackets' },
];
const ORDERS_TAB_IDS = ORDERS_TABS.map((t) => t.id);

type CancelAllTarget = { kind: 'market'; symbol: string } | { kind: 'account' };

/** Open orders, order history, trades and smart trades of the selected account or of all accounts. */
export function OrdersPanel() {
  const client = useRpcClient();
  const titleId = useId();
  const baseId = useId();
  // Survives a reload; the command palette opens a tab through the same key.
  const [tab, setTab] = usePersistedChoice<OrdersTab>(ORDERS_TAB_KEY, 'open', ORDERS_TAB_IDS);
  const [scope, setScope] = useState<OrdersScope>('account');
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());
  const [actionError, setActionError] = useState<string | null>(null);
  const [cancelAll, setCancelAll] = useState<CancelAllTarget | null>(null);
  const [cancelAllBusy, setCancelAllBusy] = useState(false);
  const [cancelAllError, setCancelAllError] = useState<string | null>(null);
  const [amending, setAmending] = useState<OrderView | null>(null);
  const accountId = useStore((state) => state.selectedAccountId);
  const accounts = useStore((state) => state.accounts);
  const account = accounts.find((candidate) => candidate.id === accountId);
  const symbol = useStore((state) => state.selectedSymbol);
  const marketsBySymbol = useStore((state) => state.marketsBySymbol);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Bumped after a bulk cancel: the tab reads its rows again from the first page.
  const [generation, setGeneration] = useState(0);

  const accountLabel = useCallback((id: string) => accounts.find((candidate) => candidate.id === id)?.label ?? id, [accounts]);
  const priceStep = useCallback((market: string) => marketsBySymbol[market]?.priceStep ?? null, [marketsBySymbol]);

  const cancel = (order: OrderView): Promise<OrderView | null> => {
    setCancelling((current) => new Set(current).add(order.clientOrderId));
    setActionError(null);
    const done = () =>
      setCancelling((current) => {
        const next = new Set(current);
        next.delete(order.clientOrderId);
        return next;
      });
    return client.call('orders.cancel', { accountId: order.accountId, clientOrderId: order.clientOrderId }).then(
      (changed) => {
        done();
        return changed;
      },
      (failure: unknown) => {
        done();
        setActionError(`Could not cancel ${order.clientOrderId}: ${describeError(failure)}`);
        return null;
      },
    );
  };

  const runCancelAll = () => {
    if (!cancelAll || !accountId) return;
    setCancelAllBusy(true);
    setCancelAllError(null);
    const input = cancelAll.kind === 'market' ? { accountId, symbol: cancelAll.symbol } : { accountId };
    client.call('orders.cancelAll', input).then(
      (result) => {
        setCancelAllBusy(false);
        setCancelAll(null);
        setActionError(
          result.failed.length > 0
            ? `${result.failed.length} order(s) could not be cancelled: ${result.failed.map((f) => `${f.clientOrderId} (${f.message})`).join('; ')}`
            : null,
        );
        setGeneration((value) => value + 1);
      },
      (failure: unknown) => {
        setCancelAllBusy(false);
        setCancelAllError(describeError(failure));
      },
    );
  };

  const common = { scope, accountId, accountLabel, priceStep };
  const body =
    tab === 'open' || tab === 'history' ? (
      <OrderListView
        key={`${tab}-${generation}`}
        list={tab}
        {...common}
        scrollRef={scrollRef}
        cancelling={cancelling}
        onCancel={cancel}
        onAmend={setAmending}
      />
    ) : tab === 'trades' ? (
      <TradeListView key={`trades-${generation}`} {...common} scrollRef={scrollRef} />
    ) : (
      <BracketListView key={`brackets-${generation}`} {...common} />
    );

  return (
    <section className="panel orders-panel" aria-labelledby={titleId}>
      <header className="panel-header orders-header">
        <h2 className="panel-title visually-hidden" id={titleId}>
          Orders
        </h2>
        <PanelTabs idBase={baseId} label="Orders panel" tabs={ORDERS_TABS} value={tab} onChange={setTab} />
        <select
          className="select orders-scope"
          aria-label="Orders scope"
          value={scope}
          onChange={(event) => setScope(event.target.value === 'all' ? 'all' : 'account')}
        >
          <option value="account">{account ? account.label : 'This account'}</option>
          <option value="all">All accounts</option>
        </select>
        {tab === 'open' ? (
          <div className="orders-bulk">
            <button
              type="button"
              className="button button--danger orders-action"
              aria-label={symbol ? `Cancel ${symbol} orders` : 'Cancel the market’s orders'}
              disabled={!accountId || !symbol}
              onClick={() => symbol && setCancelAll({ kind: 'market', symbol })}
            >
              {/* Short labels: the header must keep its tabs on one line in a 700 px panel. */}
              Cancel {symbol ?? 'market'}
            </button>
            <button
              type="button"
              className="button button--danger orders-action"
              disabled={!accountId}
              aria-label="Cancel all orders on the account"
              onClick={() => setCancelAll({ kind: 'account' })}
            >
              Cancel all
            </button>
          </div>
        ) : null}
      </header>
      {actionError ? (
        <p className="orders-error orders-banner" role="alert">
          {actionError}
        </p>
      ) : null}
      <div className="orders-scroll" ref={scrollRef} role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${tab}`}>
        {body}
      </div>
      {amending ? (
        <AmendOrderDialog
          order={amending}
          priceStep={priceStep(amending.symbol)}
          onClose={() => {
            setAmending(null);
            setGeneration((value) => value + 1);
          }}
        />
      ) : null}
      {cancelAll ? (
        <ConfirmDialog
          title={cancelAll.kind === 'market' ? `Cancel all ${cancelAll.symbol} orders?` : 'Cancel all orders on the account?'}
          confirmLabel="Cancel orders"
          busyLabel="Cancelling…"
          busy={cancelAllBusy}
          error={cancelAllError}
          onConfirm={runCancelAll}
          onCancel={() => {
            setCancelAll(null);
            setCancelAllError(null);
          }}
        >
          {cancelAll.kind === 'market'
            ? `Every open ${cancelAll.symbol} order on ${account?.label ?? 'this account'} is cancelled, smart-trade legs included.`
            : `Every open order on ${account?.label ?? 'this account'}, in every market, is cancelled, smart-trade legs included.`}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
