import type { BracketView } from '../../../shared/ipc/schemas/orders';
import type { OrderRow, OrdersRepo } from '../orders/orders-repo';
import { ENTRY_ROLE } from '../orders/origin-roles';
import { effectiveStop, positionFigures, type PositionFigures } from './bracket-math';
import type { BracketRecord } from './brackets-repo';

/** The bracket's orders from the ledger, and the position and PnL their fills add up to. */
export interface BracketBook {
  rows: OrderRow[];
  entry: OrderRow | undefined;
  exits: OrderRow[];
  figures: PositionFigures;
}

export function bookOf(record: BracketRecord, orders: OrdersRepo): BracketBook {
  const rows = orders.byOrigin(record.id);
  const entry = rows.find((r) => r.originRole === ENTRY_ROLE);
  const exits = rows.filter((r) => r.originRole !== ENTRY_ROLE);
  const entryTrades = entry ? orders.tradesOf(entry.accountId, entry.clientOrderId) : [];
  const exitTrades = exits.flatMap((r) => orders.tradesOf(r.accountId, r.clientOrderId));
  const figures = positionFigures(record.side, record.state, entryTrades, exitTrades);
  return { rows, entry, exits, figures };
}

export function bracketView(record: BracketRecord, book: BracketBook): BracketView {
  const { plan, state } = record;
  const byId = new Map(book.rows.map((r) => [r.clientOrderId, r]));
  const active = record.status === 'pending_entry' || record.status === 'open_position';
  const stop = effectiveStop(record.side, state.stopPrice, plan.trailing?.callbackPct ?? null, state.extreme);
  return {
    id: record.id,
    accountId: record.accountId,
    symbol: record.symbol,
    side: record.side,
    status: record.status,
    entry: {
      type: plan.entry.type,
      price: plan.entry.price,
      amount: plan.amount,
      clientOrderId: book.entry?.clientOrderId ?? null,
      filled: book.entry?.filled ?? 0,
      averagePrice: book.entry?.averagePrice ?? book.figures.entryAverage,
    },
    position: book.figures.position,
    targets: state.targets.map((t, index) => ({
      index,
      price: t.price,
      percent: t.percent,
      share: t.share,
      status: t.status,
      clientOrderId: t.clientOrderId,
      amount: t.amount,
      filled: (t.clientOrderId ? byId.get(t.clientOrderId)?.filled : undefined) ?? 0,
    })),
    stopLoss: plan.stopLoss ? { price: state.stopPrice ?? plan.stopLoss.price, percent: plan.stopLoss.percent } : null,
    trailing: plan.trailing ? { callbackPct: plan.trailing.callbackPct, extreme: state.extreme } : null,
    effectiveStop: active ? stop.price : null,
    realizedPnl: book.figures.realizedPnl,
    quote: state.quote,
    closeReason: state.closeReason,
    message: state.message,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
