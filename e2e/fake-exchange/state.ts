/**
 * Everything the fake exchange remembers: keys, accounts, balances, orders, trades, prices.
 *
 * It is a plain object graph with decimals kept as strings, so it can be exported to JSON and
 * imported again, or handed as-is to a second server: a test can kill the fake (or the app under
 * test) mid-flight and restart it with the same exchange-side truth, which is exactly what
 * reconciliation after a crash has to cope with.
 */
import { dec, fmt, ZERO, type Dec } from './decimal';

export type Side = 'BUY' | 'SELL';
export type OrderType = 'LIMIT' | 'LIMIT_MAKER' | 'MARKET' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT' | 'TAKE_PROFIT_LIMIT';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'REJECTED';

export interface KeyRights {
  read: boolean;
  trade: boolean;
  withdraw: boolean;
}

export interface KeyRecord {
  apiKey: string;
  secret: string;
  account: string;
  rights: KeyRights;
  /** Whitelisted client IPs; an empty list means the key is not IP-restricted. */
  ipWhitelist: string[];
  createTime: number;
  /** Binance reports when trading permission lapses for keys without an IP restriction. */
  tradingAuthorityExpirationTime?: number;
  /** Venues whose keys carry a third credential (OKX's passphrase, chosen when the key was made). */
  passphrase?: string;
  /** The venue's key-rights endpoint hides the rights (the probe sees "unknown"). */
  rightsUnreadable?: boolean;
}

export interface Balance {
  free: string;
  locked: string;
}

export interface AccountRecord {
  id: string;
  uid: number;
  balances: Record<string, Balance>;
  updateTime: number;
}

/** Funds reserved for one order, or shared by both legs of an OCO. */
export interface LockRecord {
  id: string;
  account: string;
  asset: string;
  amount: string;
}

export interface OrderRecord {
  account: string;
  symbol: string;
  orderId: number;
  orderListId: number;
  clientOrderId: string;
  price: string;
  origQty: string;
  executedQty: string;
  cummulativeQuoteQty: string;
  status: OrderStatus;
  timeInForce: TimeInForce;
  type: OrderType;
  side: Side;
  stopPrice: string;
  icebergQty: string;
  time: number;
  updateTime: number;
  /** False for a stop order that has not triggered yet. */
  isWorking: boolean;
  workingTime: number;
  origQuoteOrderQty: string;
  selfTradePreventionMode: string;
  lockId: string | null;
}

export interface TradeRecord {
  account: string;
  symbol: string;
  id: number;
  orderId: number;
  orderListId: number;
  price: string;
  qty: string;
  quoteQty: string;
  commission: string;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
  isBestMatch: boolean;
}

export interface OrderListRecord {
  account: string;
  symbol: string;
  orderListId: number;
  contingencyType: 'OCO';
  listStatusType: 'EXEC_STARTED' | 'ALL_DONE';
  listOrderStatus: 'EXECUTING' | 'ALL_DONE' | 'REJECT';
  listClientOrderId: string;
  transactionTime: number;
  orderIds: number[];
}

export interface PublicTrade {
  id: number;
  price: string;
  qty: string;
  quoteQty: string;
  time: number;
  isBuyerMaker: boolean;
}

/** Live market state per symbol; the 24h figures start from the last day of the replay data. */
export interface MarketState {
  lastPrice: string;
  lastQty: string;
  openPrice: string;
  prevClosePrice: string;
  highPrice: string;
  lowPrice: string;
  volume: string;
  quoteVolume: string;
  count: number;
  updateId: number;
  tape: PublicTrade[];
}

export interface FakeStateSnapshot {
  version: 1;
  nextOrderId: number;
  nextTradeId: number;
  nextOrderListId: number;
  nextUid: number;
  keys: KeyRecord[];
  accounts: AccountRecord[];
  locks: LockRecord[];
  orders: OrderRecord[];
  trades: TradeRecord[];
  orderLists: OrderListRecord[];
  markets: Record<string, MarketState>;
}

/** Public trades kept per symbol for /api/v3/trades (Binance serves up to 1000). */
export const TAPE_LENGTH = 1000;

