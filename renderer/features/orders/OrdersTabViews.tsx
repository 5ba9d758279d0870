import type { RefObject } from 'react';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import type { PagedList } from '../../lib/hooks/use-paged-list';
import { PanelMessage } from '../../ui/PanelMessage';
import { BracketsTable } from './BracketsTable';
import { applyOrderChanges, type OrderList } from './order-pages';
import { OrdersTable, TradesTable } from './OrderTables';
import { useBrackets, useOrderPages, useTradePages, type OrdersScope } from './use-orders-data';

interface ViewProps {
  scope: OrdersScope;
  accountId: string | null;
  scrollRef: RefObject<HTMLElement | null>;
  accountLabel: (accountId: string) => string;
  priceStep: (symbol: string) => number | null;
}

/** Loading, failed (with Retry) or empty, else null: the table can show. */
function pagedState<T>(paged: PagedList<T>, what: string, empty: string) {
  if (paged.items === null) {
    return paged.error ? (
      <PanelMessage tone="error" action={{ label: 'Retry', onClick: paged.reload }}>
        Could not load {what}: {paged.error}
      </PanelMessage>
    ) : (
      <PanelMessage>Loading…</PanelMessage>
    );
  }
  return paged.items.length === 0 ? <PanelMessage>{empty}</PanelMessage> : null;
}

/** A next page that failed to load: said under the table, with Retry. */
function PageError({ error, onRetry }: { error: string | null; onRetry: () => void }) {
  if (!error) return null;
  return (
    <PanelMessage tone="error" action={{ label: 'Retry', onClick: onRetry }}>
      Could not load more: {error}
    </PanelMessage>
  );
}

interface OrderListViewProps extends ViewProps {
  list: OrderList;
  cancelling: ReadonlySet<string>;
  /** Resolves with the order's new state (null when the cancel failed). */
  onCancel: (order: OrderView) => Promise<OrderView | null>;
  onAmend?: (order: OrderView) => void;
}

export function OrderListView({
  list,
  scope,
  accountId,
  scrollRef,
  accountLabel,
  priceStep,
  cancelling,
  onCancel,
  onAmend,
}: OrderListViewProps) {
  const paged = useOrderPages(list, scope, accountId);
  const message = pagedState(
    paged,
    list === 'open' ? 'open orders' : 'order history',
    list === 'open' ? 'No open orders.' : 'No orders yet.',
  );
  if (message || !paged.items) return message;
  const cancel = (order: OrderView) => {
    void onCancel(order).then((changed) => {
      const wanted = (o: OrderView) => scope === 'all' || o.accountId === accountId;
      if (changed) paged.update((items, hasMore) => applyOrderChanges(items, [changed], list, wanted, hasMore));
    });
  };
  return (
    <>
      <OrdersTable
        orders={paged.items}
        open={list === 'open'}
        showAccount={scope === 'all'}
        accountLabel={accountLabel}
        priceStep={priceStep}
        cancelling={cancelling}
        onCancel={cancel}
        onAmend={onAmend}
        scrollRef={scrollRef}
        onNearEnd={paged.hasMore ? paged.loadMore : undefined}
        loadingMore={paged.loadingMore}
        hasMore={paged.hasMore}
      />
      <PageError error={paged.error} onRetry={paged.loadMore} />
    </>
  );
}

export function TradeListView({ scope, accountId, scrollRef, accountLabel, priceStep }: ViewProps) {
  const paged = useTradePages(scope, accountId);
  const message = pagedState(paged, 'trades', 'No trades yet.');
  if (message || !paged.items) return message;
  return (
    <>
      <TradesTable
        trades={paged.items}
        showAccount={scope === 'all'}
        accountLabel={accountLabel}
        priceStep={priceStep}
        scrollRef={scrollRef}
        onNearEnd={paged.hasMore ? paged.loadMore : undefined}
        loadingMore={paged.loadingMore}
        hasMore={paged.hasMore}
      />
      <PageError error={paged.error} onRetry={paged.loadMore} />
    </>
  );
}

export function BracketListView({ scope, accountId, accountLabel, priceStep }: Omit<ViewProps, 'scrollRef'>) {
  const { rows, error, refresh } = useBrackets(scope, accountId);
  if (!rows) {
    return error ? (
      <PanelMessage tone="error" action={{ label: 'Retry', onClick: refresh }}>
        Could not load smart trades: {error}
      </PanelMessage>
    ) : (
      <PanelMessage>Loading…</PanelMessage>
    );
  }
  if (rows.length === 0) return <PanelMessage>No smart trades yet.</PanelMessage>;
  return (
    <BracketsTable brackets={rows} showAccount={scope === 'all'} accountLabel={accountLabel} priceStep={priceStep} onChanged={refresh} />
  );
}
