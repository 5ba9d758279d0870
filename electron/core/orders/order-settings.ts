import type { OrderSettings } from '../../../shared/ipc/schemas/orders';
import type { Db } from '../db/connection';

export const DEFAULT_SLIPPAGE_BPS = 5;

/** Per-account trading preferences: the live-order confirmation step and the paper slippage. */
export class OrderSettingsRepo {
  constructor(
    private readonly db: Db,
    /** The settings' paper slippage, for accounts that have not chosen their own. */
    private readonly defaultSlippageBps: () => number = () => DEFAULT_SLIPPAGE_BPS,
  ) {}

  get(accountId: string): OrderSettings {
    const row = this.db.prepare('SELECT confirm_orders, slippage_bps FROM order_settings WHERE account_id = ?').get(accountId) as
      { confirm_orders: number; slippage_bps: number } | undefined;
    return { accountId, confirmOrders: row ? row.confirm_orders === 1 : true, slippageBps: row?.slippage_bps ?? this.defaultSlippageBps() };
  }

  update(accountId: string, patch: { confirmOrders?: boolean | undefined; slippageBps?: number | undefined }): OrderSettings {
    const current = this.get(accountId);
    const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as OrderSettings;
    this.db
      .prepare(
        `INSERT INTO order_settings (account_id, confirm_orders, slippage_bps) VALUES (?, ?, ?)
         ON CONFLICT(account_id) DO UPDATE SET confirm_orders = excluded.confirm_orders, slippage_bps = excluded.slippage_bps`,
      )
      .run(accountId, next.confirmOrders ? 1 : 0, next.slippageBps);
    return next;
  }
}
