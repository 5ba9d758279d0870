import { TradewindError } from '../../../shared/ipc/errors';
import type { Db } from '../db/connection';
import { clean, formatMoney } from '../exchange/precision';

/**
 * Paper balances: funds move between free and used (reserved for open orders) and are paid
 * and received on fills. Callers run these inside the transaction that changes the order, so
 * an order and the money it moves are never out of step.
 */
export class PaperWallet {
  constructor(private readonly db: Db) {}

  balance(accountId: string, asset: string): { free: number; used: number } {
    const row = this.db.prepare('SELECT free, used FROM paper_balances WHERE account_id = ? AND asset = ?').get(accountId, asset) as
      { free: number; used: number } | undefined;
    return row ?? { free: 0, used: 0 };
  }

  all(accountId: string): Map<string, { free: number; used: number }> {
    const rows = this.db.prepare('SELECT asset, free, used FROM paper_balances WHERE account_id = ?').all(accountId) as Array<{
      asset: string;
      free: number;
      used: number;
    }>;
    return new Map(rows.map((r) => [r.asset, { free: r.free, used: r.used }]));
  }

  private write(accountId: string, asset: string, free: number, used: number): void {
    this.db
      .prepare(
        'INSERT INTO paper_balances (account_id, asset, free, used) VALUES (?, ?, ?, ?) ON CONFLICT(account_id, asset) DO UPDATE SET free = excluded.free, used = excluded.used',
      )
      .run(accountId, asset, Math.max(0, clean(free)), Math.max(0, clean(used)));
  }

  private insufficient(asset: string, needed: number, free: number): TradewindError {
    return new TradewindError(
      'insufficient_funds',
      `Paper: not enough ${asset}: the order needs ${formatMoney(needed, asset)} ${asset}, ${formatMoney(free, asset)} available.`,
    );
  }

  /** Reserves `amount` for an order. */
  lock(accountId: string, asset: string, amount: number): void {
    const { free, used } = this.balance(accountId, asset);
    if (amount > free * (1 + 1e-12)) throw this.insufficient(asset, amount, free);
    this.write(accountId, asset, free - Math.min(amount, free), used + Math.min(amount, free));
  }

  /** Returns reserved funds to the free balance. */
  release(accountId: string, asset: string, amount: number): void {
    if (amount <= 0) return;
    const { free, used } = this.balance(accountId, asset);
    const give = Math.min(amount, used);
    this.write(accountId, asset, free + give, used - give);
  }

  /** Pays `amount`: first from the order's reservation (`fromLock` at most), the rest from free funds. */
  pay(accountId: string, asset: string, amount: number, fromLock: number): void {
    const { free, used } = this.balance(accountId, asset);
    const locked = Math.min(fromLock, used, amount);
    const rest = clean(amount - locked);
    if (rest > free * (1 + 1e-12)) throw this.insufficient(asset, amount, free + locked);
    this.write(accountId, asset, free - Math.min(rest, free), used - locked);
  }

  receive(accountId: string, asset: string, amount: number): void {
    if (amount <= 0) return;
    const { free, used } = this.balance(accountId, asset);
    this.write(accountId, asset, free + amount, used);
  }
}
