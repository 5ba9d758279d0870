import type { RefObject } from 'react';
import type { OrderView, TradeView } from '../../../shared/ipc/schemas/orders';
import { formatAmount, formatPrice } from '../../lib/format/numbers';
import { WindowedTableBody } from '../../ui/WindowedTableBody';
import { canAmend } from './AmendOrderDialog';
import { CLOCK_LABELS, orderTime, timeHeader, useClockOf, type ClockKind } from './account-clock';
import { STATUS_NAMES, TYPE_NAMES } from './format';
import { formatTime } from '../../lib/format/time';

interface Common {
  showAccount: boolean;
  accountLabel: (accountId: string) => string;
  priceStep: (symbol: string) => number | null;
  /** The element that scrolls the table: only the rows in view are mounted. */
  scrollRef: RefObject<HTMLElement | null>;
  /** More rows exist past the loaded ones: asked for when the view nears the end. */
  onNearEnd?: () => void;
  loadingMore?: boolean;
  /** Whether rows past the loaded ones exist (the row count is then unknown to assistive technology). */
  hasMore?: boolean;
}

/** aria-rowcount: the header row plus the rows, or -1 while more are still to load. */
const rowCount = (loaded: number, hasMore: boolean | undefined) => (hasMore ? -1 : loaded + 1);

/** A time on its account's clock; the cell names the clock for when the header cannot (accounts on different clocks). */
function TimeCell({ at, clock }: { at: number; clock: ClockKind }) {
  return (
    <td>
      <time dateTime={new Date(at).toISOString()} title={CLOCK_LABELS[clock]}>
        {formatTime(at)}
      </time>
    </td>
  );
}

/** The clock of each row's account, and the header naming it. */
function useRowClocks<T extends { accountId: string }>(rows: readonly T[]) {
  const clockOf = useClockOf();
  const header = timeHeader([...new Set(rows.map((row) => row.accountId))].map(clockOf));
  return { clockOf, header };
}

function Side({ side }: { side: 'buy' | 'sell' }) {
  return <td className={`orders-side orders-side--${side}`}>{side === 'buy' ? 'Buy' : 'Sell'}</td>;
}

interface OrdersTableProps extends Common {
  orders: readonly OrderView[];
  open: boolean;
  cancelling: ReadonlySet<string>;
  onCancel?: (order: OrderView) => void;
  /** Opens the amend dialog for a working manual limit order. */
  onAmend?: (order: OrderView) => void;
}

