/**
 * Money movements: reserving funds for open orders, settling fills with commission, releasing
 * what an order no longer needs. Kept apart from the matching rules so that every balance
 * change goes through one place and free + locked can never drift from the open orders.
 */
import { dec, fmt, max, min, mul, truncate, ZERO, type Dec } from './decimal';
import { errors } from './errors';
import type { Market } from './markets';
import type { FakeState, OrderRecord, TradeRecord } from './state';

export interface FeeRates {
  maker: Dec;
  taker: Dec;
}

export class Ledger {
  constructor(
    private readonly state: FakeState,
    private readonly fees: FeeRates,
  ) {}

  free(account: string, asset: string): Dec {
    return this.state.balance(account, asset).free;
  }

  lockAmount(lockId: string | null): Dec {
    if (lockId === null) return ZERO;
    const lock = this.state.locks.get(lockId);
    return lock ? dec(lock.amount) : ZERO;
  }

  /** Moves `amount` from free to locked under `lockId`; -2010 when the free balance is short. */
  lock(lockId: string, account: string, asset: string, amount: Dec, now: number): void {
    const { free, locked } = this.state.balance(account, asset);
    if (free < amount) throw errors.insufficientBalance();
    this.state.setBalance(account, asset, free - amount, locked + amount, now);
    this.state.locks.set(lockId, { id: lockId, account, asset, amount: fmt(amount, 18) });
  }

  /** Returns part (or, without `amount`, all) of a lock to the free balance. */
  release(lockId: string | null, now: number, amount?: Dec): void {
    if (lockId === null) return;
    const lock = this.state.locks.get(lockId);
    if (!lock) return;
    const held = dec(lock.amount);
    const give = amount === undefined ? held : min(amount, held);
    if (give <= ZERO) return;
    const { free, locked } = this.state.balance(lock.account, lock.asset);
    this.state.setBalance(lock.account, lock.asset, free + give, locked - give, now);
    if (give === held) this.state.locks.delete(lockId);
    else lock.amount = fmt(held - give, 18);
  }

  /** Pays `amount` of `asset`, first out of the order's lock, the rest from the free balance. */
  private pay(order: OrderRecord, asset: string, amount: Dec, now: number): void {
    let remaining = amount;
    const lock = order.lockId === null ? undefined : this.state.locks.get(order.lockId);
    const { free, locked } = this.state.balance(order.account, asset);
    let newLocked = locked;
    if (lock && lock.asset === asset) {
      const fromLock = min(remaining, dec(lock.amount));
      newLocked -= fromLock;
      remaining -= fromLock;
      const left = dec(lock.amount) - fromLock;
      if (left === ZERO) this.state.locks.delete(lock.id);
      else lock.amount = fmt(left, 18);
    }
    if (free < remaining) throw new Error(`ledger: ${order.account} cannot pay ${fmt(amount)} ${asset}`);
    this.state.setBalance(order.account, asset, free - remaining, newLocked, now);
  }

  private receive(account: string, asset: string, amount: Dec, now: number): void {
    const { free, locked } = this.state.balance(account, asset);
    this.state.setBalance(account, asset, free + amount, locked, now);
  }

  /** Whether the account can pay `amount` from the order's lock plus its free balance. */
  canPay(order: OrderRecord, asset: string, amount: Dec): boolean {
    const lock = order.lockId === null ? undefined : this.state.locks.get(order.lockId);
    const fromLock = lock && lock.asset === asset ? dec(lock.amount) : ZERO;
    return fromLock + this.free(order.account, asset) >= amount;
  }

  /**
   * Settles one fill: the payer side leaves the lock/free balance, the received asset arrives
   * net of commission (Binance charges spot commission in the asset received).
   */
  settleFill(order: OrderRecord, market: Market, price: Dec, qty: Dec, isMaker: boolean, now: number): TradeRecord {
    const quoteQty = mul(price, qty);
    const rate = isMaker ? this.fees.maker : this.fees.taker;
    const isBuyer = order.side === 'BUY';
    const receivedAsset = isBuyer ? market.base : market.quote;
    const received = isBuyer ? qty : quoteQty;
    const commission = truncate(mul(received, rate), 8);
    if (isBuyer) this.pay(order, market.quote, quoteQty, now);
    else this.pay(order, market.base, qty, now);
    this.receive(order.account, receivedAsset, received - commission, now);

    order.executedQty = fmt(dec(order.executedQty) + qty);
    order.cummulativeQuoteQty = fmt(dec(order.cummulativeQuoteQty) + quoteQty);
    order.updateTime = now;
    const trade: TradeRecord = {
      account: order.account,
      symbol: order.symbol,
      id: this.state.nextTradeId++,
      orderId: order.orderId,
      orderListId: order.orderListId,
      price: fmt(price),
      qty: fmt(qty),
      quoteQty: fmt(quoteQty),
      commission: fmt(commission),
      commissionAsset: receivedAsset,
      time: now,
      isBuyer,
      isMaker,
      isBestMatch: true,
    };
    this.state.trades.push(trade);
    return trade;
  }

  /** What an open order still needs reserved: quote for buys (at its limit or stop), base for sells. */
  requiredLock(order: OrderRecord): Dec {
    const remaining = max(ZERO, dec(order.origQty) - dec(order.executedQty));
    if (order.side === 'SELL') return remaining;
    const price = dec(order.price) > ZERO ? dec(order.price) : dec(order.stopPrice);
    return mul(price, remaining);
  }

  /** After a fill, gives back what the rest of the order no longer needs (buys filled below limit). */
  trimLock(order: OrderRecord, now: number): void {
    const excess = this.lockAmount(order.lockId) - this.requiredLock(order);
    if (excess > ZERO) this.release(order.lockId, now, excess);
  }
}
