import { useId, useState, type FormEvent } from 'react';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { formatAmount, formatPrice } from '../../lib/format/numbers';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { formatForInput, parseDecimal } from '../../lib/number-format/number-format';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';

/** Only a working manual limit or stop-limit order has a price and amount a person may change here. */
export function canAmend(order: OrderView): boolean {
  return (
    order.origin === 'manual' &&
    (order.type === 'limit' || order.type === 'stop_limit') &&
    (order.status === 'open' || order.status === 'partially_filled')
  );
}

/** What the fields say, or why they cannot be sent; unchanged fields are left out of the request. */
export function amendInput(order: OrderView, priceText: string, amountText: string): { price?: number; amount?: number } | string {
  const price = parseDecimal(priceText);
  const amount = parseDecimal(amountText);
  if (!price.ok || price.value <= 0) return price.ok ? 'The price must be above 0.' : `Price: ${price.message}`;
  if (!amount.ok || amount.value <= 0) return amount.ok ? 'The amount must be above 0.' : `Amount: ${amount.message}`;
  const remaining = order.amount - order.filled;
  const input: { price?: number; amount?: number } = {};
  if (price.value !== order.price) input.price = price.value;
  if (Math.abs(amount.value - remaining) > 1e-12) input.amount = amount.value;
  return Object.keys(input).length > 0 ? input : 'Change the price or the amount first.';
}

/**
 * Amends a working order: core cancels it and places the replacement (linked in the ledger) after
 * checking it like a new ticket. On a live account the dialog says so and the request is confirmed.
 */
export function AmendOrderDialog({ order, priceStep, onClose }: { order: OrderView; priceStep: number | null; onClose: () => void }) {
  const client = useRpcClient();
  const titleId = useId();
  const account = useStore((state) => state.accounts.find((candidate) => candidate.id === order.accountId));
  const live = account?.kind === 'live';
  const [price, setPrice] = useState(order.price === null ? '' : formatForInput(order.price));
  const [amount, setAmount] = useState(formatForInput(order.amount - order.filled));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = order.symbol.split('/')[0] ?? 'base';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = amendInput(order, price, amount);
    if (typeof input === 'string') {
      setError(input);
      return;
    }
    setBusy(true);
    setError(null);
    client
      .call('orders.amend', {
        accountId: order.accountId,
        clientOrderId: order.clientOrderId,
        ...input,
        ...(live ? { confirmed: true } : {}),
      })
      .then(onClose, (failure: unknown) => {
        setBusy(false);
        setError(describeError(failure));
      });
  };

  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} busy={busy} className="dialog--confirm">
      <form onSubmit={submit} noValidate>
        <h2 className="dialog-title" id={titleId}>
          Amend {order.side} {order.symbol}
        </h2>
        <p className="dialog-message">
          Now {formatAmount(order.amount - order.filled)} {base} at {formatPrice(order.price, priceStep)}. The order is cancelled and
          replaced by a new one
          {live ? <strong> on the live account {account?.label}</strong> : null}.
        </p>
        <label className="field">
          <span className="field-label">New price</span>
          <input
            className="input num"
            inputMode="decimal"
            data-autofocus
            value={price}
            onChange={(event) => setPrice(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">New amount ({base})</span>
          <input className="input num" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
        </label>
        {error ? (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Amending…' : live ? 'Amend live order' : 'Amend order'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
