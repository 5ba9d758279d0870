import type { AccountLimits } from '../../../shared/ipc/schemas/trust';
import type { Db } from '../db/connection';

/**
 * Defaults for a live account nobody has set limits on. Small on purpose: they bound what a
 * compromised renderer, a runaway bot or a fat finger can do in one order (1,000 USD) and in one
 * UTC day (10,000 USD) before a person notices; 5 % through the last price catches a shifted
 * decimal point while leaving room for a normal marketable limit. Raising them is one host
 * confirmation away.
 */
export const DEFAULT_LIMITS = { maxOrderNotional: 1_000, maxDailyNotional: 10_000, priceBandPct: 5 } as const;

export type LimitValues = Pick<AccountLimits, 'maxOrderNotional' | 'maxDailyNotional' | 'priceBandPct'>;

const DAY_MS = 86_400_000;

/** 00:00 UTC of the day `at` falls in. */
export const utcDayStart = (at: number): number => Math.floor(at / DAY_MS) * DAY_MS;

/** Per-account limits (`account_limits`) and the notional each live order was checked at (`order_notional`). */
export class LimitsRepo {
  constructor(private readonly db: Db) {}

  values(accountId: string): LimitValues & { isDefault: boolean; updatedAt: number | null } {
    const row = this.db
      .prepare('SELECT max_order_notional, max_daily_notional, price_band_pct, updated_at FROM account_limits WHERE account_id = ?')
      .get(accountId) as { max_order_notional: number; max_daily_notional: number; price_band_pct: number; updated_at: number } | undefined;
    if (!row) return { ...DEFAULT_LIMITS, isDefault: true, updatedAt: null };
    return {
      maxOrderNotional: row.max_order_notional,
      maxDailyNotional: row.max_daily_notional,
      priceBandPct: row.price_band_pct,
      isDefault: false,
      updatedAt: row.updated_at,
    };
  }

  save(accountId: string, values: LimitValues, at: number): void {
    this.db
      .prepare(
        `INSERT INTO account_limits (account_id, max_order_notional, max_daily_notional, price_band_pct, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(account_id) DO UPDATE SET max_order_notional = excluded.max_order_notional, max_daily_notional = excluded.max_daily_notional,
           price_band_pct = excluded.price_band_pct, updated_at = excluded.updated_at`,
      )
      .run(accountId, values.maxOrderNotional, values.maxDailyNotional, values.priceBandPct, at);
  }

  /** Remembers what an order was worth when it was checked, under its client id (in the intent's transaction). */
  recordNotional(accountId: string, clientOrderId: string, notionalUsd: number, at: number): void {
    this.db
      .prepare('INSERT OR REPLACE INTO order_notional (account_id, client_order_id, at, notional_usd) VALUES (?, ?, ?, ?)')
      .run(accountId, clientOrderId, at, notionalUsd);
  }

  /**
   * What the UTC day holds, read from the ledger: orders that may still trade or traded count in
   * full, cancelled/expired ones for the part that filled, refused and failed ones not at all.
   * `releasing` (an order an amend is about to cancel) counts already as the cancelled order it becomes.
   */
  usedSince(accountId: string, since: number, releasing: string | null = null): number {
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(CASE WHEN o.status IN ('cancelled', 'expired') OR o.client_order_id = ? THEN n.notional_usd * MIN(1, o.filled / o.amount) ELSE n.notional_usd END), 0) AS used
         FROM order_notional n JOIN orders o ON o.account_id = n.account_id AND o.client_order_id = n.client_order_id
         WHERE n.account_id = ? AND n.at >= ? AND o.status NOT IN ('rejected', 'failed')`,
      )
      .get(releasing, accountId, since) as { used: number };
    return row.used;
  }
}
