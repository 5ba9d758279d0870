import type { OrderOrigin, OrderSide, OrderStatus, OrderType, OrderView, TradeView } from '../../../shared/ipc/schemas/orders';
import type { PageKey } from '../../../shared/ipc/schemas/paging';
import type { Db } from '../db/connection';
import { WALL_CLOCK, type AccountClock } from '../market-data/account-clock';
import { CLIENT_ID_PATTERN, isOurClientId, makeClientOrderId } from './client-id';
import { OPEN_STATUSES } from './order-state';

export interface OrderRow {
  accountId: string;
  clientOrderId: string;
  exchangeOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  amount: number;
  price: number | null;
  stopPrice: number | null;
  status: OrderStatus;
  filled: number;
  averagePrice: number | null;
  cost: number;
  origin: OrderOrigin;
  originId: string | null;
  originRole: string | null;
  lookups: number;
  nextLookupAt: number | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
  /** `createdAt` on the account's market clock (see AccountClock); null = the wall clock. */
  marketAt: number | null;
  /** Only reduces a position (perpetual swaps: the buy that closes a short); absent: an ordinary order. */
  reduceOnly?: true;
}

export interface NewIntent {
  accountId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  amount: number;
  price: number | null;
  stopPrice: number | null;
  origin: OrderOrigin;
  originId: string | null;
  originRole: string | null;
  /** Sent reduce-only (perpetual swaps): it may only shrink the position, never open the other side. */
  reduceOnly?: boolean;
  /**
   * A client id derived from what asked for the order (a copy: leader + event + follower), so the
   * same request can never make a second order; absent, the account's next sequence id.
   */
  clientOrderId?: string;
}

export type OrderPatch = Partial<
  Pick<
    OrderRow,
    | 'exchangeOrderId'
    | 'status'
    | 'filled'
    | 'averagePrice'
    | 'cost'
    | 'lookups'
    | 'nextLookupAt'
    | 'error'
    | 'amount'
    | 'price'
    | 'stopPrice'
  >
>;

interface RawOrder {
  account_id: string;
  client_order_id: string;
  exchange_order_id: string | null;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  amount: number;
  price: number | null;
  stop_price: number | null;
  status: OrderStatus;
  filled: number;
  average_price: number | null;
  cost: number;
  origin: OrderOrigin;
  origin_id: string | null;
  origin_role: string | null;
  lookups: number;
  next_lookup_at: number | null;
  error: string | null;
  created_at: number;
  updated_at: number;
  market_at: number | null;
  reduce_only: number;
}

interface RawTrade {
  account_id: string;
  trade_id: string;
  client_order_id: string;
  symbol: string;
  side: OrderSide;
  price: number;
  amount: number;
  cost: number;
  fee: number;
  fee_asset: string | null;
  maker: number | null;
  at: number;
  /** The trades table's rowid: the order the ledger recorded fills in. */
  seq: number;
}

const toOrder = (r: RawOrder): OrderRow => ({
  accountId: r.account_id,
  clientOrderId: r.client_order_id,
  exchangeOrderId: r.exchange_order_id,
  symbol: r.symbol,
  side: r.side,
  type: r.type,
  amount: r.amount,
  price: r.price,
  stopPrice: r.stop_price,
  ...(r.reduce_only === 1 ? { reduceOnly: true as const } : {}),
  status: r.status,
  filled: r.filled,
  averagePrice: r.average_price,
  cost: r.cost,
  origin: r.origin,
  originId: r.origin_id,
  originRole: r.origin_role,
  lookups: r.lookups,
  nextLookupAt: r.next_lookup_at,
  error: r.error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  marketAt: r.market_at,
});

const toTrade = (r: RawTrade): TradeView => ({
  accountId: r.account_id,
  tradeId: r.trade_id,
  clientOrderId: r.client_order_id,
  symbol: r.symbol,
  side: r.side,
  price: r.price,
  amount: r.amount,
  cost: r.cost,
  fee: r.fee,
  feeAsset: r.fee_asset,
  maker: r.maker === null ? null : r.maker === 1,
  at: r.at,
  seq: r.seq,
});

const PATCH_COLUMNS: Record<keyof OrderPatch, string> = {
  exchangeOrderId: 'exchange_order_id',
  status: 'status',
  filled: 'filled',
  averagePrice: 'average_price',
  cost: 'cost',
  lookups: 'lookups',
  nextLookupAt: 'next_lookup_at',
  error: 'error',
  amount: 'amount',
  price: 'price',
  stopPrice: 'stop_price',
};

export interface OrderQuery {
  accountId?: string | undefined;
  symbol?: string | undefined;
  statuses?: readonly OrderStatus[];
  excludeStatuses?: readonly OrderStatus[];
  /** A bot's orders (origin 'bot' with this origin id). */
  botId?: string | undefined;
  limit?: number | undefined;
}

