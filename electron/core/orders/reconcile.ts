import type { ReconcileReport } from '../../../shared/ipc/schemas/orders';
import { isOurClientId } from './client-id';
import type { OrderService } from './order-service';

/** The report plus what the bots' reconciliation report needs: the fills recorded and the orders adopted. */
export interface ReconcileOutcome extends ReconcileReport {
  fillsAdopted: number;
  adoptedOrders: string[];
}

/**
 * Start-up reconciliation of one account (also on demand): every order the ledger still
 * considers live is checked against the venue by client id (intents left by a crash are looked
 * up, never re-sent), and open orders the ledger did not know are adopted, ours by the client id
 * prefix, others as placed elsewhere. The report says what changed, so the person can see it.
 */
export async function reconcileAccount(orders: OrderService, accountId: string, now: () => number = Date.now): Promise<ReconcileOutcome> {
  const report: ReconcileOutcome = {
    accountId,
    at: now(),
    checked: 0,
    updated: 0,
    adopted: 0,
    failed: 0,
    error: null,
    fillsAdopted: 0,
    adoptedOrders: [],
  };
  try {
    const venue = orders.venue(accountId);
    for (const row of orders.repo.list({ accountId, statuses: ['intent', 'unknown', 'open', 'partially_filled'] })) {
      report.checked++;
      const fillsBefore = orders.repo.tradesOf(accountId, row.clientOrderId).length;
      const after = await orders.check(row);
      report.fillsAdopted += orders.repo.tradesOf(accountId, row.clientOrderId).length - fillsBefore;
      if (after.status !== row.status || after.filled !== row.filled) report.updated++;
      if (after.status === 'failed') report.failed++;
    }
    for (const order of await venue.openOrders()) {
      const known =
        orders.repo.get(accountId, order.clientOrderId) ??
        (order.exchangeOrderId ? orders.repo.byExchangeId(accountId, order.exchangeOrderId) : undefined);
      if (known) continue;
      const adopted = orders.adopt(accountId, order, isOurClientId(accountId, order.clientOrderId) ? 'manual' : 'external');
      report.adopted++;
      report.adoptedOrders.push(adopted.clientOrderId);
    }
  } catch (error) {
    report.error = error instanceof Error ? error.message : String(error);
  }
  return report;
}
