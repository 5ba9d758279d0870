/**
 * The test-facing control surface over the exchange state: keys, balances, prices and read-only
 * views of orders and trades. Everything returned is a copy, so a test cannot corrupt the state
 * by mutating what it inspects.
 */
import type { ExchangeCore } from './core';
import { dec, fmt } from './decimal';
import type { Balance, FakeStateSnapshot, KeyRecord, KeyRights, OrderRecord, OrderStatus, TradeRecord } from './state';

/** Keys with `ipRestrict: true` are whitelisted for the loopback address the fake listens on. */
const LOOPBACK = '127.0.0.1';

export interface AddKeyInput {
  apiKey: string;
  secret: string;
  /** Defaults: read true, trade false, withdraw false (the least a key can have). */
  rights?: Partial<KeyRights>;
  /** Account the key trades for; defaults to the key itself. Two keys may share an account (rotation). */
  account?: string;
  /** true: restricted to loopback (so tests still reach it); a list: exactly these client IPs. */
  ipRestrict?: boolean | string[];
  createTime?: number;
  tradingAuthorityExpirationTime?: number;
  /** OKX: the key's passphrase (checked on every private call). */
  passphrase?: string;
  /** The rights endpoint does not say what the key may do (e.g. OKX account/config without `perm`). */
  rightsUnreadable?: boolean;
}

export interface OrderFilter {
  /** API key or account id. */
  account?: string;
  symbol?: string;
  status?: OrderStatus;
  clientOrderId?: string;
}

export interface CandleInput {
  openTime: number;
  open: string | number;
  high: string | number;
  low: string | number;
  close: string | number;
  volume: string | number;
}

export interface StateControl {
  addKey(input: AddKeyInput): void;
  removeKey(apiKey: string): void;
  /** Sets the free balance of a key's account (or an account id); locked funds are untouched. */
  setBalance(keyOrAccount: string, asset: string, free: string | number): void;
  balances(keyOrAccount: string): Record<string, Balance>;
  /** Moves the last price (and the synthetic book with it), triggering stops and crossing limits. */
  setPrice(symbol: string, price: string | number, options?: { fillQty?: string | number }): TradeRecord[];
  price(symbol: string): string;
  /**
   * Closes a new 5-minute candle after the newest one the venue serves (the klines of every
   * interval include it once their bucket is complete). Does not move the last price.
   */
  appendCandle(symbol: string, candle: CandleInput): void;
  orders(filter?: OrderFilter): OrderRecord[];
  trades(filter?: Omit<OrderFilter, 'status' | 'clientOrderId'>): TradeRecord[];
  exportState(): FakeStateSnapshot;
}

function normaliseKey(input: AddKeyInput, now: number): KeyRecord {
  const whitelist = input.ipRestrict === true ? [LOOPBACK] : Array.isArray(input.ipRestrict) ? [...input.ipRestrict] : [];
  return {
    apiKey: input.apiKey,
    secret: input.secret,
    account: input.account ?? input.apiKey,
    rights: { read: input.rights?.read ?? true, trade: input.rights?.trade ?? false, withdraw: input.rights?.withdraw ?? false },
    ipWhitelist: whitelist,
    createTime: input.createTime ?? now,
    ...(input.tradingAuthorityExpirationTime !== undefined ? { tradingAuthorityExpirationTime: input.tradingAuthorityExpirationTime } : {}),
    ...(input.passphrase !== undefined ? { passphrase: input.passphrase } : {}),
    ...(input.rightsUnreadable === true ? { rightsUnreadable: true } : {}),
  };
}

export function createStateControl(core: ExchangeCore): StateControl {
  const { state } = core;
  return {
    addKey(input) {
      const key = normaliseKey(input, Date.now());
      state.keys.set(key.apiKey, key);
      state.account(key.account, Date.now());
    },
    removeKey(apiKey) {
      state.keys.delete(apiKey);
    },
    setBalance(keyOrAccount, asset, free) {
      const account = state.accountIdFor(keyOrAccount);
      state.setBalance(account, asset, dec(free), state.balance(account, asset).locked, Date.now());
    },
    balances(keyOrAccount) {
      const account = state.accounts.get(state.accountIdFor(keyOrAccount));
      if (!account) return {};
      return Object.fromEntries(
        Object.entries(account.balances).map(([asset, b]) => [asset, { free: fmt(dec(b.free)), locked: fmt(dec(b.locked)) }]),
      );
    },
    setPrice(symbol, price, setOptions) {
      const fillQty = setOptions?.fillQty;
      return structuredClone(core.engine.setPrice(symbol, dec(price), fillQty !== undefined ? { fillQty: dec(fillQty) } : {}, Date.now()));
    },
    price(symbol) {
      return state.market(symbol).lastPrice;
    },
    appendCandle(symbol, c) {
      core.appendBar(symbol, {
        openTime: c.openTime,
        open: dec(c.open),
        high: dec(c.high),
        low: dec(c.low),
        close: dec(c.close),
        volume: dec(c.volume),
      });
    },
    orders(filter = {}) {
      const account = filter.account !== undefined ? state.accountIdFor(filter.account) : undefined;
      return structuredClone(
        state.orders.filter(
          (o) =>
            (account === undefined || o.account === account) &&
            (filter.symbol === undefined || o.symbol === filter.symbol) &&
            (filter.status === undefined || o.status === filter.status) &&
            (filter.clientOrderId === undefined || o.clientOrderId === filter.clientOrderId),
        ),
      );
    },
    trades(filter = {}) {
      const account = filter.account !== undefined ? state.accountIdFor(filter.account) : undefined;
      return structuredClone(
        state.trades.filter(
          (t) => (account === undefined || t.account === account) && (filter.symbol === undefined || t.symbol === filter.symbol),
        ),
      );
    },
    exportState: () => state.snapshot(),
  };
}