/** A page of orders: strictly older than `after` by (created_at, rowid), newest first. */
export interface OrderPageQuery extends OrderQuery {
  after?: PageKey | undefined;
  limit: number;
}

/** The order ledger and the fills, in SQLite. Intents are written here before anything is sent. */
export class OrdersRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    private readonly marketClock: AccountClock = WALL_CLOCK,
  ) {}

  /** Allocates the account's next client id and records the intent, in one transaction. */
  createIntent(intent: NewIntent): OrderRow {
    const at = this.now();
    return this.db.transaction(() => {
      const row = this.db
        .prepare(
          'INSERT INTO order_sequences (account_id, next) VALUES (?, 2) ON CONFLICT(account_id) DO UPDATE SET next = next + 1 RETURNING next',
        )
        .get(intent.accountId) as { next: number };
      const clientOrderId = intent.clientOrderId ?? makeClientOrderId(intent.accountId, row.next - 1);
      if (!isOurClientId(intent.accountId, clientOrderId) || !CLIENT_ID_PATTERN.test(clientOrderId))
        throw new Error(`client order id ${clientOrderId} is not one of this account's ids`);
      this.db
        .prepare(
          `INSERT INTO orders (account_id, client_order_id, symbol, side, type, amount, price, stop_price, status, origin, origin_id, origin_role, created_at, updated_at, market_at, reduce_only)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'intent', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          intent.accountId,
          clientOrderId,
          intent.symbol,
          intent.side,
          intent.type,
          intent.amount,
          intent.price,
          intent.stopPrice,
          intent.origin,
          intent.originId,
          intent.originRole,
          at,
          at,
          this.marketClock(intent.accountId),
          intent.reduceOnly ? 1 : 0,
        );
      return this.require(intent.accountId, clientOrderId);
    })();
  }

  /** An order found on the venue that the ledger did not know (placed elsewhere, or before a data reset). */
  adopt(
    row: Omit<OrderRow, 'createdAt' | 'updatedAt' | 'marketAt' | 'lookups' | 'nextLookupAt' | 'error' | 'originId' | 'originRole'>,
    createdAt: number,
  ): OrderRow {
    this.db
      .prepare(
        `INSERT INTO orders (account_id, client_order_id, exchange_order_id, symbol, side, type, amount, price, stop_price, status, filled, average_price, cost, origin, reduce_only, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.accountId,
        row.clientOrderId,
        row.exchangeOrderId,
        row.symbol,
        row.side,
        row.type,
        row.amount,
        row.price,
        row.stopPrice,
        row.status,
        row.filled,
        row.averagePrice,
        row.cost,
        row.origin,
        row.reduceOnly === true ? 1 : 0,
        createdAt,
        this.now(),
      );
    return this.require(row.accountId, row.clientOrderId);
  }

  get(accountId: string, clientOrderId: string): OrderRow | undefined {
    const raw = this.db.prepare('SELECT * FROM orders WHERE account_id = ? AND client_order_id = ?').get(accountId, clientOrderId) as
      RawOrder | undefined;
    return raw && toOrder(raw);
  }

  require(accountId: string, clientOrderId: string): OrderRow {
    const row = this.get(accountId, clientOrderId);
    if (!row) throw new Error(`order ${clientOrderId} of ${accountId} is not in the ledger`);
    return row;
  }

  byExchangeId(accountId: string, exchangeOrderId: string): OrderRow | undefined {
    const raw = this.db.prepare('SELECT * FROM orders WHERE account_id = ? AND exchange_order_id = ?').get(accountId, exchangeOrderId) as
      RawOrder | undefined;
    return raw && toOrder(raw);
  }

  update(accountId: string, clientOrderId: string, patch: OrderPatch): OrderRow {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as Array<[keyof OrderPatch, unknown]>;
    if (entries.length > 0) {
      const sets = entries.map(([key]) => `${PATCH_COLUMNS[key]} = ?`).join(', ');
      this.db
        .prepare(`UPDATE orders SET ${sets}, updated_at = ? WHERE account_id = ? AND client_order_id = ?`)
        .run(...entries.map(([, v]) => v), this.now(), accountId, clientOrderId);
    }
    return this.require(accountId, clientOrderId);
  }

  list(query: OrderQuery): OrderRow[] {
    return this.selectNewestFirst(query).map((raw) => toOrder(raw));
  }

  /** Orders by (created_at, rowid) descending, each with its page key; both never change once written. */
  page(query: OrderPageQuery): Array<{ row: OrderRow; key: PageKey }> {
    return this.selectNewestFirst(query).map((raw) => ({ row: toOrder(raw), key: { time: raw.created_at, id: raw.row_id } }));
  }

  private selectNewestFirst(query: OrderQuery & { after?: PageKey | undefined }): Array<RawOrder & { row_id: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.accountId) {
      where.push('account_id = ?');
      params.push(query.accountId);
    }
    if (query.symbol) {
      where.push('symbol = ?');
      params.push(query.symbol);
    }
    if (query.statuses) {
      where.push(`status IN (${query.statuses.map(() => '?').join(', ')})`);
      params.push(...query.statuses);
    }
    if (query.excludeStatuses) {
      where.push(`status NOT IN (${query.excludeStatuses.map(() => '?').join(', ')})`);
      params.push(...query.excludeStatuses);
    }
    if (query.botId) {
      where.push(`origin = 'bot' AND origin_id = ?`);
      params.push(query.botId);
    }
    if (query.after) {
      where.push('(created_at, rowid) < (?, ?)');
      params.push(query.after.time, query.after.id);
    }
    const sql = `SELECT rowid AS row_id, * FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
    return this.db.prepare(sql).all(...params, query.limit ?? 10_000) as Array<RawOrder & { row_id: number }>;
  }

  byOrigin(originId: string): OrderRow[] {
    return (this.db.prepare('SELECT * FROM orders WHERE origin_id = ? ORDER BY created_at, rowid').all(originId) as RawOrder[]).map(
      toOrder,
    );
  }

  /** Orders that have filled something, created from `since` on, oldest first: one account's, or one origin's (a copy leader's catch-up after a restart). */
  filledSince(by: { accountId: string } | { originId: string }, since: number): OrderRow[] {
    const [column, value] = 'accountId' in by ? ['account_id', by.accountId] : ['origin_id', by.originId];
    const rows = this.db
      .prepare(`SELECT * FROM orders WHERE ${column} = ? AND created_at >= ? AND filled > 0 ORDER BY created_at, rowid`)
      .all(value, since) as RawOrder[];
    return rows.map(toOrder);
  }

  /** Orders of one origin whose role starts with `rolePrefix` (a bot's current run), through the (origin_id, origin_role) index. */
  byOriginRole(originId: string, rolePrefix: string): OrderRow[] {
    const rows = this.db
      .prepare('SELECT * FROM orders WHERE origin_id = ? AND origin_role >= ? AND origin_role < ? ORDER BY created_at, rowid')
      .all(originId, rolePrefix, `${rolePrefix}\uffff`) as RawOrder[];
    return rows.map(toOrder);
  }

  /** Every market an account has orders in (any status). */
  symbolsOf(accountId: string): string[] {
    const rows = this.db.prepare('SELECT DISTINCT symbol FROM orders WHERE account_id = ?').all(accountId) as Array<{ symbol: string }>;
    return rows.map((r) => r.symbol);
  }

  /** Accounts that have orders the venue may still change. */
  accountsWith(statuses: readonly OrderStatus[]): string[] {
    const rows = this.db
      .prepare(`SELECT DISTINCT account_id FROM orders WHERE status IN (${statuses.map(() => '?').join(', ')})`)
      .all(...statuses) as Array<{ account_id: string }>;
    return rows.map((r) => r.account_id);
  }

  /**
   * Finished orders whose recorded trades fall short of what the venue said was filled (the
   * fills could not be read at the time): the poller reads them again so no fill is lost.
   */
  missingFills(accountId: string, since: number): OrderRow[] {
    const sql = `SELECT o.* FROM orders o
      WHERE o.account_id = ? AND o.updated_at >= ? AND o.filled > 0 AND o.exchange_order_id IS NOT NULL
        AND o.status IN ('filled', 'cancelled', 'expired')
        AND o.filled > COALESCE((SELECT SUM(t.amount) FROM trades t WHERE t.account_id = o.account_id AND t.client_order_id = o.client_order_id), 0) + 1e-12
      LIMIT 50`;
    return (this.db.prepare(sql).all(accountId, since) as RawOrder[]).map(toOrder);
  }

  /** Accounts with a finished order updated since `since` whose trades fall short (see `missingFills`). */
  accountsMissingFills(since: number): string[] {
    // INDEXED BY: the status index would visit every finished order ever; only recent ones can be short.
    const sql = `SELECT DISTINCT o.account_id FROM orders o INDEXED BY orders_updated
      WHERE o.updated_at >= ? AND o.filled > 0 AND o.exchange_order_id IS NOT NULL AND o.status IN ('filled', 'cancelled', 'expired')
        AND o.filled > COALESCE((SELECT SUM(t.amount) FROM trades t WHERE t.account_id = o.account_id AND t.client_order_id = o.client_order_id), 0) + 1e-12`;
    return (this.db.prepare(sql).all(since) as Array<{ account_id: string }>).map((r) => r.account_id);
  }

  openSymbols(accountId: string): string[] {
    const rows = this.db
      .prepare(`SELECT DISTINCT symbol FROM orders WHERE account_id = ? AND status IN (${OPEN_STATUSES.map(() => '?').join(', ')})`)
      .all(accountId, ...OPEN_STATUSES) as Array<{ symbol: string }>;
    return rows.map((r) => r.symbol);
  }

  /**
   * Records a fill once: the venue's trade id is the key, so a fill seen twice (poll + reply)
   * counts once. Returns the fill's ledger sequence (its rowid: trades are never deleted but with
   * their account, so it only grows), or null when the fill was already recorded.
   */
  insertTrade(trade: Omit<TradeView, 'seq'>): number | null {
    const result = this.db
      .prepare(
        `INSERT OR IGNORE INTO trades (account_id, trade_id, client_order_id, symbol, side, price, amount, cost, fee, fee_asset, maker, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        trade.accountId,
        trade.tradeId,
        trade.clientOrderId,
        trade.symbol,
        trade.side,
        trade.price,
        trade.amount,
        trade.cost,
        trade.fee,
        trade.feeAsset,
        trade.maker === null ? null : trade.maker ? 1 : 0,
        trade.at,
      );
    return result.changes > 0 ? Number(result.lastInsertRowid) : null;
  }

  tradesOf(accountId: string, clientOrderId: string): TradeView[] {
    return (
      this.db
        .prepare('SELECT rowid AS seq, * FROM trades WHERE account_id = ? AND client_order_id = ? ORDER BY rowid')
        .all(accountId, clientOrderId) as RawTrade[]
    ).map(toTrade);
  }

  /** Fills newest first in ledger order; `beforeSeq` pages on (a fill's seq never changes, new ones are larger). */
  trades(query: {
    accountId?: string | undefined;
    symbol?: string | undefined;
    since?: number | undefined;
    beforeSeq?: number | undefined;
    limit?: number | undefined;
  }): TradeView[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.accountId) {
      where.push('account_id = ?');
      params.push(query.accountId);
    }
    if (query.symbol) {
      where.push('symbol = ?');
      params.push(query.symbol);
    }
    if (query.since !== undefined) {
      where.push('at >= ?');
      params.push(query.since);
    }
    if (query.beforeSeq !== undefined) {
      where.push('rowid < ?');
      params.push(query.beforeSeq);
    }
    const sql = `SELECT rowid AS seq, * FROM trades ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, query.limit ?? 200) as RawTrade[]).map(toTrade);
  }

  feesOf(accountId: string, clientOrderId: string): Array<{ amount: number; asset: string }> {
    const rows = this.db
      .prepare(
        'SELECT fee_asset AS asset, SUM(fee) AS amount FROM trades WHERE account_id = ? AND client_order_id = ? AND fee > 0 AND fee_asset IS NOT NULL GROUP BY fee_asset',
      )
      .all(accountId, clientOrderId) as Array<{ asset: string; amount: number }>;
    return rows.map((r) => ({ asset: r.asset, amount: r.amount }));
  }

  /**
   * The fees of every order of one origin, per `accountId|clientOrderId`, in one read: a copy
   * link's positions are recomputed from all its orders on each leader fill, and one read per
   * order grew with the link's history.
   */
  feesByOrigin(originId: string): Map<string, Array<{ amount: number; asset: string }>> {
    const rows = this.db
      .prepare(
        `SELECT t.account_id AS accountId, t.client_order_id AS clientOrderId, t.fee_asset AS asset, SUM(t.fee) AS amount
         FROM orders o JOIN trades t ON t.account_id = o.account_id AND t.client_order_id = o.client_order_id
         WHERE o.origin_id = ? AND t.fee > 0 AND t.fee_asset IS NOT NULL
         GROUP BY t.account_id, t.client_order_id, t.fee_asset`,
      )
      .all(originId) as Array<{ accountId: string; clientOrderId: string; asset: string; amount: number }>;
    const fees = new Map<string, Array<{ amount: number; asset: string }>>();
    for (const r of rows) {
      const key = `${r.accountId}|${r.clientOrderId}`;
      fees.set(key, [...(fees.get(key) ?? []), { asset: r.asset, amount: r.amount }]);
    }
    return fees;
  }

  view(row: OrderRow): OrderView {
    return {
      clientOrderId: row.clientOrderId,
      accountId: row.accountId,
      exchangeOrderId: row.exchangeOrderId,
      symbol: row.symbol,
      side: row.side,
      type: row.type,
      amount: row.amount,
      price: row.price,
      stopPrice: row.stopPrice,
      status: row.status,
      filled: row.filled,
      averagePrice: row.averagePrice,
      cost: row.cost,
      fees: this.feesOf(row.accountId, row.clientOrderId),
      origin: row.origin,
      originId: row.originId,
      originRole: row.originRole,
      lookups: row.lookups,
      error: row.error,
      createdAt: row.createdAt,
      marketAt: row.marketAt,
      updatedAt: row.updatedAt,
    };
  }
}
