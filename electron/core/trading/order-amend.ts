/**
 * Amending a working manual order's price and amount. Done as cancel-replace through the ledger on
 * every venue: the cancel is recorded on the old order, and the new order is an intent of its own
 * (new client id) whose `originRole: 'amends'` and `originId` name the order it replaces, so the
 * history shows both and the link. The new order is checked like a fresh ticket (with the old
 * order's held funds counted as free, since the cancel frees them) and against the account's live
 * limits and storage before anything is cancelled. One amend per order at a time: a second is
 * refused while the first is in flight, so two can never each place a replacement; a cancel asked
 * while it runs wins (`OrderService.withAmend`), so a replacement never appears after "Cancel".
 */
import { TradewindError } from '../../../shared/ipc/errors';
import type { OrderRow } from '../orders/orders-repo';
import type { OrderService } from '../orders/order-service';
import { isFinal, isOpen } from '../orders/order-state';
import { formatNumber } from '../exchange/precision';
import { OrderTicketSchema } from '../../../shared/ipc/schemas/orders';
import { AMENDS_ROLE } from '../orders/origin-roles';
import { refusal, TicketService } from './ticket-service';

export { AMENDS_ROLE };

export interface AmendRequest {
  accountId: string;
  clientOrderId: string;
  /** The new limit price (limit and stop-limit orders); unchanged when absent. */
  price?: number | undefined;
  /** The new amount still to trade, in base; unchanged (what is left) when absent. */
  amount?: number | undefined;
  confirmed?: boolean | undefined;
}

export async function amendOrder(deps: { orders: OrderService; tickets: TicketService }, request: AmendRequest): Promise<OrderRow> {
  return deps.orders.withAmend(request.accountId, request.clientOrderId, (cancelAsked) => amendOnce(deps, request, cancelAsked));
}

async function amendOnce(
  deps: { orders: OrderService; tickets: TicketService },
  request: AmendRequest,
  cancelAsked: () => boolean,
): Promise<OrderRow> {
  const { orders, tickets } = deps;
  const old = orders.repo.get(request.accountId, request.clientOrderId);
  if (!old) throw new TradewindError('not_found', `No order ${request.clientOrderId} on this account.`);
  if (old.origin !== 'manual') {
    throw new TradewindError(
      'invalid_order',
      `This order belongs to a ${old.origin === 'bot' ? 'bot' : 'smart trade'}; change it there (its levels, targets or stop), not here.`,
    );
  }
  if (isFinal(old.status) || old.status === 'intent' || old.status === 'unknown') {
    throw new TradewindError(
      'invalid_order',
      `Order ${old.clientOrderId} is ${old.status.replace('_', ' ')}; only a working order can be amended.`,
    );
  }
  if (old.type !== 'limit' && old.type !== 'stop_limit')
    throw new TradewindError('invalid_order', 'Only limit and stop-limit orders have a price and amount to amend.');
  if (request.price === undefined && request.amount === undefined)
    throw new TradewindError('invalid_input', 'Give a new price or a new amount to amend the order.');
  const remaining = Math.max(old.amount - old.filled, 0);
  const price = request.price ?? old.price;
  const amount = request.amount ?? remaining;
  if (price === null) throw new TradewindError('invalid_order', 'The order has no price to amend.');

  const inputs = await tickets.inputs(old.accountId, old.symbol);
  // The cancel frees what the old order holds: count it as available for the new one.
  if (old.side === 'buy') inputs.freeQuote += remaining * (old.price ?? price);
  else inputs.freeBase += remaining;
  // Parsed like a ticket at the boundary: the same checks (positive, finite) and brands.
  const spec = OrderTicketSchema.omit({ accountId: true, symbol: true }).safeParse({
    side: old.side,
    type: old.type,
    size: { unit: 'base', amount },
    price,
    ...(old.stopPrice === null ? {} : { stopPrice: old.stopPrice }),
  });
  if (!spec.success)
    throw new TradewindError(
      'invalid_input',
      `The new price and amount must be positive numbers (price ${formatNumber(price)}, amount ${formatNumber(amount)}).`,
    );
  const evaluation = tickets.evaluate(spec.data, inputs);
  if (evaluation.issues.length > 0) throw refusal(evaluation.issues);
  TicketService.assertConfirmed(inputs, request.confirmed);
  const replacement = {
    accountId: old.accountId,
    symbol: old.symbol,
    side: old.side,
    type: old.type,
    amount: inputs.precision.amount(evaluation.amount as number),
    price: evaluation.price,
    stopPrice: evaluation.stopPrice,
    origin: 'manual' as const,
    originId: old.clientOrderId,
    originRole: AMENDS_ROLE,
  };
  // The limits, storage and account checks `submit` would make after the cancel, made before it.
  await orders.precheck(replacement);

  // Only this call's own cancel, of an order still working when it was sent, may be replaced.
  const before = orders.repo.get(old.accountId, old.clientOrderId);
  if (!before || !isOpen(before.status))
    throw new TradewindError(
      'invalid_order',
      `Order ${old.clientOrderId} is ${before?.status.replace('_', ' ') ?? 'gone'}; only a working order can be amended.`,
    );
  const cancelled = await orders.cancel(old.accountId, old.clientOrderId, { fromAmend: true });
  if (cancelled.status !== 'cancelled') {
    throw new TradewindError(
      'invalid_order',
      `The order ${cancelled.status.replace('_', ' ')} before it could be amended; nothing new was placed.`,
    );
  }
  const filledMeanwhile = cancelled.filled - old.filled;
  // What traded while the cancel was on its way is not bought or sold again.
  const newAmount =
    request.amount === undefined
      ? Math.max(cancelled.amount - cancelled.filled, 0)
      : Math.max((evaluation.amount as number) - Math.max(filledMeanwhile, 0), 0);
  if (!(newAmount > 0))
    throw new TradewindError('invalid_order', 'The order filled while it was being cancelled; nothing is left to replace.');
  // A cancel asked elsewhere while this amend ran wins: the order is gone as asked, nothing replaces it.
  if (cancelAsked())
    throw new TradewindError(
      'invalid_order',
      `Order ${old.clientOrderId} was cancelled as asked while it was being amended; the amendment was dropped and nothing new was placed.`,
    );
  let placed: OrderRow;
  try {
    placed = await orders.submit({ ...replacement, amount: inputs.precision.amount(newAmount) });
  } catch (error) {
    // The cancel stands: say so, with the reason and the original code, so nobody believes the order is still working.
    const reason = error instanceof Error ? error.message : String(error);
    throw new TradewindError(
      error instanceof TradewindError ? error.code : 'unavailable',
      `Order ${old.clientOrderId} was cancelled; its replacement was not placed: ${reason} Nothing of it is open now; place a new order if you still want one.`,
    );
  }
  // Asked to cancel while the replacement was on its way: it is taken down too (the person's cancel wins).
  if (cancelAsked() && isOpen(placed.status)) return orders.cancel(placed.accountId, placed.clientOrderId, { fromAmend: true });
  return placed;
}
