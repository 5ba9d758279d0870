import { TradewindError } from '../../../shared/ipc/errors';
import type { orderMethods } from '../../../shared/ipc/schemas/orders';
import { decodeCursor, encodeCursor } from '../../../shared/ipc/schemas/paging';
import type { AccountService } from '../accounts/account-service';
import { FINAL_STATUSES, LIVE_STATUSES } from '../orders/order-state';
import { amendOrder } from '../trading/order-amend';
import type { TradingRuntime } from '../trading/trading-runtime';
import type { AuditLog } from '../audit/audit-log';
import type { TrustedGate } from '../trust/trusted-gate';
import type { Handlers } from './dispatch';
import { keysetPage, rowsToRead } from './keyset-page';

type OrderHandlers = Pick<Handlers, keyof typeof orderMethods>;

/** The ticket, the ledger and brackets over the contract; every handler is a thin call into core. */
export function createOrderHandlers(deps: {
  trading: TradingRuntime;
  accountService: AccountService;
  trust: TrustedGate;
  audit: AuditLog;
}): OrderHandlers {
  const { trading, accountService } = deps;
  const { orders } = trading;
  const view = orders.repo.view.bind(orders.repo);

  return {
    'orders.preview': (ticket) => trading.tickets.preview(ticket),

    'orders.place': async (ticket) => view(await trading.tickets.place(ticket)),

    'orders.cancel': async ({ accountId, clientOrderId }) => view(await orders.cancel(accountId, clientOrderId)),

    'orders.amend': async (input) => view(await amendOrder({ orders, tickets: trading.tickets }, input)),

    'orders.cancelAll': async ({ accountId, symbol }) => {
      const result = await orders.cancelAll(accountId, symbol);
      return { cancelled: result.cancelled.map(view), failed: result.failed };
    },

    'orders.list': ({ accountId, status, symbol, limit }) => {
      if (accountId) accountService.requireAccount(accountId);
      // "Open" includes orders whose outcome is still being resolved: the person must see them.
      const statuses = status === 'open' ? LIVE_STATUSES : FINAL_STATUSES;
      return orders.repo.list({ accountId, symbol, statuses, limit: limit ?? 200 }).map(view);
    },

    'trades.list': ({ accountId, symbol, since, limit }) => {
      if (accountId) accountService.requireAccount(accountId);
      return orders.repo.trades({ accountId, symbol, since, limit });
    },

    'orders.page': ({ accountId, status, symbol, botId, limit, cursor }) => {
      if (accountId) accountService.requireAccount(accountId);
      const statuses = status === 'open' ? LIVE_STATUSES : status === 'history' ? FINAL_STATUSES : undefined;
      const after = cursor === undefined ? undefined : decodeCursor('orders', cursor);
      const rows = orders.repo.page({ accountId, symbol, statuses, botId, after, limit: rowsToRead(limit) });
      return keysetPage(
        rows,
        limit,
        (r) => view(r.row),
        (r) => encodeCursor('orders', r.key),
      );
    },

    'trades.page': ({ accountId, symbol, limit, cursor }) => {
      if (accountId) accountService.requireAccount(accountId);
      const beforeSeq = cursor === undefined ? undefined : decodeCursor('trades', cursor).id;
      const rows = orders.repo.trades({ accountId, symbol, beforeSeq, limit: rowsToRead(limit) });
      return keysetPage(
        rows,
        limit,
        (t) => t,
        (t) => encodeCursor('trades', { time: 0, id: t.seq }),
      );
    },

    'orders.settings': ({ accountId }) => trading.settings.get(accountService.requireAccount(accountId).id),

    'orders.updateSettings': async ({ accountId, confirmOrders, slippageBps, confirmationCode }) => {
      const account = accountService.requireAccount(accountId);
      if (slippageBps !== undefined && account.kind !== 'paper') {
        throw new TradewindError('invalid_input', 'Slippage is a paper-trading setting; live orders fill at the exchange.');
      }
      const before = trading.settings.get(account.id);
      // Turning the live-order confirmation OFF weakens safety: the host confirms it, never the renderer's flag alone.
      if (account.kind === 'live' && confirmOrders === false && before.confirmOrders) {
        await deps.trust.require(
          {
            action: 'confirmations.off',
            accountId: account.id,
            title: 'Turn off order confirmations',
            detail: `orders on the live account "${account.label}" (every market, any amount within its limits) are sent the moment they are submitted, with no confirmation step`,
          },
          confirmationCode,
        );
      }
      const after = trading.settings.update(account.id, { confirmOrders, slippageBps });
      const changes = [
        after.confirmOrders !== before.confirmOrders ? `order confirmations ${after.confirmOrders ? 'on' : 'off'}` : null,
        after.slippageBps !== before.slippageBps ? `paper slippage ${before.slippageBps} → ${after.slippageBps} bps` : null,
      ].filter((c): c is string => c !== null);
      if (changes.length > 0) deps.audit.append('settings.changed', `Account "${account.label}": ${changes.join(', ')}`, account.id);
      return after;
    },

    'orders.reconcile': ({ accountId }) => trading.reconcile(accountId),

    'brackets.place': (input) => trading.brackets.place(input),

    'brackets.update': (input) => trading.brackets.update(input),

    'brackets.close': ({ bracketId }) => trading.brackets.close(bracketId),

    'brackets.list': (query) => {
      if (query.accountId) accountService.requireAccount(query.accountId);
      return trading.brackets.list(query);
    },
  };
}