export class FakeState {
  nextOrderId = 1;
  nextTradeId = 1;
  nextOrderListId = 1;
  nextUid = 100000001;
  readonly keys = new Map<string, KeyRecord>();
  readonly accounts = new Map<string, AccountRecord>();
  readonly locks = new Map<string, LockRecord>();
  readonly orders: OrderRecord[] = [];
  readonly trades: TradeRecord[] = [];
  readonly orderLists: OrderListRecord[] = [];
  readonly markets = new Map<string, MarketState>();

  static fromSnapshot(snapshot: FakeStateSnapshot): FakeState {
    if (snapshot.version !== 1) throw new Error(`unsupported fake state version ${String(snapshot.version)}`);
    const copy = structuredClone(snapshot);
    const state = new FakeState();
    state.nextOrderId = copy.nextOrderId;
    state.nextTradeId = copy.nextTradeId;
    state.nextOrderListId = copy.nextOrderListId;
    state.nextUid = copy.nextUid;
    for (const key of copy.keys) state.keys.set(key.apiKey, key);
    for (const account of copy.accounts) state.accounts.set(account.id, account);
    for (const lock of copy.locks) state.locks.set(lock.id, lock);
    state.orders.push(...copy.orders);
    state.trades.push(...copy.trades);
    state.orderLists.push(...copy.orderLists);
    for (const [symbol, market] of Object.entries(copy.markets)) state.markets.set(symbol, market);
    return state;
  }

  /** A deep, JSON-safe copy: later changes to the live state do not leak into it. */
  snapshot(): FakeStateSnapshot {
    return structuredClone({
      version: 1 as const,
      nextOrderId: this.nextOrderId,
      nextTradeId: this.nextTradeId,
      nextOrderListId: this.nextOrderListId,
      nextUid: this.nextUid,
      keys: [...this.keys.values()],
      accounts: [...this.accounts.values()],
      locks: [...this.locks.values()],
      orders: this.orders,
      trades: this.trades,
      orderLists: this.orderLists,
      markets: Object.fromEntries(this.markets),
    });
  }

  account(id: string, now: number): AccountRecord {
    let account = this.accounts.get(id);
    if (!account) {
      account = { id, uid: this.nextUid++, balances: {}, updateTime: now };
      this.accounts.set(id, account);
    }
    return account;
  }

  /** Resolves an API key to its account id, or takes the argument as an account id. */
  accountIdFor(keyOrAccount: string): string {
    return this.keys.get(keyOrAccount)?.account ?? keyOrAccount;
  }

  balance(accountId: string, asset: string): { free: Dec; locked: Dec } {
    const entry = this.accounts.get(accountId)?.balances[asset];
    return { free: entry ? dec(entry.free) : ZERO, locked: entry ? dec(entry.locked) : ZERO };
  }

  setBalance(accountId: string, asset: string, free: Dec, locked: Dec, now: number): void {
    if (free < ZERO || locked < ZERO) throw new Error(`negative balance for ${accountId} ${asset}`);
    const account = this.account(accountId, now);
    account.balances[asset] = { free: fmt(free, 18), locked: fmt(locked, 18) };
    account.updateTime = now;
  }

  market(symbol: string): MarketState {
    const market = this.markets.get(symbol);
    if (!market) throw new Error(`no market state for ${symbol}`);
    return market;
  }

  orderById(account: string, symbol: string, orderId: number): OrderRecord | undefined {
    return this.orders.find((o) => o.account === account && o.symbol === symbol && o.orderId === orderId);
  }

  /** Client ids are only unique among open orders, so the newest match wins (as on Binance). */
  orderByClientId(account: string, symbol: string, clientOrderId: string): OrderRecord | undefined {
    for (let i = this.orders.length - 1; i >= 0; i--) {
      const order = this.orders[i];
      if (order && order.account === account && order.symbol === symbol && order.clientOrderId === clientOrderId) return order;
    }
    return undefined;
  }

  openOrders(account?: string, symbol?: string): OrderRecord[] {
    return this.orders.filter(
      (o) =>
        (o.status === 'NEW' || o.status === 'PARTIALLY_FILLED') &&
        (account === undefined || o.account === account) &&
        (symbol === undefined || o.symbol === symbol),
    );
  }
}
