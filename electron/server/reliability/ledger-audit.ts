/**
 * Compares what the exchange (the fake's own state) holds with what Tradewind's ledger says, the
 * way a person auditing a crash would: every exchange order is in the ledger with the same
 * state, every exchange fill is a recorded trade, and no order was sent twice.
 */
import type { FakeBinance, OrderRecord } from '../../../e2e/fake-exchange';
import type { OrderView, TradeView } from '../../../shared/ipc/schemas/orders';

export interface LedgerSnapshot {
  orders: OrderView[];
  trades: TradeView[];
}

/** An RPC caller: the host process's socket client or an in-process core. */
export type Call = <T>(method: string, input?: unknown) => Promise<T>;

export async function readLedger(call: Call, accountId: string): Promise<LedgerSnapshot> {
  const open = await call<OrderView[]>('orders.list', { accountId, status: 'open', limit: 1000 });
  const history = await call<OrderView[]>('orders.list', { accountId, status: 'history', limit: 1000 });
  const trades = await call<TradeView[]>('trades.list', { accountId, limit: 1000 });
  return { orders: [...open, ...history], trades };
}

const EXCHANGE_OPEN = new Set(['NEW', 'PARTIALLY_FILLED']);

/** Ledger statuses that mean "resting on the exchange". */
const LEDGER_OPEN = new Set(['open', 'partially_filled']);

/**
 * Differences between exchange and ledger, in words (empty when they agree). Orders the ledger
 * still has in flight (intent, unknown) are differences too: the audit runs once things settled.
 */
export function compareWithExchange(fake: FakeBinance, apiKey: string, ledger: LedgerSnapshot): string[] {
  const problems: string[] = [];
  const exchangeOrders = fake.orders({ account: apiKey });
  const byClientId = new Map<string, OrderRecord[]>();
  for (const order of exchangeOrders) byClientId.set(order.clientOrderId, [...(byClientId.get(order.clientOrderId) ?? []), order]);
  for (const [clientOrderId, orders] of byClientId) {
    if (orders.length > 1) problems.push(`client id ${clientOrderId} was sent to the exchange ${orders.length} times`);
  }
  const ledgerById = new Map(ledger.orders.map((o) => [o.clientOrderId, o]));
  for (const order of exchangeOrders) {
    const mine = ledgerById.get(order.clientOrderId);
    if (!mine) {
      problems.push(
        `exchange order ${order.clientOrderId} (${order.side} ${order.origQty} @ ${order.price}, ${order.status}) is not in the ledger`,
      );
      continue;
    }
    const exchangeOpen = EXCHANGE_OPEN.has(order.status);
    if (exchangeOpen !== LEDGER_OPEN.has(mine.status)) {
      problems.push(`order ${order.clientOrderId}: exchange says ${order.status}, ledger says ${mine.status}`);
    }
    if (Math.abs(Number(order.executedQty) - mine.filled) > 1e-9) {
      problems.push(`order ${order.clientOrderId}: exchange filled ${order.executedQty}, ledger filled ${mine.filled}`);
    }
  }
  for (const mine of ledger.orders) {
    if (mine.status === 'intent' || mine.status === 'unknown') problems.push(`ledger order ${mine.clientOrderId} is still ${mine.status}`);
    if (LEDGER_OPEN.has(mine.status) && !byClientId.has(mine.clientOrderId)) {
      problems.push(`ledger order ${mine.clientOrderId} is ${mine.status} but the exchange never had it`);
    }
  }
  const recorded = new Set(ledger.trades.map((t) => t.tradeId));
  for (const trade of fake.trades({ account: apiKey })) {
    if (!recorded.has(String(trade.id))) problems.push(`exchange fill ${trade.id} (${trade.qty} @ ${trade.price}) is not in the ledger`);
  }
  const tradeIds = ledger.trades.map((t) => t.tradeId);
  if (new Set(tradeIds).size !== tradeIds.length) problems.push('the ledger recorded a fill twice');
  return problems;
}

/** Two resting orders of one side at one price on one market: the shape of a duplicated bot slot. */
export function stackedLevels(fake: FakeBinance, apiKey: string): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const order of fake.orders({ account: apiKey })) {
    if (!EXCHANGE_OPEN.has(order.status)) continue;
    const key = `${order.symbol} ${order.side} ${order.price}`;
    const other = seen.get(key);
    if (other) problems.push(`${key} rests twice: ${other} and ${order.clientOrderId}`);
    else seen.set(key, order.clientOrderId);
  }
  return problems;
}
