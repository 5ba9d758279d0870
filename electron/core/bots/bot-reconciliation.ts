/**
 * The start-up reconciliation report the person acts on: per account, what the ledger's check
 * by client id found (orders checked, updated while Tradewind was down, fills adopted, never
 * placed, errors), and the orphans: open orders on the exchange the ledger did not know (now
 * tracked, awaiting a decision) and open bot orders whose bot was deleted. Each orphan is either
 * adopted (kept, tracked as a manual order) or cancelled.
 */
import { TradewindError } from '../../../shared/ipc/errors';
import type { BotReconciliation, Orphan } from '../../../shared/ipc/schemas/bots';
import type { AccountsRepo } from '../accounts/accounts-repo';
import type { OrderService } from '../orders/order-service';
import { isFinal, OPEN_STATUSES } from '../orders/order-state';
import type { OrdersRepo } from '../orders/orders-repo';
import type { ReconcileOutcome } from '../orders/reconcile';
import type { BotsRepo } from './bots-repo';

export function buildReconciliation(deps: {
  reports: readonly ReconcileOutcome[];
  accounts: AccountsRepo;
  orders: OrdersRepo;
  bots: BotsRepo;
  resumed: string[];
  now: () => number;
}): BotReconciliation {
  const orphans: Orphan[] = [];
  for (const report of deps.reports) {
    for (const clientOrderId of report.adoptedOrders) {
      const row = deps.orders.get(report.accountId, clientOrderId);
      if (row && !isFinal(row.status))
        orphans.push({ accountId: report.accountId, order: deps.orders.view(row), reason: 'unknown_to_ledger', resolution: 'pending' });
    }
  }
  for (const row of deps.orders.list({ statuses: OPEN_STATUSES })) {
    if (row.origin === 'bot' && row.originId && !deps.bots.exists(row.originId)) {
      orphans.push({ accountId: row.accountId, order: deps.orders.view(row), reason: 'bot_deleted', resolution: 'pending' });
    }
  }
  return {
    at: deps.now(),
    accounts: deps.reports.map((r) => ({
      accountId: r.accountId,
      accountLabel: deps.accounts.get(r.accountId)?.label ?? r.accountId,
      checked: r.checked,
      updated: r.updated,
      fillsAdopted: r.fillsAdopted,
      failed: r.failed,
      error: r.error,
    })),
    orphans,
    resumed: deps.resumed,
  };
}

export async function resolveOrphan(
  deps: { report: BotReconciliation; orders: OrderService; bots: BotsRepo },
  accountId: string,
  clientOrderId: string,
  action: 'adopt' | 'cancel',
): Promise<Orphan> {
  const orphan = deps.report.orphans.find((o) => o.accountId === accountId && o.order.clientOrderId === clientOrderId);
  if (!orphan)
    throw new TradewindError('not_found', `Order ${clientOrderId} is not an orphan of the last reconciliation; refresh the report.`);
  if (orphan.resolution !== 'pending')
    throw new TradewindError('invalid_input', `Order ${clientOrderId} was already ${orphan.resolution}.`);
  if (action === 'cancel') {
    const row = await deps.orders.cancel(accountId, clientOrderId);
    orphan.order = deps.orders.repo.view(row);
    orphan.resolution = 'cancelled';
    return orphan;
  }
  // Kept: tracked by the ledger as a manual order (the poller keeps it up to date).
  deps.bots.releaseOrder(accountId, clientOrderId);
  orphan.order = deps.orders.repo.view(deps.orders.repo.require(accountId, clientOrderId));
  orphan.resolution = 'adopted';
  return orphan;
}
