import type { OrderSide, OrderType } from '../../../shared/ipc/schemas/orders';
import type { Db } from '../db/connection';
import type { VenueFill, VenueStatus } from '../exchange/venue';

export interface PaperOrder {
  orderId: number;
  accountId: string;
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  amount: number;
  price: number | null;
  stopPrice: number | null;
  status: VenueStatus;
  triggered: boolean;
  filled: number;
  cost: number;
  lockAsset: string | null;
  locked: number;
  createdAt: number;
  updatedAt: number;
}

interface RawPaperOrder {
  order_id: number;
  account_id: string;
  client_order_id: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  amount: number;
  price: number | null;
  stop_price: number | null;
  status: VenueStatus;
  triggered: number;
  filled: number;
  cost: number;
  lock_asset: string | null;
  locked: number;
  created_at: number;
  updated_at: number;
}

const toOrder = (r: RawPaperOrder): PaperOrder => ({
  orderId: r.order_id,
  accountId: r.account_id,
  clientOrderId: r.client_order_id,
  symbol: r.symbol,
  side: r.side,
  type: r.type,
  amount: r.amount,
  price: r.price,
  stopPrice: r.stop_price,
  status: r.status,
  triggered: r.triggered === 1,
  filled: r.filled,
  cost: r.cost,
  lockAsset: r.lock_asset,
  locked: r.locked,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const OPEN = "('open', 'partially_filled')";

/** The paper exchange's own order book-keeping: what a real exchange would hold on its side. */
export class PaperOrdersRepo {
  constructor(private readonly db: Db) {}

  insert(order: Omit<PaperOrder, 'orderId' | 'filled' | 'cost' | 'triggered' | 'updatedAt'>): PaperOrder {
    const result = this.db
      .prepare(
        `INSERT INTO paper_orders (account_id, client_order_id, symbol, side, type, amount, price, stop_price, status, lock_asset, locked, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        order.accountId,
        order.clientOrderId,
        order.symbol,
        order.side,
        order.type,
        order.amount,
        order.price,
        order.stopPrice,
        order.status,
        order.lockAsset,
        order.locked,
        order.createdAt,
        order.createdAt,
      );
    return this.byId(Number(result.lastInsertRowid)) as PaperOrder;
  }

  byId(orderId: number): PaperOrder | undefined {
    const raw = this.db.prepare('SELECT * FROM paper_orders WHERE order_id = ?').get(orderId) as RawPaperOrder | undefined;
    return raw && toOrder(raw);
  }

  byClientId(accountId: string, clientOrderId: string): PaperOrder | undefined {
    const raw = this.db.prepare('SELECT * FROM paper_orders WHERE account_id = ? AND client_order_id = ?').get(accountId, clientOrderId) as
      RawPaperOrder | undefined;
    return raw && toOrder(raw);
  }

  save(order: PaperOrder): void {
    this.db
      .prepare('UPDATE paper_orders SET status = ?, triggered = ?, filled = ?, cost = ?, locked = ?, updated_at = ? WHERE order_id = ?')
      .run(order.status, order.triggered ? 1 : 0, order.filled, order.cost, order.locked, order.updatedAt, order.orderId);
  }

  open(accountId?: string, symbol?: string): PaperOrder[] {
    const where = [`status IN ${OPEN}`];
    const params: unknown[] = [];
    if (accountId !== undefined) {
      where.push('account_id = ?');
      params.push(accountId);
    }
    if (symbol !== undefined) {
      where.push('symbol = ?');
      params.push(symbol);
    }
    return (
      this.db.prepare(`SELECT * FROM paper_orders WHERE ${where.join(' AND ')} ORDER BY order_id`).all(...params) as RawPaperOrder[]
    ).map(toOrder);
  }

  /** Symbols with open paper orders, per account. */
  openSymbols(): Array<{ accountId: string; symbol: string }> {
    const rows = this.db.prepare(`SELECT DISTINCT account_id, symbol FROM paper_orders WHERE status IN ${OPEN}`).all() as Array<{
      account_id: string;
      symbol: string;
    }>;
    return rows.map((r) => ({ accountId: r.account_id, symbol: r.symbol }));
  }

  insertFill(orderId: number, fill: Omit<VenueFill, 'tradeId'>): VenueFill {
    const result = this.db
      .prepare('INSERT INTO paper_fills (order_id, price, amount, cost, fee, fee_asset, maker, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(orderId, fill.price, fill.amount, fill.cost, fill.fee, fill.feeAsset, fill.maker ? 1 : 0, fill.at);
    return { ...fill, tradeId: `P${Number(result.lastInsertRowid)}` };
  }

  fills(orderId: number): VenueFill[] {
    const rows = this.db.prepare('SELECT * FROM paper_fills WHERE order_id = ? ORDER BY trade_id').all(orderId) as Array<{
      trade_id: number;
      price: number;
      amount: number;
      cost: number;
      fee: number;
      fee_asset: string;
      maker: number;
      at: number;
    }>;
    return rows.map((r) => ({
      tradeId: `P${r.trade_id}`,
      price: r.price,
      amount: r.amount,
      cost: r.cost,
      fee: r.fee,
      feeAsset: r.fee_asset,
      maker: r.maker === 1,
      at: r.at,
    }));
  }
}