/** Open orders (with Cancel) or the order history (with why a failed order failed). */
export function OrdersTable({
  orders,
  open,
  showAccount,
  accountLabel,
  priceStep,
  cancelling,
  onCancel,
  onAmend,
  scrollRef,
  onNearEnd,
  loadingMore,
  hasMore,
}: OrdersTableProps) {
  const columns = showAccount ? 12 : 11;
  const { clockOf, header } = useRowClocks(orders);
  return (
    <table className="data-table data-table--windowed orders-table num" aria-rowcount={rowCount(orders.length, hasMore)}>
      <caption className="visually-hidden">{open ? 'Open orders' : 'Order history'}</caption>
      <thead>
        <tr>
          <th scope="col">{header}</th>
          {showAccount ? <th scope="col">Account</th> : null}
          <th scope="col">Market</th>
          <th scope="col">Side</th>
          <th scope="col">Type</th>
          <th scope="col">Price</th>
          <th scope="col">Stop</th>
          <th scope="col">Amount</th>
          <th scope="col">Filled</th>
          <th scope="col">Avg price</th>
          <th scope="col">Status</th>
          <th scope="col" className={open ? 'orders-actions-cell' : undefined}>
            {open ? <span className="visually-hidden">Actions</span> : 'Details'}
          </th>
        </tr>
      </thead>
      <WindowedTableBody
        rows={orders}
        scrollRef={scrollRef}
        columns={columns}
        onNearEnd={onNearEnd}
        loadingMore={loadingMore}
        renderRow={(order, index) => {
          const step = priceStep(order.symbol);
          return (
            <tr
              key={`${order.accountId}:${order.clientOrderId}`}
              data-row
              aria-rowindex={index + 2}
              data-testid="order-row"
              data-client-order-id={order.clientOrderId}
              data-status={order.status}
            >
              <TimeCell at={orderTime(order)} clock={clockOf(order.accountId)} />
              {showAccount ? <td className="cell-text">{accountLabel(order.accountId)}</td> : null}
              <td className="cell-text">{order.symbol}</td>
              <Side side={order.side} />
              <td className="cell-text">
                {TYPE_NAMES[order.type]}
                {order.origin !== 'manual' ? <span className="orders-origin"> · {order.origin}</span> : null}
              </td>
              <td>{formatPrice(order.price, step)}</td>
              <td>{formatPrice(order.stopPrice, step)}</td>
              <td>{formatAmount(order.amount)}</td>
              <td>{formatAmount(order.filled)}</td>
              <td>{formatPrice(order.averagePrice, step)}</td>
              <td className={`cell-text orders-status orders-status--${order.status}`}>{STATUS_NAMES[order.status]}</td>
              {open ? (
                <td className="orders-actions-cell">
                  {onAmend && canAmend(order) ? (
                    <button
                      type="button"
                      className="button orders-action"
                      aria-label={`Amend order ${order.clientOrderId}`}
                      disabled={cancelling.has(order.clientOrderId)}
                      onClick={() => onAmend(order)}
                    >
                      Amend
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="button button--danger orders-action"
                    aria-label={`Cancel order ${order.clientOrderId}`}
                    disabled={cancelling.has(order.clientOrderId) || order.status === 'intent' || order.status === 'unknown'}
                    onClick={() => onCancel?.(order)}
                  >
                    {cancelling.has(order.clientOrderId) ? 'Cancelling…' : 'Cancel'}
                  </button>
                </td>
              ) : (
                <td className="cell-text orders-error" title={order.error ?? undefined}>
                  {order.error ?? ''}
                </td>
              )}
            </tr>
          );
        }}
      />
    </table>
  );
}

/** Fills, newest first as core lists them. */
export function TradesTable({
  trades,
  showAccount,
  accountLabel,
  priceStep,
  scrollRef,
  onNearEnd,
  loadingMore,
  hasMore,
}: Common & { trades: readonly TradeView[] }) {
  const { clockOf, header } = useRowClocks(trades);
  return (
    <table className="data-table data-table--windowed orders-table num" aria-rowcount={rowCount(trades.length, hasMore)}>
      <caption className="visually-hidden">Trades</caption>
      <thead>
        <tr>
          <th scope="col">{header}</th>
          {showAccount ? <th scope="col">Account</th> : null}
          <th scope="col">Market</th>
          <th scope="col">Side</th>
          <th scope="col">Price</th>
          <th scope="col">Amount</th>
          <th scope="col">Value</th>
          <th scope="col">Fee</th>
          <th scope="col">Role</th>
        </tr>
      </thead>
      <WindowedTableBody
        rows={trades}
        scrollRef={scrollRef}
        columns={showAccount ? 9 : 8}
        onNearEnd={onNearEnd}
        loadingMore={loadingMore}
        renderRow={(trade, index) => (
          <tr
            key={`${trade.accountId}:${trade.tradeId}`}
            data-row
            aria-rowindex={index + 2}
            data-testid="trade-row"
            data-client-order-id={trade.clientOrderId}
          >
            <TimeCell at={trade.at} clock={clockOf(trade.accountId)} />
            {showAccount ? <td className="cell-text">{accountLabel(trade.accountId)}</td> : null}
            <td className="cell-text">{trade.symbol}</td>
            <Side side={trade.side} />
            <td>{formatPrice(trade.price, priceStep(trade.symbol))}</td>
            <td>{formatAmount(trade.amount)}</td>
            <td>{formatAmount(trade.cost)}</td>
            <td>
              {formatAmount(trade.fee)} {trade.feeAsset ?? ''}
            </td>
            <td className="cell-text">{trade.maker === null ? '—' : trade.maker ? 'Maker' : 'Taker'}</td>
          </tr>
        )}
      />
    </table>
  );
}
